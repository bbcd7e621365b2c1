#pragma once
// Symmetric splitting CLD sampler, SSCS (Dockhorn, Vahdat, Kreis 2022; CLD-SGM `sampling.get_sscs_sampler`;
// theory §7.8). The reverse SDE of the critically damped Langevin diffusion splits into a linear part, solved exactly,
// and a score part, dv = 2Γβ (∇_v ln p_t + M^{-1} v) dτ. One step from forward time t to t_next = t - h:
//   1. exact half step of the linear part from t to t - h/2 (CriticallyDampedLangevin::reverse_linear), noise slot 0;
//   2. Euler step of the score part over the whole step, at time t as in the reference code:
//          v ← v + 2Γ β(t) (s(t, x, v) + M^{-1} v) h;
//   3. exact half step of the linear part from t - h/2 to t_next, noise slot 1.
// With s = -M^{-1} v (the score of the equilibrium) step 2 does nothing and the step is exact.
#include "sgm/sampler/cld_stepper.hpp"

namespace sgm {

class SymmetricSplitting final : public CldStepper {
public:
  std::string name() const override { return "sscs"; }
  double weak_order() const override { return 1.0; }  // the Euler score step; measured in symmetric_splitting_test
  void step(const CriticallyDampedLangevin& process, const VelocityScore& score, const NoiseSource& noise,
            std::uint32_t k, double t, double t_next, Particles& X, Particles& V, StepperState& state) const override;
};

}  // namespace sgm
