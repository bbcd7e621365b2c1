#include "sgm/sampler/symmetric_splitting.hpp"

#include "sgm/base/registry.hpp"
#include "sgm/experiment/cld_diffusion.hpp"
#include "sgm/sampler/cld_sampler.hpp"

namespace sgm {

namespace {

// (x, v) ← mean_map (x, v) + L (z1, z2) coordinate-wise, with (z1, z2) the n × 2d normals of `slot`.
void linear_half_step(const CldKernel& kernel, const NoiseSource& noise, std::uint32_t k, std::uint32_t slot,
                      Particles& X, Particles& V, StepWorkspace& ws) {
  const Eigen::Index d = X.cols();
  ws.noise.resize(X.rows(), 2 * d);
  noise.fill(k, slot, ws.noise);
  const Eigen::Matrix2d& f = kernel.mean_map;
  const Eigen::Matrix2d l = kernel.cholesky();
  auto z1 = ws.noise.leftCols(d);
  auto z2 = ws.noise.rightCols(d);
  z2 = f(1, 0) * X + f(1, 1) * V + l(1, 0) * z1 + l(1, 1) * z2;  // the new v, while X and V are still the old ones
  X = f(0, 0) * X + f(0, 1) * V + l(0, 0) * z1;
  V = z2;
}

}  // namespace

void SymmetricSplitting::step(const CriticallyDampedLangevin& process, const VelocityScore& score,
                              const NoiseSource& noise, std::uint32_t k, double t, double t_next, Particles& X,
                              Particles& V, StepperState& state) const {
  StepWorkspace& ws = state.workspace;
  const double h = t - t_next, middle = t - 0.5 * h;
  linear_half_step(process.reverse_linear(middle, t), noise, k, 0, X, V, ws);
  score.score(t, X, V, ws.score);
  V += (2.0 * process.damping() * process.beta(t) * h) * (ws.score + process.m_inv() * V);
  linear_half_step(process.reverse_linear(t_next, middle), noise, k, 1, X, V, ws);
}

}  // namespace sgm

namespace sgm {
namespace {

[[gnu::cold]] bool register_symmetric_splitting() {
  return Registry<SamplerMethod>::add({
      "sscs",
      "symmetric splitting CLD sampler: exact half steps of the linear part around an Euler score step",
      "Dockhorn et al. 2022; docs/theory.md §7.8",
      cld_sampler_parameters(),
      [](const Arguments& a, const Context&) {
        return std::make_shared<CldSampler>(std::make_shared<SymmetricSplitting>(), a.boolean("denoise"));
      },
      {},
      CldDiffusion::kFamily,
  });
}
const bool registered_symmetric_splitting = register_symmetric_splitting();

}  // namespace
}  // namespace sgm
