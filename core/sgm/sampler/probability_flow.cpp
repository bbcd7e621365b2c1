#include "sgm/sampler/probability_flow.hpp"

namespace sgm {

void ProbabilityFlowEuler::step(const Process& process, const ScoreModel& score, const NoiseSource& noise,
                                std::uint32_t k, double t, double t_next, Particles& X, StepperState& state) const {
  const double h = t - t_next;
  scaled_score_step(score, noise, k, t, 1.0 + h * process.drift_rate(t), 0.5 * h * process.diffusion_sq(t), 0.0, X,
                    state.workspace);
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
