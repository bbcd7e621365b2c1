#pragma once
// Euler–Maruyama on the full reverse SDE of the critically damped Langevin diffusion (theory §7.8; CLD-SGM
// `sampling.get_em_sampler`). From forward time t to t' = t - h, with β = β(t) and s = ∇_v ln p_t(x, v):
//     x' = x - h M^{-1} β v,
//     v' = v + h (β x + Γ M^{-1} β v + 2Γβ s) + sqrt(2Γβ h) ξ.
#include "sgm/sampler/cld_stepper.hpp"

namespace sgm {

class CldEulerMaruyama final : public CldStepper {
public:
  std::string name() const override { return "cld_em"; }
  double weak_order() const override { return 1.0; }
  void step(const CriticallyDampedLangevin& process, const VelocityScore& score, const NoiseSource& noise,
            std::uint32_t k, double t, double t_next, Particles& X, Particles& V, StepperState& state) const override;

  // The same step without its noise, from t to t - h: the final denoising step of CLD-SGM (`denoising_fn`: one EM
  // step of the reverse SDE from ε to 0 that returns its mean; theory §7.8).
  static void mean_step(const CriticallyDampedLangevin& process, const VelocityScore& score, double t, double h,
                        Particles& X, Particles& V, StepWorkspace& ws);
};

}  // namespace sgm
