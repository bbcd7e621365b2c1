#pragma once
// Kullback–Leibler divergences to Gaussians.
//   Between Gaussians (closed form):
//     KL(N(m0, S0) ‖ N(m1, S1)) = ½ [ tr(S1^{-1} S0) + (m1 - m0)ᵀ S1^{-1} (m1 - m0) - d + ln det S1 - ln det S0 ].
//   From the law p of a X_0 + s Z (X_0 ~ target, Z ~ N(0, I)) to N(0, r² I): closed form for a Gaussian target,
//   otherwise the Monte Carlo mean of ln p(X) - ln N(X; 0, r² I) over exact draws X ~ p, with a CLT interval
//   (theory §8.2: KL(q_T ‖ γ^d) "a Monte Carlo average of log q_T - log γ^d for mixtures").
// With (a, s, r) = (a(T), σ(T), prior_std(T)) this is the initialisation term KL(q_T ‖ γ^d) of the certified bounds;
// with (1, 0, 1) it is KL(q ‖ N(0, I)).
#include "sgm/base/monte_carlo_estimate.hpp"
#include "sgm/target/target.hpp"

namespace sgm {

// Validates dimensions and that both covariances are symmetric positive definite.
double gaussian_kl(const Vector& m0, const Matrix& S0, const Vector& m1, const Matrix& S1);

// KL(law of a X_0 + s Z ‖ N(0, r² I)). Validates a, s finite with a ≠ 0 or s > 0, r > 0, and the Monte Carlo options
// (used only when the target is not Gaussian; draws from the BoundSample/BoundNoise streams of options.seed).
Estimate kl_to_isotropic_gaussian(const Target& target, double a, double s, double r, const MonteCarloOptions& options);

}  // namespace sgm
