#include "sgm/sampler/euler_maruyama.hpp"

#include "sgm/base/registry.hpp"
#include "sgm/experiment/process_diffusion.hpp"

#include <cmath>

namespace sgm {

std::optional<AffineStep> EulerMaruyama::affine_step(const Process& process, double t, double t_next) const {
  const double h = t - t_next;
  const double g2 = process.diffusion_sq(t);
  return AffineStep{1.0 + h * process.drift_rate(t), h * g2, std::sqrt(g2 * h)};
}

void EulerMaruyama::step(const Process& process, const ScoreModel& score, const NoiseSource& noise, std::uint32_t k,
                         double t, double t_next, Particles& X, StepperState& state) const {
  const AffineStep c = *affine_step(process, t, t_next);
  scaled_score_step(score, noise, k, t, c.state, c.score, c.noise, X, state.workspace);
}

}  // namespace sgm

namespace sgm {
namespace {

[[gnu::cold]] bool register_euler_maruyama() {
  return Registry<SamplerMethod>::add({
      "em",
      "Euler–Maruyama on the reverse SDE",
      "Bruno–Sabanis 2505.03432; docs/theory.md §1",
      {},
      [](const Arguments&, const Context&) { return std::make_shared<EulerMaruyama>(); },
      {},
      ProcessDiffusion::kFamily,
  });
}
const bool registered_euler_maruyama = register_euler_maruyama();

}  // namespace
}  // namespace sgm
