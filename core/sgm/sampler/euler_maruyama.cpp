#include "sgm/sampler/euler_maruyama.hpp"

#include "sgm/base/registry.hpp"
#include "sgm/experiment/process_diffusion.hpp"

#include <cmath>

namespace sgm {

void EulerMaruyama::step(const Process& process, const ScoreModel& score, const NoiseSource& noise, std::uint32_t k,
                         double t, double t_next, Particles& X, StepperState& state) const {
  StepWorkspace& ws = state.workspace;
  score.score(t, X, ws.score);
  ws.noise.resize(X.rows(), X.cols());
  noise.fill(k, 0, ws.noise);
  const double h = t - t_next;
  const double g2 = process.diffusion_sq(t);
  X = (1.0 + h * process.drift_rate(t)) * X + h * g2 * ws.score + std::sqrt(g2 * h) * ws.noise;
}

}  // namespace sgm

namespace sgm {
namespace {

const bool registered_euler_maruyama = Registry<SamplerMethod>::add({
    "em",
    "Euler–Maruyama on the reverse SDE",
    "Bruno–Sabanis 2505.03432; docs/theory.md §1",
    {},
    [](const Arguments&, const Context&) { return std::make_shared<EulerMaruyama>(); },
    {},
    ProcessDiffusion::kFamily,
});

}  // namespace
}  // namespace sgm
