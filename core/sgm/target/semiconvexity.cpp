#include "sgm/target/semiconvexity.hpp"

#include <cmath>
#include <string>

#include "sgm/base/error.hpp"
#include "sgm/base/monte_carlo_estimate.hpp"

namespace sgm {

SemiconvexityEstimate estimate_semiconvexity(const Target& target, const SemiconvexityOptions& options) {
  validate_monte_carlo({options.samples, 0.5, options.seed});
  require(!options.scales.empty(), "scales", "must list at least one pair distance");
  for (std::size_t i = 0; i < options.scales.size(); ++i) {
    const double r = options.scales[i];
    require(std::isfinite(r) && r > 0.0 && (i == 0 || r < options.scales[i - 1]), "scales[" + std::to_string(i) + "]",
            r, "a positive finite distance below the previous one");
  }
  const CounterRng rng(options.seed);
  const Particles X = target.sample(options.samples, rng, Stream::BoundSample);
  Particles grad_x, grad_y, u(X.rows(), X.cols());
  target.score(1.0, 0.0, X, grad_x);  // -∇U(x)
  SemiconvexityEstimate e;
  for (std::size_t i = 0; i < options.scales.size(); ++i) {
    const double r = options.scales[i];
    rng.fill_normal(u, static_cast<std::uint32_t>(i), Stream::BoundNoise);
    u = u.array().colwise() / u.rowwise().norm().array();
    target.score(1.0, 0.0, X + r * u, grad_y);
    // -⟨∇U(y) - ∇U(x), y - x⟩/|y - x|² with score = -∇U: ⟨s(y) - s(x), u⟩ / r.
    const Vector quotient = ((grad_y - grad_x).array() * u.array()).rowwise().sum() / r;
    e.per_scale.push_back(quotient.maxCoeff());
  }
  e.K = e.per_scale.back();
  if (e.per_scale.size() >= 2) {
    const double previous = e.per_scale[e.per_scale.size() - 2];
    e.bounded = e.K - previous <= 0.5 * (std::abs(previous) + 1.0);
  }
  return e;
}

}  // namespace sgm
