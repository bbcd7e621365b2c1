#pragma once
// The empirical measure of a point cloud, q = (1/N) Σ_i δ_{x_i}, in any dimension: bounded-support data (theory §1,
// §9.8; the setting of Chen et al.'s bounded-support corollary). Its perturbed law is exactly a mixture with one
// shared isotropic covariance,
//     a X_0 + s Z ~ (1/N) Σ_i N(a x_i, s² I),
// so with r_i = a x_i - x and weights w_i ∝ exp(-|r_i|²/(2s²)) (a softmax taken after subtracting the largest
// exponent, so it is stable far from every point and for tiny s):
//     ln p(x) = ln Σ_i exp(-|r_i|²/(2s²)) - ln N - (d/2) ln(2π s²),      ∇ ln p(x) = Σ_i w_i r_i / s².
// The differences r_i are formed directly (never as |x|² - 2a x·x_i + a²|x_i|²), so as s → 0 the score keeps its
// precision and points from x to the nearest scaled point a x_i.
//
// Not a GaussianMixture with zero covariances: that class validates a positive-definite d × d covariance per component.
// The evaluation is the isotropic mixture kernel (mixture_kernel.hpp) with weights 1/N, means x_i and σ_i = 0, so
// c_i = s²: O(n N d) per batch, any s > 0. s = 0 is rejected (the law of a X_0 is discrete: no density, no score).
//
// Figures: m2 = mean |x_i|²; support radius R = max |x_i|; Lipschitz constant of the perturbed scores +∞ (by Tweedie,
// ∇² ln q_t = -I/σ_t² + a² Cov(X_0 | X_t)/σ_t⁴, bounded by max(σ_t^{-2}, a² R² σ_t^{-4}) (theory §1), which blows up as
// t → 0); semiconvexity K = +∞ and KL(q ‖ N(0, I)) = +∞ (no density); convexity at infinity NaN (not defined).
#include <string>

#include "sgm/target/mixture_kernel.hpp"
#include "sgm/target/target.hpp"

namespace sgm {

class PointCloud final : public Target {
public:
  // points: N × d, N in [1, 1e6], d in [1, 4096], finite entries (InvalidArgument naming "points" otherwise).
  explicit PointCloud(Particles points, std::string name = "points");

  std::string name() const override { return name_; }
  int dim() const override { return static_cast<int>(points_.cols()); }
  const Particles& points() const { return points_; }
  const Particles* empirical_points() const override { return &points_; }
  const IsotropicMixtureKernel* isotropic_mixture() const override { return &kernel_; }

  // Exact draws: particle i takes point floor(u N), u = rng.uniform(i, 0, stream, 0, 0).
  Particles sample_rows(std::size_t first, std::size_t count, const CounterRng& rng, Stream stream) const override;
  // Both throw InvalidArgument for s = 0.
  void score(double a, double s, const Particles& X, Particles& out) const override;
  Vector log_density(double a, double s, const Particles& X) const override;
  ScoreCost score_cost() const override;  // a distance to every point
  Vector mean() const override;
  Matrix covariance() const override;
  TargetFigures figures() const override;

private:
  void validate(double a, double s, const Particles& X) const;  // s > 0, finite (a, s), X of dimension d

  Particles points_;
  std::string name_;
  IsotropicMixtureKernel kernel_;  // weights 1/N, means x_i, variances 0
};

}  // namespace sgm
