#pragma once
// One reverse-time step in float32 for a product of identical one-dimensional laws whose perturbed score has no
// closed form the lanes can share (the double well and the modified half-normal laws with α ≠ 1: their double-path
// scores are adaptive quadratures, with windows chosen per particle; target/double_well.hpp,
// target/modified_half_normal.hpp). The score of every coordinate is the same function x ↦ s(t, x); the caller
// tabulates it once per step with the double path (nodes x_j = lo + j h over the particles' range) and the kernel
// interpolates it by the cubic through the four nearest nodes (Lagrange):
//     s(x) ≈ Σ_{i=0..3} w_i(τ) s_{j-1+i},   x = lo + (j + τ) h, 0 ≤ τ < 1,
//     w_0 = -τ(τ-1)(τ-2)/6, w_1 = (τ+1)(τ-1)(τ-2)/2, w_2 = -(τ+1)τ(τ-2)/2, w_3 = (τ+1)τ(τ-1)/6,
// whose error is at most (9/16) h⁴ max|s⁽⁴⁾| / 24 between the middle nodes (the fourth-order remainder of Lagrange
// interpolation), then does the step X ← A X + B s + C ξ and its noise (step_noise-inl.h), as the other kernels.
// One source for every Highway target (dispatch_targets.h); the table lookups are Highway gathers.
#include <cstddef>

#include "sgm/simd/float32_step.hpp"

namespace sgm {

struct TabulatedScoreStepCoefficients {
  int dim = 0;
  const float* scores = nullptr;  // s(t, lo + j h), j = 0 … nodes - 1
  int nodes = 0;                  // ≥ 4
  float lo = 0.0f;
  float inverse_spacing = 1.0f;  // 1 / h
  Float32AffineStep step;
};

// Advances particles [first, first + count) of x, count a multiple of kFloat32StepBlock; coordinate m of particle i
// is x[m * stride + i]. A coordinate outside [lo + h, lo + (nodes - 2) h] is moved to its nearer end for the lookup
// (no extrapolation).
void tabulated_score_step(const TabulatedScoreStepCoefficients& c, float* x, std::size_t stride, std::size_t first,
                          std::size_t count);

}  // namespace sgm
