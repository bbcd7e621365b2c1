// The float32 half-normal product kernel (simd/half_normal_step.hpp): its ln Φ and φ/Φ against the double ones
// (numerics/standard_normal.hpp) over both tails, and one noiseless step against the double closed-form score of
// SymmetricModifiedHalfNormal (α = 1).
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "sgm/numerics/standard_normal.hpp"
#include "sgm/simd/half_normal_step.hpp"
#include "sgm/target/modified_half_normal.hpp"

using namespace sgm;

TEST_CASE("float32 ln Φ and φ/Φ match the double ones to the erfcx fit's precision in both tails") {
  // z on [-40, 40]. Errors: the fit's relative 1.2e-7 on erfcx, exp and log to ≤ 4 ulps each and ≈ 6 more roundings
  // (2e-6 together, generously), and the float rounding of z²/2 (≤ 2^-23 z²/2 absolute), which enters ln Φ absolutely
  // (its size is z²/2 in the lower tail and ≤ ln 2 otherwise) and φ/Φ = e^{-z²/2}/(√(2π) Φ) relatively in the upper
  // tail; φ/Φ below 1e-30 (z > 11.6, where float reaches its subnormals) is checked absolutely.
  const std::size_t n = 8192;
  std::vector<float> z(n), log_cdf(n), ratio(n);
  for (std::size_t i = 0; i < n; ++i) z[i] = static_cast<float>(-40.0 + 80.0 * static_cast<double>(i) / (n - 1));
  half_normal_normal_cdf(z.data(), n, log_cdf.data(), ratio.data());
  double worst_log = 0.0, worst_ratio = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double zi = z[i];
    const double rounding = 0x1.0p-23 * 0.5 * zi * zi;
    worst_log = std::max(worst_log, std::abs(log_cdf[i] - log_normal_cdf(zi)) / (2e-6 + rounding));
    const double exact = normal_pdf_over_cdf(zi);
    worst_ratio = std::max(worst_ratio, std::abs(ratio[i] - exact) / (std::max(exact, 1e-30) * (2e-6 + rounding)));
  }
  CHECK(worst_log <= 1.0);
  CHECK(worst_ratio <= 1.0);
}

TEST_CASE("float32 half-normal step equals A x + B s(x) with the double score, to float rounding") {
  // α = 1 laws: the elastic net (λ1 = 1, λ2 = 1: γ = -1, β = ½) and a bimodal one (β = 1, γ = 2), at a large and a
  // small noise level. Float error of the score: z± and the logits to ≈ 2e-6 relative (test above) on terms of size
  // ≤ z²/2 ≤ (z_slope |x| + |z_shift|)²/2; the weights' difference tanh(gap) moves by ≤ that, times |aγ/P| + z_slope
  // |ρ| ≤ z_slope (|z| + 1) in the score; so |Δs| ≤ 2e-6 (1 + z²/2)(z_slope (|z| + 1) + |aγ/P|) + 1e-6 |s|, which the
  // check takes per particle (times B, plus an ulp of A x).
  struct Case {
    double beta, gamma, a, s;
  };
  const double kState = 1.02, kScore = 0.05;
  for (const Case& k : {Case{0.5, -1.0, 0.3, 0.95}, Case{0.5, -1.0, 0.99, 0.14}, Case{1.0, 2.0, 0.3, 0.95},
                        Case{1.0, 2.0, 0.99, 0.14}}) {
    CAPTURE(k.gamma);
    CAPTURE(k.s);
    const SymmetricModifiedHalfNormal law(1.0, k.beta, k.gamma);
    const double p = 2.0 * k.beta * k.s * k.s + k.a * k.a, root_p = std::sqrt(p);
    HalfNormalStepCoefficients c;
    c.dim = 1;
    c.z_shift = static_cast<float>(k.gamma * k.s / root_p);
    c.z_slope = static_cast<float>(k.a / (k.s * root_p));
    c.tilt = static_cast<float>(k.a * k.gamma / p);
    c.drift = static_cast<float>(-2.0 * k.beta / p);
    c.step.state = static_cast<float>(kState);
    c.step.score = static_cast<float>(kScore);
    const std::size_t n = 1024;
    std::vector<float> x(n);
    Vector x0(static_cast<Eigen::Index>(n)), score(static_cast<Eigen::Index>(n));
    for (std::size_t i = 0; i < n; ++i) x[i] = static_cast<float>(-4.0 + 8.0 * static_cast<double>(i) / (n - 1));
    for (std::size_t i = 0; i < n; ++i) x0(static_cast<Eigen::Index>(i)) = x[i];
    law.score(k.a, k.s, x0, score);
    half_normal_step(c, x.data(), n, 0, n);
    double worst = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      const double xi = x0(static_cast<Eigen::Index>(i)), si = score(static_cast<Eigen::Index>(i));
      const double z = std::abs(c.z_slope) * std::abs(xi) + std::abs(c.z_shift);
      const double bound =
          kScore * (2e-6 * (1.0 + 0.5 * z * z) * (c.z_slope * (z + 1.0) + std::abs(c.tilt)) + 1e-6 * std::abs(si)) +
          0x1.0p-23 * std::abs(kState * xi);
      worst = std::max(worst, std::abs(x[i] - (kState * xi + kScore * si)) / bound);
    }
    CHECK(worst <= 1.0);
  }
}
