#pragma once
// Gaussian mixture q = Σ_j π_j N(μ_j, Σ_j) in any dimension with full covariances (theory §1, "Score facts").
// The law of a X_0 + s Z is again a mixture, Σ_j π_j N(a μ_j, C_j) with C_j = a^2 Σ_j + s^2 I, and
//     ∇ log p(x) = Σ_j w_j(x) [-C_j^{-1} (x - a μ_j)],   w_j(x) ∝ π_j N(x; a μ_j, C_j),
// with the weights computed as a softmax of log-densities (stable far from every component). When every covariance is
// isotropic (σ_j² I), score and log_density run the vectorized IsotropicMixtureKernel instead of the general path.
#include <optional>
#include <vector>

#include "sgm/target/mixture_kernel.hpp"
#include "sgm/target/target.hpp"

namespace sgm {

// Shared parameter checks (they throw InvalidArgument naming `name`).
void validate_mean(const Vector& mean, Eigen::Index d, const std::string& name);
void validate_covariance(const Matrix& covariance, Eigen::Index d, const std::string& name);  // symmetric PD, d × d

// Which code evaluates score and log_density: `automatic` takes the isotropic kernel when every covariance is σ_j² I;
// `general` always takes the full-covariance path (the tests compare the two).
enum class MixturePath { automatic, general };

class GaussianMixture : public Target {
public:
  // Validates: at least one component; weights positive, finite and summing to 1 (within 1e-9, then renormalised);
  // every mean of the same dimension; every covariance symmetric positive definite of matching size.
  GaussianMixture(std::vector<double> weights, std::vector<Vector> means, std::vector<Matrix> covariances,
                  MixturePath path = MixturePath::automatic);

  std::string name() const override { return "gmm"; }
  int dim() const override { return static_cast<int>(means_.front().size()); }
  std::size_t components() const { return weights_.size(); }
  const std::vector<double>& weights() const { return weights_; }
  const std::vector<Vector>& means() const { return means_; }
  const std::vector<Matrix>& covariances() const { return covariances_; }
  bool uses_isotropic_kernel() const { return isotropic_.has_value(); }

  Particles sample_rows(std::size_t first, std::size_t count, const CounterRng& rng, Stream stream) const override;
  void score(double a, double s, const Particles& X, Particles& out) const override;
  Vector log_density(double a, double s, const Particles& X) const override;
  Vector mean() const override;
  Matrix covariance() const override;
  TargetFigures figures() const override;
  const GaussianMixture* mixture_form() const override { return this; }
  const IsotropicMixtureKernel* isotropic_mixture() const override { return isotropic_ ? &*isotropic_ : nullptr; }
  // Per component: the isotropic kernel's distance, or a d × d precision product and a d-vector of workspace.
  ScoreCost score_cost() const override;

  // For each row x of X: the component j of largest responsibility under the law of a X_0 + s Z, i.e. the argmax of
  // log π_j N(x; a μ_j, C_j) (ties: the lowest j).
  std::vector<std::size_t> most_responsible_component(double a, double s, const Particles& X) const;

private:
  // Per-component log-densities log π_j N(x; a μ_j, C_j) (n × K), in a per-thread workspace that also keeps
  // C_j^{-1}(x - a μ_j) for the score. Valid until the next call on the same thread.
  const Matrix& component_log_densities(double a, double s, const Particles& X) const;

  std::vector<double> weights_;
  std::vector<Vector> means_;
  std::vector<Matrix> covariances_;
  std::vector<Matrix> cholesky_;                     // lower factors of Σ_j, for sampling
  std::optional<IsotropicMixtureKernel> isotropic_;  // set when every Σ_j = σ_j² I (and the path is automatic)
};

}  // namespace sgm
