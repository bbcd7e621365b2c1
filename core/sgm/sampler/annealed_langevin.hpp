#pragma once
// Annealed Langevin dynamics (Song & Ermon 2019, "Generative Modeling by Estimating Gradients of the Data
// Distribution", Algorithm 1; code: ermongroup/ncsn `anneal_Langevin_dynamics`): the noise levels are the grid
// times, and at each level σ_i = σ(t') the sampler runs M Langevin moves on q_{t'} with step ε_0 σ_i²/σ_L²
// (langevin_corrector.hpp, annealed rule), σ_L = σ(δ) the last level. Grid step t → t' is level t'.
// NCSN defaults (verified in the code): ε_0 = 2e-5, M = 100.
// Orders: it does not discretise the reverse SDE; for fixed ε_0 and M its output tends, as levels are added, to a law
// near the Langevin moves' invariant law at δ, which differs from q_δ by O(ε_0) (closed form for Gaussians in the
// tests), so its order in h is 0: its error is set by ε_0 and M.
#include "sgm/sampler/langevin_corrector.hpp"

namespace sgm {

class AnnealedLangevin final : public Stepper {
public:
  static constexpr double kDefaultStepSize = 2e-5;
  static constexpr int kDefaultStepsPerLevel = 100;

  // `final_std` = σ_L, the noise std at the grid's last time; validated as in LangevinCorrector::annealed.
  AnnealedLangevin(double step_size, int steps_per_level, double final_std)
      : moves_(LangevinCorrector::annealed(steps_per_level, step_size, final_std)) {}
  std::string name() const override { return "ald"; }
  double weak_order() const override { return 0.0; }
  int score_evaluations_per_step() const override { return moves_.steps(); }
  int noise_slots_per_step() const override { return moves_.steps(); }
  void step(const Process& process, const ScoreModel& score, const NoiseSource& noise, std::uint32_t k, double t,
            double t_next, Particles& X, StepperState& state) const override;
  // Its M moves at level t_next (the float32 path runs them fused).
  std::optional<std::vector<AffineMove>> affine_moves(const Process& process, double t, double t_next) const override;

private:
  LangevinCorrector moves_;
};

}  // namespace sgm
