#pragma once
// Score and log-density of a Gaussian mixture whose covariances are all isotropic, Σ_j = σ_j² I: the sampler's hot loop
// for mixture targets (docs/benchmarks.md, "Mixture kernel"). Under a X_0 + s Z component j is N(a μ_j, c_j I), c_j =
// a² σ_j² + s² (theory §1, "Score facts"), so
//     ℓ_j(x) = ln π_j - ½ [|x - a μ_j|² / c_j + d ln(2π c_j)],
//     log p(x) = max_k ℓ_k + ln Σ_j exp(ℓ_j - max_k ℓ_k),
//     ∇ log p(x) = -Σ_j w_j(x) (x - a μ_j) / c_j,   w_j = exp(ℓ_j - max_k ℓ_k) / Σ_i exp(ℓ_i - max_k ℓ_k).
// Particles go in blocks of kLanes, components inside; every lane loop has the fixed width kLanes, so that GCC and
// clang vectorize it (SSE2/AVX natively, wasm SIMD with -msimd128). exp is libm's std::exp, lane by lane, so that the
// native and WebAssembly builds agree to libm's last bit (tests/node/wasm-vs-native.test.mjs).
#include <vector>

#include "sgm/base/types.hpp"

namespace sgm {

// True when every matrix is exactly σ² I: zero off-diagonal entries and equal diagonal entries.
bool all_isotropic(const std::vector<Matrix>& covariances);

class IsotropicMixtureKernel {
public:
  static constexpr Eigen::Index kLanes = 8;

  // Normalised weights, means of one dimension d and isotropic d × d covariances, already validated (GaussianMixture).
  IsotropicMixtureKernel(const std::vector<double>& weights, const std::vector<Vector>& means,
                         const std::vector<Matrix>& covariances);
  // The same from ln π_j, the means as the columns of a d × K matrix and the σ_j² (σ_j = 0 allowed: then every call
  // needs s > 0, as for the empirical measure of a point cloud).
  IsotropicMixtureKernel(Vector log_weights, Matrix means, Vector variances);

  // X is n × d; the results are those of GaussianMixture::score and ::log_density. Buffers are per-thread and reused:
  // no allocation once they have grown to the mixture's size.
  void score(double a, double s, const Particles& X, Particles& out) const;
  Vector log_density(double a, double s, const Particles& X) const;

  const Vector& log_weights() const { return log_weights_; }
  const Matrix& means() const { return means_; }
  const Vector& variances() const { return variances_; }

private:
  Vector log_weights_;  // ln π_j
  Matrix means_;        // d × K, column j = μ_j
  Vector variances_;    // σ_j²
};

}  // namespace sgm
