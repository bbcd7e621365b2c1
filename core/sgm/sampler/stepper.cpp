#include "sgm/sampler/stepper.hpp"

namespace sgm {

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
