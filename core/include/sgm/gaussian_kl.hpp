#pragma once
// Kullback–Leibler divergence between Gaussians (closed form; e.g. Pardo, "Statistical Inference Based on
// Divergence Measures", 2006, §1.2):
//     KL(N(m0, S0) ‖ N(m1, S1)) = ½ [ tr(S1^{-1} S0) + (m1 - m0)ᵀ S1^{-1} (m1 - m0) - d + ln det S1 - ln det S0 ].
// Not symmetric: call it with the arguments swapped for the other direction.
#include "sgm/types.hpp"

namespace sgm {

// Validates dimensions and that both covariances are symmetric positive definite.
double gaussian_kl(const Vector& m0, const Matrix& S0, const Vector& m1, const Matrix& S1);

}  // namespace sgm
