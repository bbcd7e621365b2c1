#include "sgm/sampler/cld_euler_maruyama.hpp"

#include "sgm/base/registry.hpp"
#include "sgm/experiment/cld_diffusion.hpp"
#include "sgm/sampler/cld_sampler.hpp"

#include <cmath>

namespace sgm {

void CldEulerMaruyama::mean_step(const CriticallyDampedLangevin& process, const VelocityScore& score, double t,
                                 double h, Particles& X, Particles& V, StepWorkspace& ws) {
  score.score(t, X, V, ws.score);
  const double beta = process.beta(t), m_inv = process.m_inv(), gamma = process.damping();
  // v' into the noise buffer first: both updates read the old (x, v).
  ws.noise = V + h * (beta * X + gamma * m_inv * beta * V + 2.0 * gamma * beta * ws.score);
  X -= (h * m_inv * beta) * V;
  V.swap(ws.noise);
}

void CldEulerMaruyama::step(const CriticallyDampedLangevin& process, const VelocityScore& score,
                            const NoiseSource& noise, std::uint32_t k, double t, double t_next, Particles& X,
                            Particles& V, StepperState& state) const {
  StepWorkspace& ws = state.workspace;
  const double h = t - t_next;
  mean_step(process, score, t, h, X, V, ws);
  ws.noise.resize(V.rows(), V.cols());
  noise.fill(k, 0, ws.noise);
  V += std::sqrt(2.0 * process.damping() * process.beta(t) * h) * ws.noise;
}

}  // namespace sgm

namespace sgm {
namespace {

[[gnu::cold]] bool register_cld_euler_maruyama() {
  return Registry<SamplerMethod>::add({
      "cld_em",
      "Euler–Maruyama on the reverse CLD SDE",
      "docs/theory.md §7.8",
      cld_sampler_parameters(),
      [](const Arguments& a, const Context&) {
        return std::make_shared<CldSampler>(std::make_shared<CldEulerMaruyama>(), a.boolean("denoise"));
      },
      {"cld-em"},
      CldDiffusion::kFamily,
  });
}
const bool registered_cld_euler_maruyama = register_cld_euler_maruyama();

}  // namespace
}  // namespace sgm
