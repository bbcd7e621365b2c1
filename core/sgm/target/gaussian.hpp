#pragma once
// Gaussian data N(μ, Σ): a one-component mixture with its closed forms (theory §1):
// a X_0 + s Z ~ N(a μ, a^2 Σ + s^2 I); OU Lipschitz constant sup_t ‖(a^2Σ + σ^2 I)^{-1}‖ = max(1, 1/λ_min(Σ));
// KL(N(μ,Σ) ‖ N(0,I)) = ½ (tr Σ + |μ|^2 - d - ln det Σ).
#include "sgm/target/gaussian_mixture.hpp"

namespace sgm {

class Gaussian final : public GaussianMixture {
public:
  Gaussian(Vector mean, Matrix covariance);

  std::string name() const override { return "gaussian"; }
  TargetFigures figures() const override;
  const Gaussian* gaussian_form() const override { return this; }

  const Vector& mean_vector() const { return means().front(); }
  const Matrix& covariance_matrix() const { return covariances().front(); }
  // Covariance of a X_0 + s Z.
  Matrix perturbed_covariance(double a, double s) const;
};

}  // namespace sgm
