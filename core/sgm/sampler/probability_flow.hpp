#pragma once
// The probability-flow ODE (Song et al. 2021, "Score-Based Generative Modeling through SDEs", Eq. (13); theory §7.5):
//     dx/dt = -f(t) x - ½ g(t)² ∇log q_t(x),
// whose solution from X_T ~ q_T has the marginals q_t of the forward process. Integrated backwards from forward time
// t to t' = t - h, with the reverse-time velocity v(τ, x) = f(τ) x + ½ g(τ)² s(τ, x):
//   Euler:  X' = X + h v(t, X)                                                     (order 1, one score evaluation)
//   Heun:   X̃ = X + h v(t, X),  X' = X + (h/2) (v(t, X) + v(t', X̃))   (explicit trapezoid, order 2, two score
//   evaluations;
//           the second-order step of Karras et al. 2022, Algorithm 1, theory §7.7, here in the process's own time)
// Deterministic: no noise is drawn, and the weak order is the ODE order.
#include "sgm/sampler/stepper.hpp"

namespace sgm {

class ProbabilityFlowEuler final : public Stepper {
public:
  std::string name() const override { return "pf_euler"; }
  double weak_order() const override { return 1.0; }
  int noise_slots_per_step() const override { return 0; }
  std::optional<AffineStep> affine_step(const Process& process, double t, double t_next) const override;
  void step(const Process& process, const ScoreModel& score, const NoiseSource& noise, std::uint32_t k, double t,
            double t_next, Particles& X, StepperState& state) const override;
};

class ProbabilityFlowHeun final : public Stepper {
public:
  std::string name() const override { return "pf_heun"; }
  double weak_order() const override { return 2.0; }
  int score_evaluations_per_step() const override { return 2; }
  int noise_slots_per_step() const override { return 0; }
  void step(const Process& process, const ScoreModel& score, const NoiseSource& noise, std::uint32_t k, double t,
            double t_next, Particles& X, StepperState& state) const override;
};

}  // namespace sgm
