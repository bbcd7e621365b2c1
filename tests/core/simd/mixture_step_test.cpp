// The float32 SIMD kernel (simd/mixture_step.hpp): its normals against the double generator of rng.hpp (same Philox
// blocks) and against N(0, 1) (moments with CLT tolerances, Kolmogorov–Smirnov), and the agreement of every compiled
// Highway target the CPU supports (run one by one through hwy::SetSupportedTargetsForTest).
#include <doctest/doctest.h>

#include <hwy/targets.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "sgm/base/rng.hpp"
#include "sgm/numerics/standard_normal.hpp"
#include "sgm/simd/mixture_step.hpp"

using namespace sgm;

namespace {

constexpr std::uint64_t kSeed = 0x5eed1234abcdULL;
constexpr std::uint32_t kStep = 7;
constexpr auto kStream = static_cast<std::uint32_t>(Stream::StepNoise);

struct NormalPairs {
  std::vector<float> even, odd;
};

NormalPairs float_normals(std::size_t n, std::uint32_t pair) {
  NormalPairs z{std::vector<float>(n), std::vector<float>(n)};
  mixture_step_normals(kSeed, kStep, kStream, pair, 0, n, z.even.data(), z.odd.data());
  return z;
}

// One step of the 8-mode ring (radius 3, σ_j = 0.3, equal weights) under OU at t = 0.5 with Euler–Maruyama's
// coefficients for h = 0.05, on `n` particles spread over [-5, 5]²: the coefficients in double, rounded once.
std::vector<float> ring_step(std::size_t n) {
  constexpr int kComponents = 8, kDim = 2;
  const double t = 0.5, h = 0.05, a = std::exp(-t), s2 = 1.0 - std::exp(-2.0 * t);
  std::vector<float> centres(kComponents * kDim), inverse(kComponents), normaliser(kComponents);
  for (int j = 0; j < kComponents; ++j) {
    const double angle = 2.0 * M_PI * j / kComponents, c = a * a * 0.09 + s2;
    centres[2 * j] = static_cast<float>(a * 3.0 * std::cos(angle));
    centres[2 * j + 1] = static_cast<float>(a * 3.0 * std::sin(angle));
    inverse[j] = static_cast<float>(1.0 / c);
    normaliser[j] = static_cast<float>(std::log(1.0 / kComponents) - std::log(2.0 * M_PI * c));
  }
  MixtureStepCoefficients c;
  c.dim = kDim;
  c.components = kComponents;
  c.centres = centres.data();
  c.inverse_variances = inverse.data();
  c.log_normalisers = normaliser.data();
  c.step.state = static_cast<float>(1.0 + h);
  c.step.score = static_cast<float>(2.0 * h);
  c.step.noise = static_cast<float>(std::sqrt(2.0 * h));
  c.step.seed = kSeed;
  c.step.step = kStep;
  c.step.stream = kStream;
  std::vector<float> x(kDim * n);
  for (std::size_t i = 0; i < n; ++i) {
    x[i] = static_cast<float>(-5.0 + 10.0 * static_cast<double>(i % 97) / 96.0);
    x[n + i] = static_cast<float>(-5.0 + 10.0 * static_cast<double>(i / 97 % 97) / 96.0);
  }
  mixture_step(c, x.data(), n, 0, n);
  return x;
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
  const CounterRng rng(kSeed);
  for (std::uint32_t pair : {0u, 3u}) {
    const NormalPairs z = float_normals(n, pair);
    double worst = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      const auto particle = static_cast<std::uint32_t>(i);
      const double u1 = rng.uniform(particle, kStep, kStream, pair, 0);
      const double r = std::sqrt(-2.0 * std::log(u1));
      const double bound = 0x1.0p-24 / (u1 * r) + 4.0 * M_PI * r * 0x1.0p-24 + 8.0 * 0x1.0p-24 * (1.0 + r);
      const double d0 = std::abs(z.even[i] - rng.normal(particle, kStep, kStream, 2 * pair));
      const double d1 = std::abs(z.odd[i] - rng.normal(particle, kStep, kStream, 2 * pair + 1));
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

TEST_CASE("every compiled SIMD target gives the same step to a few float ulps") {
  // The targets share one source and Highway's polynomials; they differ only where a target lacks FMA (SSE4,
  // SCALAR: MulAdd is a multiply then an add) — a rounding of ≤ 2^-24 relative per fused operation. Through the
  // step (K = 8 logits, the softmax, the score sum, the update; ≈ 40 operations on values of size ≤ 10, the softmax
  // weights amplifying a logit error by at most its |x - a μ_j| / c_j ≤ 20), the difference stays below
  // 40 · 20 · 10 · 2^-24 ≈ 5e-4; targets with the same FMA use agree bitwise in practice, the bound covers both.
  const std::vector<std::int64_t> targets = mixture_step_targets();
  REQUIRE(!targets.empty());
  const std::size_t n = 97 * 97 + 31;  // not a multiple of the block: rounded up below
  const std::size_t padded = (n + kFloat32StepBlock - 1) / kFloat32StepBlock * kFloat32StepBlock;
  std::vector<float> reference;
  for (std::int64_t target : targets) {
    hwy::SetSupportedTargetsForTest(target);
    CAPTURE(hwy::TargetName(target));
    CHECK(mixture_step_target_name() == hwy::TargetName(target));
    const std::vector<float> x = ring_step(padded);
    if (reference.empty()) {
      reference = x;
      continue;
    }
    double worst = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i) worst = std::max(worst, std::abs(double(x[i]) - reference[i]));
    CHECK(worst <= 5e-4);
  }
  hwy::SetSupportedTargetsForTest(0);
}
