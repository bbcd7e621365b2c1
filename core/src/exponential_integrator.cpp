#include "sgm/exponential_integrator.hpp"

#include <cmath>

namespace sgm {

void ExponentialIntegrator::step(const Process& process, const ScoreModel& score, const NoiseSource& noise,
                                 std::uint32_t k, double t, double t_next, Particles& X, StepWorkspace& ws) const {
  score.score(t, X, ws.score);
  ws.noise.resize(X.rows(), X.cols());
  noise.fill(k, 0, ws.noise);
  const double ratio = process.mean_coeff(t_next) / process.mean_coeff(t);
  const double weight = process.mean_coeff(t_next) * process.score_weight(t_next, t);
  const double noise_std = ratio * std::sqrt(process.transition_var(t_next, t));
  X = ratio * X + weight * ws.score + noise_std * ws.noise;
}

}  // namespace sgm
