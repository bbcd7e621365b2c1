#include "sgm/sampler/exponential_integrator.hpp"

#include "sgm/base/registry.hpp"
#include "sgm/experiment/process_diffusion.hpp"

#include <cmath>

namespace sgm {

std::optional<AffineStep> ExponentialIntegrator::affine_step(const Process& process, double t, double t_next) const {
  const double ratio = process.mean_coeff(t_next) / process.mean_coeff(t);
  const double weight = process.mean_coeff(t_next) * process.score_weight(t_next, t);
  return AffineStep{ratio, weight, ratio * std::sqrt(process.transition_var(t_next, t))};
}

void ExponentialIntegrator::step(const Process& process, const ScoreModel& score, const NoiseSource& noise,
                                 std::uint32_t k, double t, double t_next, Particles& X, StepperState& state) const {
  const AffineStep c = *affine_step(process, t, t_next);
  scaled_score_step(score, noise, k, t, c.state, c.score, c.noise, X, state.workspace);
}

}  // namespace sgm

namespace sgm {
namespace {

[[gnu::cold]] bool register_exponential_integrator() {
  return Registry<SamplerMethod>::add({
      "ei",
      "exponential integrator, score frozen per step",
      "Chen et al. 2209.11215 §2(b); docs/theory.md §1",
      {},
      [](const Arguments&, const Context&) { return std::make_shared<ExponentialIntegrator>(); },
      {},
      ProcessDiffusion::kFamily,
  });
}
const bool registered_exponential_integrator = register_exponential_integrator();

}  // namespace
}  // namespace sgm
