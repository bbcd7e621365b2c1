#pragma once
// The one matrix square root of the tests.
#include "sgm/base/types.hpp"

namespace sgm::test {

// The symmetric positive semidefinite square root V diag(sqrt(max(λ, 0))) Vᵀ of a symmetric A = V diag(λ) Vᵀ (self-
// adjoint eigendecomposition). Eigenvalues that rounding has pushed just below 0 are read as 0.
Matrix spd_sqrt(const Matrix& a);

}  // namespace sgm::test
