#include "sgm/sampler/probability_flow.hpp"

#include "sgm/base/registry.hpp"
#include "sgm/experiment/process_diffusion.hpp"

namespace sgm {

std::optional<AffineStep> ProbabilityFlowEuler::affine_step(const Process& process, double t, double t_next) const {
  const double h = t - t_next;
  return AffineStep{1.0 + h * process.drift_rate(t), 0.5 * h * process.diffusion_sq(t), 0.0};
}

void ProbabilityFlowEuler::step(const Process& process, const ScoreModel& score, const NoiseSource& noise,
                                std::uint32_t k, double t, double t_next, Particles& X, StepperState& state) const {
  const AffineStep c = *affine_step(process, t, t_next);
  scaled_score_step(score, noise, k, t, c.state, c.score, c.noise, X, state.workspace);
}

void ProbabilityFlowHeun::step(const Process& process, const ScoreModel& score, const NoiseSource&, std::uint32_t,
                               double t, double t_next, Particles& X, StepperState& state) const {
  StepWorkspace& ws = state.workspace;
  const double h = t - t_next;
  score.score(t, X, ws.score);
  ws.slope = process.drift_rate(t) * X + 0.5 * process.diffusion_sq(t) * ws.score;
  ws.stage = X + h * ws.slope;
  score.score(t_next, ws.stage, ws.score);
  X += (0.5 * h) * (ws.slope + process.drift_rate(t_next) * ws.stage + 0.5 * process.diffusion_sq(t_next) * ws.score);
}

}  // namespace sgm

namespace sgm {
namespace {

[[gnu::cold]] bool register_euler() {
  return Registry<SamplerMethod>::add({
      "pf_euler",
      "probability-flow ODE dx/dt = -f x - ½g² s, Euler, order 1",
      "Song et al. 2021 Eq. 13; docs/theory.md §7.5",
      {},
      [](const Arguments&, const Context&) { return std::make_shared<ProbabilityFlowEuler>(); },
      {},
      ProcessDiffusion::kFamily,
  });
}
const bool registered_euler = register_euler();

[[gnu::cold]] bool register_heun() {
  return Registry<SamplerMethod>::add({
      "pf_heun",
      "probability-flow ODE, Heun (explicit trapezoid), order 2, 2 score evaluations per step",
      "Karras et al. 2022 Alg. 1; docs/theory.md §7.5, §7.7",
      {},
      [](const Arguments&, const Context&) { return std::make_shared<ProbabilityFlowHeun>(); },
      {},
      ProcessDiffusion::kFamily,
  });
}
const bool registered_heun = register_heun();

}  // namespace
}  // namespace sgm
