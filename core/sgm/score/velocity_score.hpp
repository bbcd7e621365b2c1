#pragma once
// Velocity scores of the critically damped Langevin diffusion (critically_damped_langevin.hpp; theory §7.8): only
// ∇_v ln p_t(x, v) enters its reverse SDE. Evaluated for a whole batch (one virtual call per batch): positions X and
// velocities V are n × d, the score out is n × d.
#include <memory>
#include <string>

#include "sgm/process/critically_damped_langevin.hpp"
#include "sgm/target/gaussian_mixture.hpp"

namespace sgm {

class VelocityScore {
public:
  virtual ~VelocityScore() = default;
  virtual std::string name() const = 0;
  virtual int dim() const = 0;  // d: positions and velocities have d coordinates each
  virtual void score(double t, const Particles& X, const Particles& V, Particles& out) const = 0;
};

// The exact velocity score for Gaussian and Gaussian-mixture data q = Σ_j π_j N(μ_j, Σ_j). Per coordinate
// (x_t, v_t) = Φ (x_0, v_0) + noise with v_0 ~ N(0, γ M) independent of x_0 (theory §7.8), so with k = (Φ_xx, Φ_vx)
// and C the 2 × 2 perturbation covariance given x_0, the joint law of u = (x, v) ∈ R^{2d} is again a mixture [derived]:
//     p_t = Σ_j π_j N( k ⊗ μ_j, (k kᵀ) ⊗ Σ_j + C ⊗ I_d ),
// evaluated by GaussianMixture in dimension 2d (its softmax in log space keeps far-out points finite); the velocity
// score is the last d coordinates of ∇_u ln p_t.
class ExactVelocityScore final : public VelocityScore {
public:
  // Throws InvalidArgument unless the target is a Gaussian or a Gaussian mixture of dimension ≤ 2048 (the mixture of
  // the joint law has dimension 2d ≤ 4096).
  ExactVelocityScore(std::shared_ptr<const Target> target, std::shared_ptr<const CriticallyDampedLangevin> process);

  std::string name() const override { return "exact"; }
  int dim() const override { return data_->dim(); }
  void score(double t, const Particles& X, const Particles& V, Particles& out) const override;

  // The joint law p_t of (x_t, v_t), coordinates ordered (x_1, …, x_d, v_1, …, v_d).
  GaussianMixture joint_law(double t) const;

private:
  std::shared_ptr<const Target> target_;
  const GaussianMixture* data_;  // the target's mixture form (Target::mixture_form), owned by target_
  std::shared_ptr<const CriticallyDampedLangevin> process_;
};

}  // namespace sgm
