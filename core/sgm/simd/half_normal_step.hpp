#pragma once
// One reverse-time step in float32 for the product of d symmetric modified half-normal coordinates with α = 1,
// π(y) ∝ exp(-β y² + γ |y|) (the elastic net is γ = -λ1, β = λ2/2; docs/theory.md §5; the double path is
// modified_half_normal.cpp), fused with the step's update and noise as in mixture_step.hpp. Per coordinate x, with
// P = 2βs² + a² and z± = (γ s² ± a x) / (s √P) = z_shift ± z_slope x:
//     ℓ± = ± (aγ/P) x + ln Φ(z±),   w± = softmax(ℓ+, ℓ-),
//     s(t, x) = -(2β/P) x + (aγ/P) (w+ - w-) + z_slope (w+ ρ(z+) - w- ρ(z-)),   ρ = φ/Φ,
// the double path's closed form for α = 1 (G_1 = √(2π) Φ; the terms common to ℓ+ and ℓ- dropped). Φ and ρ come from
// the scaled complementary error function erfcx(u) = e^{u²} erfc(u), u ≥ 0, by the Chebyshev fit of Numerical Recipes
// (Press et al., 3rd ed., §6.2.2, erfccheb's predecessor `erfcc`: relative error < 1.2e-7):
//     z ≤ 0:  ln Φ(z) = ln(½ erfcx(-z/√2)) - z²/2,   ρ(z) = √(2/π) / erfcx(-z/√2);
//     z > 0:  ln Φ(z) = ln(1 - ½ erfcx(z/√2) e^{-z²/2}),   ρ(z) = e^{-z²/2} / (√(2π) Φ(z)),
// so no branch loses its relative precision far in either tail.
// For α ≠ 1 the perturbed score is a Gauss quadrature per coordinate with a window of its own (tilted_half_normal.hpp),
// and the double well's an adaptive one (double_well.hpp): those have no float32 kernel (see docs/benchmarks.md).
#include <cstddef>

#include "sgm/simd/float32_step.hpp"

namespace sgm {

// Everything one step needs, in float32 (the caller computes it in double and rounds once).
struct HalfNormalStepCoefficients {
  int dim = 0;
  float z_shift = 0.0f;  // γ s / √P
  float z_slope = 0.0f;  // a / (s √P)
  float tilt = 0.0f;     // aγ / P
  float drift = 0.0f;    // -2β / P
  Float32AffineStep step;
};

// Advances particles [first, first + count) of x, count a multiple of kFloat32StepBlock; coordinate m of particle i
// is x[m * stride + i].
void half_normal_step(const HalfNormalStepCoefficients& c, float* x, std::size_t stride, std::size_t first,
                      std::size_t count);

// ln Φ(z) and φ(z)/Φ(z) at count points (count a multiple of kFloat32StepBlock), as the kernel computes them. For
// the tests.
void half_normal_normal_cdf(const float* z, std::size_t count, float* log_cdf, float* pdf_over_cdf);

}  // namespace sgm
