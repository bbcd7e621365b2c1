#pragma once
// One reverse-time step in float32 for a mixture of isotropic Gaussians (docs/theory.md §1, "Score facts"; the double
// path is mixture_kernel.hpp), fused with the step's update and its Gaussian noise, for the samplers whose step is
//     X ← A X + B s(t, X) + C ξ                                         (Stepper::affine_step)
// (Euler–Maruyama, exponential integrator, DDPM ancestral, DDIM). Under a X_0 + σ Z, component j is N(a μ_j, c_j I),
// c_j = a² σ_j² + σ², and
//     ℓ_j(x) = ln π_j - ½ d ln(2π c_j) - ½ |x - a μ_j|² / c_j,   s(t, x) = -Σ_j w_j(x) (x - a μ_j) / c_j,
// with w_j the softmax of ℓ taken after subtracting max_j ℓ_j.
//
// One source, Google Highway: compiled for every x86-64 target Highway knows (SSE4, AVX2, AVX-512, and the emulated
// 128-bit baseline, so the binary runs on any x86-64) and chosen at run time (HWY_DYNAMIC_DISPATCH); in WebAssembly
// the module's one static target (WASM with -msimd128, EMU128 without). exp, log, sin and cos are Highway's
// polynomials (hwy/contrib/math), so results agree across targets to a few float ulps per step, not bitwise.
//
// Noise: the counter-based normals of step_noise-inl.h (the double path's normals up to float rounding).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sgm/simd/float32_step.hpp"

namespace sgm {

// Everything one step needs, in float32 (the caller computes it in double and rounds once).
struct MixtureStepCoefficients {
  int dim = 0;
  int components = 0;
  const float* centres = nullptr;            // dim × components, column-major: column j = a μ_j
  const float* inverse_variances = nullptr;  // 1 / c_j
  const float* log_normalisers = nullptr;    // ln π_j - ½ d ln(2π c_j)
  Float32AffineStep step;
};

// Advances particles [first, first + count) of x, count a multiple of kFloat32StepBlock; coordinate m of particle i
// is x[m * stride + i] (structure of arrays). Each particle's result depends only on its own coordinates and its
// counter-based noise, so any split of the particles gives the same numbers.
void mixture_step(const MixtureStepCoefficients& c, float* x, std::size_t stride, std::size_t first, std::size_t count);

// The Highway targets this build compiled the kernel for that the CPU supports (bit masks of hwy/targets.h), best
// first, and the name of the one in use.
std::vector<std::int64_t> mixture_step_targets();
std::string mixture_step_target_name();

}  // namespace sgm
