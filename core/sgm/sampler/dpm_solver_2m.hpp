#pragma once
// DPM-Solver++(2M) (Lu, Zhou, Bao, Chen, Li, Zhu 2022, "DPM-Solver++: Fast Solver for Guided Sampling of Diffusion
// Probabilistic Models", Algorithm 2; k-diffusion `sample_dpmpp_2m`): a multistep exponential integrator of the
// probability-flow ODE in data prediction, for any process of process.hpp through a(t) and σ(t).
// With the half log-SNR λ(t) = ln(a(t)/σ(t)) and Tweedie's data prediction x̂_0(t, x) = (x + σ(t)² s(t, x))/a(t), the
// ODE in λ is solved exactly for x̂_0 held constant (the first-order step, DPM-Solver++(1) = DDIM(0)):
//     X' = (σ(t')/σ(t)) X + a(t') (1 - e^{-h}) D,      h = λ(t') - λ(t) > 0,
// and from the second step on, D extrapolates linearly in λ through the previous step's data prediction x̂_0^prev
// (taken at the previous grid time t_prev, h_prev = λ(t) - λ(t_prev), r = h_prev/h; Lu et al. Algorithm 2):
//     D = x̂_0 + (x̂_0 - x̂_0^prev)/(2r).
// Declared weak order 2, the order Lu et al. give it as an ODE solver (it is deterministic, so weak and pathwise order
// coincide); measured by the fitted slope in dpm_solver_test. One score evaluation per step, no noise.
//
// The stochastic variant (dpm_solver_2m_sde.hpp) shares the update through multistep_data_prediction_step below.
#include "sgm/sampler/stepper.hpp"

namespace sgm {

// The state of DPM-Solver++(2M) and its SDE variant: memory[0] = x̂_0^prev (absent before the first step) and its
// step in λ.
struct DataPredictionHistory final : StepperState {
  double previous_step = 0.0;  // h_prev = λ(t) - λ(t_prev) of the step that computed memory[0]
};

// One step t → t' of the multistep data-prediction update with noise ratio η ≥ 0 (k-diffusion
// `sample_dpmpp_2m_sde`, midpoint form; η = 0 is DPM-Solver++(2M) itself), without the noise term:
//     X' = (σ(t')/σ(t)) e^{-ηh} X + a(t') (1 - e^{-(1+η)h}) (x̂_0 + (x̂_0 - x̂_0^prev)/(2r)),
// the correction only when the history holds x̂_0^prev. Updates the history to (x̂_0, h). Returns h.
double multistep_data_prediction_step(const Process& process, const ScoreModel& score, double eta, double t,
                                      double t_next, Particles& X, DataPredictionHistory& history);

class DpmSolver2M final : public Stepper {
public:
  std::string name() const override { return "dpmpp_2m"; }
  double weak_order() const override { return 2.0; }
  int noise_slots_per_step() const override { return 0; }
  std::unique_ptr<StepperState> init() const override { return std::make_unique<DataPredictionHistory>(); }
  void step(const Process& process, const ScoreModel& score, const NoiseSource& noise, std::uint32_t k, double t,
            double t_next, Particles& X, StepperState& state) const override;
};

}  // namespace sgm
