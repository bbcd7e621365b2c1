#include "sgm/sampler/stepper.hpp"

namespace sgm {

std::optional<std::vector<AffineMove>> Stepper::affine_moves(const Process& process, double t, double t_next) const {
  const std::optional<AffineStep> step = affine_step(process, t, t_next);
  if (!step) return std::nullopt;
  return std::vector<AffineMove>{{*step, t, 0}};
}

void scaled_score_step(const ScoreModel& score, const NoiseSource& noise, std::uint32_t k, double t, double ratio,
                       double weight, double noise_std, Particles& X, StepWorkspace& ws) {
  score.score(t, X, ws.score);
  if (noise_std == 0.0) {
    X = ratio * X + weight * ws.score;
    return;
  }
  ws.noise.resize(X.rows(), X.cols());
  noise.fill(k, 0, ws.noise);
  X = ratio * X + weight * ws.score + noise_std * ws.noise;
}

}  // namespace sgm
