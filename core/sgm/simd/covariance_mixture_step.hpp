#pragma once
// One reverse-time step in float32 for a Gaussian mixture with full covariances (docs/theory.md §1, "Score facts"; the
// double path is gaussian_mixture.cpp), fused with the step's update and noise as in mixture_step.hpp: a Gaussian with
// any covariance (diagonal or full) is its one-component case. Under a X_0 + σ Z, component j is N(a μ_j, C_j),
// C_j = a² Σ_j + σ² I, P_j = C_j^{-1}, and
//     ℓ_j(x) = ln π_j - ½ ln det(2π C_j) - ½ rᵀ P_j r,   s(t, x) = -Σ_j w_j(x) P_j r,   r = x - a μ_j,
// with w_j the softmax of ℓ. The softmax is taken online, one component at a time (running maximum M, the weighted
// sums rescaled by e^{M_old - M_new} when it grows), so that P_j r is computed once and never stored: d² + O(d)
// operations and 2 exp per component and particle.
#include <cstddef>

#include "sgm/simd/float32_step.hpp"

namespace sgm {

// Everything one step needs, in float32 (the caller computes it in double and rounds once).
struct CovarianceMixtureStepCoefficients {
  int dim = 0;
  int components = 0;
  const float* centres = nullptr;          // dim × components, column-major: column j = a μ_j
  const float* precisions = nullptr;       // components blocks of dim × dim: block j = P_j (symmetric)
  const float* log_normalisers = nullptr;  // ln π_j - ½ ln det(2π C_j)
  Float32AffineStep step;
};

// Advances particles [first, first + count) of x, count a multiple of kFloat32StepBlock; coordinate m of particle i
// is x[m * stride + i]. Each particle's result depends only on its own coordinates and its counter-based noise.
void covariance_mixture_step(const CovarianceMixtureStepCoefficients& c, float* x, std::size_t stride,
                             std::size_t first, std::size_t count);

}  // namespace sgm
