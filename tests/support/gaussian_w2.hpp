#pragma once
// The one Gaussian W2 of the tests, written independently of the core's metric (sgm/metric/gaussian_distances.hpp).
#include "sgm/base/types.hpp"

namespace sgm::test {

// W2 between N(m1, S1) and N(m2, S2) (Dowson & Landau 1982; Givens & Shortt 1984; the Bures metric):
//     W2² = |m1 - m2|² + tr(S1 + S2 - 2 (S2^{1/2} S1 S2^{1/2})^{1/2}),
// with spd_sqrt (matrix_sqrt.hpp) for both roots. The trace term is clamped at 0, so W2 of two equal laws reads as
// about sqrt(1e-16 tr(S1 + S2)) or 0: that is the resolution of the closed form.
double gaussian_w2(const Vector& m1, const Matrix& s1, const Vector& m2, const Matrix& s2);

}  // namespace sgm::test
