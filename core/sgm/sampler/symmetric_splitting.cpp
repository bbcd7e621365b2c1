#include "sgm/sampler/symmetric_splitting.hpp"

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
