#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "sgm/base/error.hpp"
#include "sgm/numerics/standard_normal.hpp"
#include "sgm/target/modified_half_normal.hpp"
#include "sgm/target/product_target.hpp"
#include "sgm/target/semiconvexity.hpp"
#include "support/scalar_law_reference.hpp"

using sgm::Particles;
using sgm::SymmetricModifiedHalfNormal;
using sgm::Vector;

namespace {
struct HalfNormalCase {
  double alpha, beta, gamma;
};
// Elastic-net-like (α = 1, γ < 0), bimodal (α = 1, γ > 0: not semiconvex), singular (α < 1), vanishing at 0 (α > 1),
// and a sharply peaked elastic net (λ1/√λ2 = 3).
const std::vector<HalfNormalCase> kHalfNormalCases = {
    {1.0, 0.5, -1.0}, {1.0, 0.5, 2.0}, {0.5, 1.0, 1.0}, {2.5, 0.3, -0.5}, {1.0, 2.0, -6.0}};
const std::vector<std::pair<double, double>> kHalfNormalScales = {
    {1.0, 0.05}, {0.9, 0.2}, {std::exp(-0.5), std::sqrt(1 - std::exp(-1.0))}, {0.1, 0.99}};
const std::vector<double> kHalfNormalPoints = {-3.0, -0.7, -0.05, 0.0, 0.3, 1.2, 5.0};

double half_normal_value(const sgm::ScalarLaw& law, double a, double s, double x, bool score) {
  return sgm::test::evaluate_at(law, a, s, x, score);
}

// ℓ(y) = (α-1) ln|y| - β y² + γ|y|; h = 1/512 resolves the narrowest perturbed peak tested (s/a = 0.05 at |y| ≤ 6:
// node spacing ≤ 0.02 there, so the trapezoidal error is ≈ exp(-2π² (0.05/0.02)²) ≈ e^{-120}).
sgm::test::PerturbedReference reference(const HalfNormalCase& c) {
  return sgm::test::PerturbedReference(
      [c](long double y) {
        const long double r = std::abs(y);
        return (c.alpha - 1) * std::log(r) - c.beta * r * r + c.gamma * r;
      },
      1.0L / 512);
}
}  // namespace

TEST_CASE("symmetric modified half-normal: perturbed log-density and score match the convolution by quadrature") {
  // The closed form (α = 1) and the tilted half-normal quadrature (α ≠ 1) against exp-sinh quadrature of
  // ∫ π(y) φ_s(x - a y) dy in long double. Tolerances: 1e-12 (log p, relative to max(1, |log p|)) and 1e-11 (score,
  // relative to max(1, |score|)): the reference is good to ~1e-15 and the core's quadrature to ~1e-13.
  for (const HalfNormalCase& c : kHalfNormalCases) {
    const SymmetricModifiedHalfNormal law(c.alpha, c.beta, c.gamma);
    const auto ref = reference(c);
    CHECK(law.log_normaliser() == doctest::Approx(static_cast<double>(ref.log_normaliser())).epsilon(1e-13));
    for (const auto& entry : kHalfNormalScales)
      for (double x : kHalfNormalPoints) {
        const auto& a = std::get<0>(entry);
        const auto& s = std::get<1>(entry);
        INFO("alpha = " << c.alpha << ", beta = " << c.beta << ", gamma = " << c.gamma << ", a = " << a << ", s = " << s
                        << ", x = " << x);
        const sgm::test::Perturbed r = ref.at(a, s, x);
        CHECK(half_normal_value(law, a, s, x, false) == doctest::Approx(r.log_density).epsilon(1e-12).scale(1.0));
        CHECK(half_normal_value(law, a, s, x, true) == doctest::Approx(r.score).epsilon(1e-11).scale(1.0));
      }
  }
}

TEST_CASE("symmetric modified half-normal: the score is the derivative of the log-density, and p integrates to 1") {
  // Fourth-order central differences with h = s/(50 a): truncation ≈ (h a/s)⁴ ≈ 2e-7 of the score's scale, rounding
  // ≈ 1e-16 |log p|/h; so 1e-6 relative. ∫ p = 1 by the trapezoidal rule on [-30, 30] with step s/20 (smooth and
  // rapidly decaying: geometric convergence), to 1e-10.
  for (const HalfNormalCase& c : kHalfNormalCases) {
    const SymmetricModifiedHalfNormal law(c.alpha, c.beta, c.gamma);
    for (const auto& entry : kHalfNormalScales) {
      const auto& a = std::get<0>(entry);
      const auto& s = std::get<1>(entry);
      const double h = s / (50.0 * a);
      for (double x : kHalfNormalPoints) {
        INFO("alpha = " << c.alpha << ", gamma = " << c.gamma << ", a = " << a << ", s = " << s << ", x = " << x);
        const double fd =
            sgm::test::central_difference([&](double y) { return half_normal_value(law, a, s, y, false); }, x, h);
        CHECK(half_normal_value(law, a, s, x, true) == doctest::Approx(fd).epsilon(1e-6).scale(1.0));
      }
      const double step = s / 20.0;
      Vector grid = Vector::LinSpaced(static_cast<Eigen::Index>(60.0 / step) + 1, -30.0, 30.0), logp(grid.size());
      law.log_density(a, s, grid, logp);
      const double dx = grid(1) - grid(0);
      CHECK(logp.array().exp().sum() * dx == doctest::Approx(1.0).epsilon(1e-10));
    }
  }
}

TEST_CASE("symmetric modified half-normal: stable as s → 0 and for large |x|") {
  for (const HalfNormalCase& c : kHalfNormalCases) {
    const SymmetricModifiedHalfNormal law(c.alpha, c.beta, c.gamma);
    const double a1 = c.alpha - 1.0;
    // s → 0: the score tends to ℓ'(x/a)/a with an O(s²) correction (x away from the kink or singularity at 0).
    for (double a : {1.0, 0.5})
      for (double x : {-2.0, -0.7, 0.6, 1.9}) {
        INFO("alpha = " << c.alpha << ", gamma = " << c.gamma << ", a = " << a << ", x = " << x);
        const double y = x / a;
        const double limit = (a1 / y - 2.0 * c.beta * y + c.gamma * (y > 0 ? 1.0 : -1.0)) / a;
        CHECK(half_normal_value(law, a, 0.0, x, true) == doctest::Approx(limit).epsilon(1e-15));
        CHECK(half_normal_value(law, a, 1e-6, x, true) == doctest::Approx(limit).epsilon(1e-9).scale(1.0));
        CHECK(half_normal_value(law, a, 1e-9, x, true) == doctest::Approx(limit).epsilon(1e-12).scale(1.0));
        CHECK(half_normal_value(law, a, 1e-9, x, false) ==
              doctest::Approx(half_normal_value(law, a, 0.0, x, false)).epsilon(1e-12).scale(1.0));
      }
    // Far out: z± are huge, half_normal_value branch dominates and E[U - z] ≈ (α-1)/z. The score is then
    // [-2βx + aγ sgn x]/P' + a (α-1)/(s √P' z) to relative O(1/z²) (z = (γ s² + a|x|)/(s √P')).
    for (double x : {-1e6, -1e4, 1e4, 1e6}) {
      const double a = 0.6, s = 0.5, p = 2.0 * c.beta * s * s + a * a;
      const double z = (c.gamma * s * s + a * std::abs(x)) / (s * std::sqrt(p));
      const double sign = x > 0 ? 1.0 : -1.0;
      const double expected = (-2.0 * c.beta * x + a * c.gamma * sign) / p + sign * a * a1 / (s * std::sqrt(p) * z);
      INFO("alpha = " << c.alpha << ", gamma = " << c.gamma << ", x = " << x);
      CHECK(half_normal_value(law, a, s, x, true) == doctest::Approx(expected).epsilon(1e-12));
      CHECK(std::isfinite(half_normal_value(law, a, s, x, false)));
      CHECK(std::isfinite(half_normal_value(law, 0.9, 1e-8, x, true)));
    }
  }
}

TEST_CASE("elastic net: the closed-form normaliser of theory §5 and the truncated-normal CDF of its draws") {
  // Z = 2 √(2π/λ2) exp(λ1²/(2λ2)) Φ(-λ1/√λ2); |Y| ~ N(-λ1/λ2, 1/λ2) truncated to (0, ∞) (theory §5).
  for (const auto& entry : {std::pair{1.0, 1.0}, {3.0, 0.5}, {0.0, 2.0}, {12.0, 4.0}}) {
    const auto& l1 = std::get<0>(entry);
    const auto& l2 = std::get<1>(entry);
    INFO("lambda1 = " << l1 << ", lambda2 = " << l2);
    const auto law = sgm::make_elastic_net(l1, l2);
    CHECK(law->name() == "elastic_net");
    const double log_z = std::log(2.0) + 0.5 * std::log(2.0 * M_PI / l2) + l1 * l1 / (2.0 * l2) +
                         sgm::log_normal_cdf(-l1 / std::sqrt(l2));
    CHECK(law->log_normaliser() == doctest::Approx(log_z).epsilon(1e-13));
    const sgm::ProductTarget target(law, 3);
    const sgm::CounterRng rng(7);
    const Particles x = target.sample(4000, rng, sgm::Stream::TargetSample);
    const double mu = -l1 / l2, sigma = 1.0 / std::sqrt(l2);
    const double tail = 0.5 * std::erfc(-mu / sigma / std::sqrt(2.0));  // P(N(μ, σ²) > 0) = Φ(μ/σ)
    auto cdf = [&](double y) {
      // F(y) = 1/2 ± P(0 < |Y| < |y|)/2, P(0 < |Y| < r) = (Φ((r - μ)/σ) - Φ(-μ/σ)) / Φ(μ/σ)
      const double r = std::abs(y);
      const double inside = (0.5 * std::erfc(-(r - mu) / sigma / std::sqrt(2.0)) - (1.0 - tail)) / tail;
      return y >= 0 ? 0.5 + 0.5 * inside : 0.5 - 0.5 * inside;
    };
    for (int j = 0; j < 3; ++j) {
      std::vector<double> column(x.col(j).data(), x.col(j).data() + x.rows());
      CHECK(std::sqrt(4000.0) * sgm::test::kolmogorov_smirnov(column, cdf) < 1.95);
    }
  }
}

TEST_CASE("symmetric modified half-normal: draws have the law's moments (CLT, 5 standard errors)") {
  const sgm::CounterRng rng(11);
  for (const HalfNormalCase& c : kHalfNormalCases) {
    INFO("alpha = " << c.alpha << ", beta = " << c.beta << ", gamma = " << c.gamma);
    const sgm::ProductTarget target(std::make_shared<SymmetricModifiedHalfNormal>(c.alpha, c.beta, c.gamma), 2);
    const Particles x = target.sample(20000, rng, sgm::Stream::TargetSample);
    const double m2 = target.law().figures().m2;
    for (int j = 0; j < 2; ++j) {
      std::vector<double> y(x.col(j).data(), x.col(j).data() + x.rows()), y2(y.size()), positive(y.size());
      for (std::size_t i = 0; i < y.size(); ++i) y2[i] = y[i] * y[i], positive[i] = y[i] > 0 ? 1.0 : 0.0;
      CHECK(std::abs(sgm::test::z_score(y, 0.0)) < 5.0);
      CHECK(std::abs(sgm::test::z_score(y2, m2)) < 5.0);
      CHECK(std::abs(sgm::test::z_score(positive, 0.5)) < 5.0);
    }
  }
}

TEST_CASE(
    "symmetric modified half-normal figures: m2 and KL by quadrature, K and μ as documented, K checked numerically") {
  for (const HalfNormalCase& c : kHalfNormalCases) {
    INFO("alpha = " << c.alpha << ", beta = " << c.beta << ", gamma = " << c.gamma);
    const SymmetricModifiedHalfNormal law(c.alpha, c.beta, c.gamma);
    const auto ref = reference(c);
    const sgm::TargetFigures f = law.figures();
    const double m2 = static_cast<double>(ref.expectation([](long double y) { return y * y; }));
    CHECK(f.m2 == doctest::Approx(m2).epsilon(1e-13));
    CHECK(law.variance() == f.m2);
    // KL(π ‖ N(0,1)) = E[ℓ(Y) - ln Z + ½ ln 2π + Y²/2].
    const long double log_z = ref.log_normaliser();
    const double kl = static_cast<double>(ref.expectation([&](long double y) {
      const long double r = std::abs(y);
      return (c.alpha - 1) * std::log(r) - c.beta * r * r + c.gamma * r - log_z + 0.91893853320467274178L +
             0.5L * y * y;
    }));
    CHECK(f.kl_to_standard_gaussian == doctest::Approx(kl).epsilon(1e-12).scale(1.0));
    CHECK(f.support_radius == std::numeric_limits<double>::infinity());
    // Numerical semiconvexity: smallest slope of U' = -(data score) over pairs of points in [-4, 4].
    const double slope =
        sgm::test::smallest_gradient_slope([&](double y) { return -half_normal_value(law, 1.0, 0.0, y, true); }, 4.0);
    if (c.alpha == 1.0 && c.gamma <= 0.0) {
      CHECK(f.semiconvexity == -2.0 * c.beta);
      // K = -(min slope); pairs 1e-6 apart carry a rounding error ≈ 1e-16 |U'|/1e-6 ≈ 2e-9.
      CHECK(slope == doctest::Approx(2.0 * c.beta).epsilon(1e-8));
      CHECK(f.convexity_at_infinity == 2.0 * c.beta);
    } else {
      CHECK(f.semiconvexity == std::numeric_limits<double>::infinity());
      CHECK(slope < -1e5);  // pairs across (or next to) 0 have arbitrarily negative slopes: no K works
    }
    if (c.alpha != 1.0) CHECK(f.convexity_at_infinity == -std::numeric_limits<double>::infinity());
    CHECK(f.lipschitz == std::numeric_limits<double>::infinity());
  }
  // The project's sampling checker (semiconvexity.hpp, theory §9.10) on the same laws: K = -λ2 for the elastic net,
  // unbounded for the bimodal law (a downward jump at 0: pairs across it give K(r) ≈ 2γ/r). 1e5 draws, so that about
  // 30 pairs at r = 0.01 straddle 0 (the density there is 0.028).
  const sgm::ProductTarget elastic(sgm::make_elastic_net(1.0, 1.0), 1),
      bimodal(std::make_shared<SymmetricModifiedHalfNormal>(1.0, 0.5, 2.0), 1);
  sgm::SemiconvexityOptions options;
  options.samples = 100000;
  const sgm::SemiconvexityEstimate e = sgm::estimate_semiconvexity(elastic, options),
                                   b = sgm::estimate_semiconvexity(bimodal, options);
  CHECK(e.bounded);
  CHECK(e.K == doctest::Approx(-1.0).epsilon(1e-9));
  CHECK_FALSE(b.bounded);
  // γ = 0, α = 1 is N(0, 1/(2β)): Lipschitz max(1, 2β) (theory §1), KL closed form ½(σ² - 1 - ln σ²).
  const SymmetricModifiedHalfNormal gaussian(1.0, 2.0, 0.0);
  CHECK(gaussian.figures().lipschitz == 4.0);
  const double var = 0.25;
  CHECK(gaussian.figures().kl_to_standard_gaussian ==
        doctest::Approx(0.5 * (var - 1.0 - std::log(var))).epsilon(1e-13));
  CHECK(gaussian.figures().m2 == doctest::Approx(var).epsilon(1e-14));
}

TEST_CASE("symmetric modified half-normal and elastic net refuse parameters out of range, naming them") {
  CHECK_THROWS_WITH_AS(SymmetricModifiedHalfNormal(1.0, 0.0, 1.0),
                       "beta = 0 is out of range: must be a number in [1e-4, 1e4]", sgm::InvalidArgument);
  CHECK_THROWS_WITH_AS(SymmetricModifiedHalfNormal(0.0, 1.0, 1.0),
                       "alpha = 0 is out of range: must be a number in [0.1, 100]", sgm::InvalidArgument);
  CHECK_THROWS_WITH_AS(SymmetricModifiedHalfNormal(1.0, 1.0, std::nan("")),
                       "gamma = NaN is out of range: must be a number in [-1e4, 1e4]", sgm::InvalidArgument);
  CHECK_THROWS_WITH_AS(sgm::make_elastic_net(-1.0, 1.0), "lambda1 = -1 is out of range: must be a number in [0, 1e4]",
                       sgm::InvalidArgument);
  CHECK_THROWS_WITH_AS(sgm::make_elastic_net(1.0, 0.0), "lambda2 = 0 is out of range: must be a number in [2e-4, 2e4]",
                       sgm::InvalidArgument);
}
