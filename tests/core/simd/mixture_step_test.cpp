// The float32 SIMD kernel (simd/mixture_step.hpp): the agreement of every compiled Highway target the CPU supports
// (run one by one through hwy::SetSupportedTargetsForTest); its normals: step_noise_test.cpp.
#include <doctest/doctest.h>

#include <hwy/targets.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "sgm/base/rng.hpp"
#include "sgm/simd/mixture_step.hpp"

using namespace sgm;

namespace {

constexpr std::uint64_t kSeed = 0x5eed1234abcdULL;
constexpr std::uint32_t kStep = 7;
constexpr auto kStream = static_cast<std::uint32_t>(Stream::StepNoise);

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
