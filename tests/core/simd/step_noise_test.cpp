// The float32 step noise (simd/step_noise.hpp, the normals of step_noise-inl.h): against the double generator of
// rng.hpp (same Philox blocks) and against N(0, 1) (moments with CLT tolerances, Kolmogorov–Smirnov), and equal, bit
// for bit, to what the kernels add.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "sgm/base/rng.hpp"
#include "sgm/numerics/standard_normal.hpp"
#include "sgm/simd/half_normal_step.hpp"
#include "sgm/simd/mixture_step.hpp"
#include "sgm/simd/step_noise.hpp"

using namespace sgm;

namespace {

constexpr std::uint64_t kNoiseSeed = 0x5eed1234abcdULL;
constexpr std::uint32_t kNoiseStep = 7;
constexpr auto kNoiseStream = static_cast<std::uint32_t>(Stream::StepNoise);

// The noise key (seed, step, stream, first particle) of a step whose coefficients (A, B, C) = (1, 0, 0) are not used.
Float32AffineStep noise_key(std::uint32_t first_particle = 0) {
  return {1.0f, 0.0f, 0.0f, kNoiseSeed, kNoiseStep, kNoiseStream, first_particle};
}

struct NormalPairs {
  std::vector<float> even, odd;
};

// Coordinates 2·pair and 2·pair + 1 of particles 0 … n − 1 (n a multiple of kFloat32StepBlock).
NormalPairs float_normals(std::size_t n, std::uint32_t pair) {
  const int dim = 2 * static_cast<int>(pair) + 2;
  std::vector<float> xi(static_cast<std::size_t>(dim) * n);
  step_noise(noise_key(), dim, xi.data(), n, 0, n);
  const auto* even = xi.data() + 2 * pair * n;
  return {std::vector<float>(even, even + n), std::vector<float>(even + n, even + 2 * n)};
}

}  // namespace

TEST_CASE("float32 normals equal the double generator's up to float rounding and the 24-bit uniforms") {
  // The double path: u1, u2 with 53 bits, z = √(-2 ln u1) (cos, sin)(2π u2). The float path takes the top 24 of the
  // same bits plus ½: 2^-25 from the truncation, and another 2^-25 when the sum is rounded to float in [½, 1) (spacing
  // 2^-24 there), so |u_f - u_d| ≤ 2^-24 for both uniforms; the float product 2π u2 adds ≤ 2π 2^-24 to the angle. To
  // first order
  //     |Δz| ≤ |Δr| + r |Δθ| ≤ 2^-24 / (u1 r) + 4π r 2^-24,
  // plus the float evaluation: ≤ 8 ulps (2^-24 each) of log, sqrt, cos/sin and the products, relative to 1 + r.
  const std::size_t n = 1 << 14;
  const CounterRng rng(kNoiseSeed);
  for (std::uint32_t pair : {0u, 3u}) {
    const NormalPairs z = float_normals(n, pair);
    double worst = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      const auto particle = static_cast<std::uint32_t>(i);
      const double u1 = rng.uniform(particle, kNoiseStep, kNoiseStream, pair, 0);
      const double r = std::sqrt(-2.0 * std::log(u1));
      const double bound = 0x1.0p-24 / (u1 * r) + 4.0 * M_PI * r * 0x1.0p-24 + 8.0 * 0x1.0p-24 * (1.0 + r);
      const double d0 = std::abs(z.even[i] - rng.normal(particle, kNoiseStep, kNoiseStream, 2 * pair));
      const double d1 = std::abs(z.odd[i] - rng.normal(particle, kNoiseStep, kNoiseStream, 2 * pair + 1));
      worst = std::max(worst, std::max(d0, d1) / bound);
    }
    CHECK(worst <= 1.0);
  }
}

TEST_CASE("float32 normals: moments within CLT tolerances and the Kolmogorov–Smirnov statistic") {
  const std::size_t n = 1 << 17;
  const NormalPairs z = float_normals(n, 0);
  std::vector<double> all(z.even.begin(), z.even.end());
  all.insert(all.end(), z.odd.begin(), z.odd.end());
  const double m = static_cast<double>(all.size());
  double mean = 0.0, second = 0.0, fourth = 0.0;
  for (double v : all) {
    mean += v;
    second += v * v;
    fourth += v * v * v * v;
  }
  mean /= m;
  second /= m;
  fourth /= m;
  // CLT at 5 standard errors: Var z = 1, Var z² = 2, Var z⁴ = E z⁸ - 9 = 96 (the pairs from one block are
  // independent: Box–Muller gives independent coordinates).
  CHECK(std::abs(mean) <= 5.0 / std::sqrt(m));
  CHECK(std::abs(second - 1.0) <= 5.0 * std::sqrt(2.0 / m));
  CHECK(std::abs(fourth - 3.0) <= 5.0 * std::sqrt(96.0 / m));
  // Kolmogorov–Smirnov: P(√m D > 1.95) ≈ 0.001 (the Kolmogorov distribution's 99.9 % quantile).
  std::sort(all.begin(), all.end());
  double d = 0.0;
  for (std::size_t i = 0; i < all.size(); ++i) {
    const double cdf = standard_normal_cdf(all[i]);
    d = std::max({d, static_cast<double>(i + 1) / m - cdf, cdf - static_cast<double>(i) / m});
  }
  CHECK(std::sqrt(m) * d <= 1.95);
}

TEST_CASE("step_noise is the noise the kernels add: a step with (A, B, C) = (0, 0, 1) leaves exactly ξ") {
  // 0·x = 0 and 0·s = 0 for finite x and s, and 1·ξ + 0 = ξ, so the kernel's result is its ξ bit for bit; an odd
  // dimension (the last pair's second normal unused), a block of a larger run (first_particle) and a sub-range.
  const int dim = 3;
  const std::size_t n = 4 * kFloat32StepBlock, first = kFloat32StepBlock, count = 2 * kFloat32StepBlock;
  Float32AffineStep step = noise_key(1000);
  step.state = 0.0f;
  step.score = 0.0f;
  step.noise = 1.0f;
  std::vector<float> x(dim * n);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<float>(-2.0 + 4.0 * static_cast<double>(i % 89) / 88.0);
  std::vector<float> xi(x.size(), 0.0f);
  step_noise(step, dim, xi.data(), n, first, count);

  // The isotropic mixture kernel: one standard Gaussian component.
  const std::vector<float> centre(dim, 0.0f), inverse{1.0f}, normaliser{0.0f};
  const MixtureStepCoefficients mixture{dim, 1, centre.data(), inverse.data(), normaliser.data(), step};
  std::vector<float> moved = x;
  mixture_step(mixture, moved.data(), n, first, count);
  // The half-normal kernel (coordinatewise): the elastic net's coefficients at a = 0.5, s = 0.8.
  const HalfNormalStepCoefficients half_normal{dim, -0.5f, 0.6f, -0.3f, -0.8f, step};
  std::vector<float> moved_coordinatewise = x;
  half_normal_step(half_normal, moved_coordinatewise.data(), n, first, count);
  for (int m = 0; m < dim; ++m)
    for (std::size_t i = first; i < first + count; ++i) {
      const std::size_t at = static_cast<std::size_t>(m) * n + i;
      CHECK(moved[at] == xi[at]);
      CHECK(moved_coordinatewise[at] == xi[at]);
    }
  // Outside the range nothing is written.
  CHECK(std::all_of(xi.begin(), xi.begin() + static_cast<std::ptrdiff_t>(first), [](float v) { return v == 0.0f; }));
}
