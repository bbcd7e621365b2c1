#include "sgm/sampler/dpm_solver_2m.hpp"

#include "sgm/base/registry.hpp"
#include "sgm/experiment/process_diffusion.hpp"

#include <cmath>

namespace sgm {

double multistep_data_prediction_step(const Process& process, const ScoreModel& score, double eta, double t,
                                      double t_next, Particles& X, DataPredictionHistory& history) {
  const double a = process.mean_coeff(t), a_next = process.mean_coeff(t_next);
  const double sigma = process.std(t), sigma_next = process.std(t_next);
  // h = λ(t') - λ(t) as a sum of logs of ratios near 1 (no cancellation for short steps).
  const double h = std::log(a_next / a) + std::log(sigma / sigma_next);
  StepWorkspace& ws = history.workspace;
  score.score(t, X, ws.score);
  ws.stage = (X + (sigma * sigma) * ws.score) / a;                    // x̂_0 (Tweedie)
  const double data_weight = -a_next * std::expm1(-(1.0 + eta) * h);  // a(t') (1 - e^{-(1+η)h})
  X *= (sigma_next / sigma) * std::exp(-eta * h);
  X += data_weight * ws.stage;
  if (history.memory.empty()) {
    history.memory.push_back(ws.stage);
  } else {
    const double r = history.previous_step / h;
    X += (0.5 * data_weight / r) * (ws.stage - history.memory[0]);
    history.memory[0].swap(ws.stage);  // x̂_0 becomes x̂_0^prev; the stage buffer is rewritten at the next step
  }
  history.previous_step = h;
  return h;
}

void DpmSolver2M::step(const Process& process, const ScoreModel& score, const NoiseSource&, std::uint32_t, double t,
                       double t_next, Particles& X, StepperState& state) const {
  multistep_data_prediction_step(process, score, 0.0, t, t_next, X, static_cast<DataPredictionHistory&>(state));
}

namespace {

[[gnu::cold]] bool register_dpm_solver_2m() {
  return Registry<SamplerMethod>::add({
      "dpmpp_2m",
      "DPM-Solver++(2M): multistep exponential integrator of the probability-flow ODE in data prediction, order 2",
      "Lu et al. 2022 (arXiv 2211.01095) Alg. 2; k-diffusion sample_dpmpp_2m; docs/theory.md §7.10",
      {},
      [](const Arguments&, const Context&) { return std::make_shared<DpmSolver2M>(); },
      {},
      ProcessDiffusion::kFamily,
  });
}
const bool dpm_solver_2m_registered = register_dpm_solver_2m();

}  // namespace
}  // namespace sgm
