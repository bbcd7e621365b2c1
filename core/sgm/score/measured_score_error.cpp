#include "sgm/score/measured_score_error.hpp"

#include <algorithm>
#include <cmath>

#include "sgm/base/error.hpp"

namespace sgm {

ScoreErrorProfile measure_score_error(const ScoreModel& model, const Target& target, const Process& process,
                                      const std::vector<double>& times, const MonteCarloOptions& options) {
  validate_monte_carlo(options);
  require(
      model.dim() == target.dim(), "score",
      "has dimension " + std::to_string(model.dim()) + ", the target has dimension " + std::to_string(target.dim()));
  require(!times.empty(), "times", "must not be empty");
  for (std::size_t k = 0; k + 1 < times.size(); ++k)
    require(times[k] > times[k + 1], "times[" + std::to_string(k + 1) + "]", times[k + 1],
            "a time below times[" + std::to_string(k) + "] = " + format_value(times[k]) + " (a decreasing grid)");
  const CounterRng rng(options.seed);
  ScoreErrorProfile p;
  p.times = times;
  Particles model_score, exact_score;
  for (const double t : times) {
    const double a = process.mean_coeff(t), s = process.std(t);
    const Particles X = target.sample_perturbed(options.samples, a, s, rng, Stream::BoundSample, Stream::BoundNoise);
    model.score(t, X, model_score);
    target.score(a, s, X, exact_score);
    const Estimate e = monte_carlo_estimate((model_score - exact_score).rowwise().squaredNorm(), options.confidence);
    p.mean_square.push_back(e);
    p.epsilon.push_back(std::sqrt(std::max(e.value, 0.0)));
    p.lower.push_back(std::sqrt(std::max(e.lower, 0.0)));
    p.upper.push_back(std::sqrt(std::max(e.upper, 0.0)));
  }
  for (std::size_t k = 0; k + 1 < times.size(); ++k) {
    p.sup = std::max(p.sup, p.epsilon[k]);
    p.weighted_square += (times[k] - times[k + 1]) * p.mean_square[k].value;
  }
  return p;
}

}  // namespace sgm
