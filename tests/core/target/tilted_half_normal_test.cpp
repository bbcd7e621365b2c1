#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "sgm/base/error.hpp"
#include "sgm/numerics/standard_normal.hpp"
#include "sgm/target/tilted_half_normal.hpp"
#include "support/quadrature_reference.hpp"

using sgm::TiltedHalfNormal;

namespace {
// The reference: ln G_α(z) = ln ∫_0^∞ u^{α-1} e^{-(u-z)²/2} du and E[U - z] by exp-sinh quadrature in long double
// with h = 1/256 (halving h changes nothing at 1e-16 for |z| ≤ 30; the spacing at the peak u = 30 is ≈ 0.4).
struct Reference {
  double log_mass, mean_offset;
};
Reference exp_sinh_reference(double alpha, double z) {
  static const sgm::test::WeightedNodes nodes = sgm::test::exp_sinh_nodes(1.0L / 256);
  const long double lz = z;
  const auto r = sgm::test::integrate_on(
      nodes, [&](long double u) { return (alpha - 1) * std::log(u) - 0.5L * (u - lz) * (u - lz); },
      [&](long double u) { return u - lz; });
  return {static_cast<double>(r.log_mass), static_cast<double>(r.mean)};
}

// Asymptotic series (|z| → ∞), summed in long double while the terms decrease:
//   z → +∞: G = √(2π) z^{α-1} Σ_k C(α-1, 2k) (2k-1)!! z^{-2k}  (expand u^{α-1} about u = z; the mass at u < 0 is
//   e^{-z²/2}); z → -∞: F = e^{z²/2} G = Σ_k (-1/2)^k Γ(α + 2k) / (k! |z|^{α+2k})  (expand e^{-u²/2} in ∫ u^{α-1}
//   e^{-|z| u}).
// E[U - z] = d/dz ln G (differentiate term by term).
Reference asymptotic_reference(double alpha, double z) {
  long double sum = 0.0L, derivative = 0.0L, previous = INFINITY;
  const long double lz = z, a = std::abs(lz);
  if (z > 0) {
    long double c = 1.0L;  // C(α-1, 2k) (2k-1)!!
    for (int k = 0; k < 40; ++k) {
      if (k > 0) c *= (alpha - 1 - (2 * k - 2)) * (alpha - 1 - (2 * k - 1)) / (2.0L * k);
      const long double term = c * std::pow(lz, -2 * k);
      if (std::abs(term) > previous || term == 0.0L) break;
      previous = std::abs(term);
      sum += term;
      derivative += -2.0L * k * term / lz;
    }
    return {
        static_cast<double>(0.5L * std::log(2 * 3.14159265358979323846L) + (alpha - 1) * std::log(lz) + std::log(sum)),
        static_cast<double>((alpha - 1) / lz + derivative / sum)};
  }
  for (int k = 0; k < 40; ++k) {
    const long double log_term =
        std::lgamma(alpha + 2.0L * k) - std::lgamma(k + 1.0L) - k * std::log(2.0L) - (alpha + 2 * k) * std::log(a);
    const long double term = (k % 2 ? -1.0L : 1.0L) * std::exp(log_term);
    if (std::abs(term) > previous) break;
    previous = std::abs(term);
    sum += term;
    derivative += term * (alpha + 2 * k) / a;  // d/dz = -d/d|z|
  }
  return {static_cast<double>(std::log(sum) - 0.5L * lz * lz), static_cast<double>(derivative / sum - lz)};
}

const std::vector<double> kAlphas = {0.1, 0.5, 0.9, 1.0, 1.5, 2.5, 7.3, 30.0, 100.0};
const std::vector<double> kModerateZ = {-30.0, -4.0, -1.0, -0.3, 0.0, 0.4, 1.0, 4.0, 10.0, 30.0};

// Largest relative error of (ln G, E[U - z]) over α × z against exp-sinh, with n nodes (ln G relative to max(1, |ln
// G|)).
std::pair<double, double> tilted_worst_error(int n) {
  static const std::vector<Reference> references = [] {
    std::vector<Reference> r;
    for (double alpha : kAlphas)
      for (double z : kModerateZ) r.push_back(exp_sinh_reference(alpha, z));
    return r;
  }();
  double worst_log = 0.0, worst_offset = 0.0;
  std::size_t k = 0;
  for (double alpha : kAlphas)
    for (double z : kModerateZ) {
      const TiltedHalfNormal law(alpha, n);
      const TiltedHalfNormal::Moments q = law.quadrature(z);
      const Reference& r = references[k++];
      worst_log = std::max(worst_log, std::abs(q.log_mass - r.log_mass) / std::max(1.0, std::abs(r.log_mass)));
      // For α = 1, z ≥ 4, E[U - z] = φ(z)/Φ(z) ≤ 1.4e-4 is a sum of O(z) terms that cancel (rounding ≈ 1e-16 z/E[U -
      // z]); value() uses the closed form there.
      if (!(alpha == 1.0 && z >= 4.0))
        worst_offset = std::max(worst_offset, std::abs(q.mean_offset - r.mean_offset) / std::abs(r.mean_offset));
    }
  return {worst_log, worst_offset};
}
}  // namespace

TEST_CASE("tilted half-normal quadrature converges geometrically in the node count to an exp-sinh reference") {
  // α from 0.1 (singular u^{-0.9} at 0) to 100, z from -30 to 30: both windows (Gauss–Jacobi from 0, Gauss–Legendre
  // away from 0). The measured errors (ln G, E[U - z]) are
  //   n = 16: 6e-3, 7e-2;   n = 24: 9e-6, 2e-4;   n = 32: 2e-9, 7e-8;   n = 48 (default): 1e-14, 2.4e-14.
  // The window truncation (e^{-45}) is far below; what remains at n = 48 is rounding.
  std::vector<std::pair<double, double>> errors;
  for (int n : {16, 24, 32, 48}) {
    errors.push_back(tilted_worst_error(n));
    MESSAGE("n = " << n << ": worst relative error ln G " << errors.back().first << ", E[U - z] "
                   << errors.back().second);
  }
  for (std::size_t k = 1; k + 1 < errors.size(); ++k) {
    CHECK(errors[k].first < 1e-2 * errors[k - 1].first);
    CHECK(errors[k].second < 1e-2 * errors[k - 1].second);
  }
  CHECK(errors.back().first < 1e-13);
  CHECK(errors.back().second < 1e-13);
}

TEST_CASE("tilted half-normal: the α = 1 closed form, the α = 2, 3 recurrences and the quadrature agree") {
  // α = 1: G_1 = √(2π) Φ(z), E[U - z] = φ(z)/Φ(z) (value() uses them); F_{ν+1} = z F_ν + (ν-1) F_{ν-1} (integrate
  // u^ν e^{-u²/2 + zu} by parts) gives G_2 = e^{-z²/2} + z G_1, G_3 = z G_2 + G_1, and E[U - z] = (α-1) G_{α-1}/G_α.
  // The recurrence cancels for z ≪ 0 (G_3 at z = -3 loses about 40× in relative precision), so it is used on
  // [-3, 40] with a tolerance widened there.
  const TiltedHalfNormal one(1.0), two(2.0), three(3.0);
  for (double z = -3.0; z <= 40.0; z += 0.25) {
    INFO("z = " << z);
    const double g1 = std::exp(one.value(z).log_mass);
    const double g2 = std::exp(-0.5 * z * z) + z * g1, g3 = z * g2 + g1;
    const TiltedHalfNormal::Moments q1 = one.quadrature(z), q2 = two.quadrature(z), q3 = three.quadrature(z);
    CHECK(q1.log_mass == doctest::Approx(std::log(g1)).epsilon(1e-14).scale(1.0));
    if (z < 6.0) CHECK(q1.mean_offset == doctest::Approx(one.value(z).mean_offset).epsilon(1e-12));
    CHECK(q2.log_mass == doctest::Approx(std::log(g2)).epsilon(2e-15).scale(1.0));
    CHECK(q2.mean_offset == doctest::Approx(g1 / g2).epsilon(1e-13));
    CHECK(q3.log_mass == doctest::Approx(std::log(g3)).epsilon(z < -1.0 ? 1e-13 : 2e-15).scale(1.0));
    CHECK(q3.mean_offset == doctest::Approx(2.0 * g2 / g3).epsilon(1e-13));
    // value() is the quadrature for α ≠ 1.
    CHECK(two.value(z).log_mass == q2.log_mass);
  }
}

TEST_CASE("tilted half-normal keeps full relative precision far out, against the asymptotic series") {
  // |z| ≥ 300: the series converge to 1e-16 after a few terms. E[U - z] ≈ (α-1)/z for z → +∞ is small and must not
  // lose digits (the perturbed score at small noise divides it by s); for z → -∞ it is ≈ |z| + α/|z|.
  for (double alpha : kAlphas)
    for (double z : {-1e4, -1e3, 300.0, 1e3, 1e4}) {
      if (z < 0 && alpha > 10 && z > -1e4) continue;  // the z → -∞ series needs |z| ≫ α
      INFO("alpha = " << alpha << ", z = " << z);
      const TiltedHalfNormal law(alpha);
      const TiltedHalfNormal::Moments q = law.quadrature(z);
      const Reference r = asymptotic_reference(alpha, z);
      CHECK(q.log_mass == doctest::Approx(r.log_mass).epsilon(1e-14));
      if (alpha != 1.0 || z < 0) CHECK(q.mean_offset == doctest::Approx(r.mean_offset).epsilon(1e-12));
      if (alpha != 1.0) CHECK(law.value(z).mean_offset == doctest::Approx(r.mean_offset).epsilon(1e-12));
    }
}

TEST_CASE("tilted half-normal draws follow the law: moments (CLT) and Kolmogorov–Smirnov at a fixed seed") {
  // One (α, z) per sampler branch: Gamma proposal (z ≤ 0; α < 1 with z ≤ 1), normal proposal (α ≥ 1, z > 0),
  // split envelope (α < 1, z > 1). CDF by tanh-sinh on [0, u] (h = 1/32; independent of the core's rules).
  const sgm::CounterRng rng(20240611);
  const int n = 20000;
  for (const auto& entry :
       {std::pair{0.3, -2.0}, {2.5, -1.0}, {0.5, 0.7}, {1.0, 0.5}, {3.0, 2.0}, {0.4, 1.5}, {0.4, 5.0}, {1.0, -3.0}}) {
    const auto& alpha = std::get<0>(entry);
    const auto& z = std::get<1>(entry);
    INFO("alpha = " << alpha << ", z = " << z);
    const TiltedHalfNormal law(alpha);
    std::vector<double> u(n), u2(n);
    double draws = 0.0;
    for (int i = 0; i < n; ++i) {
      sgm::ScalarDraws d(rng, static_cast<std::uint32_t>(i), sgm::Stream::TargetSample, 0);
      u[i] = law.sample(z, d);
      u2[i] = u[i] * u[i];
      draws += d.used();
    }
    // Cost: every branch uses ≥ 2 draws per proposal; acceptance ≥ 0.3 bounds the mean at 2/0.3 + 2 (Gamma: +1).
    CHECK(draws / n < 10.0);
    const TiltedHalfNormal::Moments m = law.quadrature(z);
    // 5 standard errors (the sample standard deviation estimates the CLT scale): false alarm < 1e-6 per check.
    CHECK(std::abs(sgm::test::z_score(u, m.mean)) < 5.0);
    CHECK(std::abs(sgm::test::z_score(u2, m.second_moment)) < 5.0);
    // CDF(x) = ∫_0^x / G = x ∫_0^1 (x w)^{α-1} e^{-(xw - z)²/2} dw / G.
    static const sgm::test::WeightedNodes unit = sgm::test::tanh_sinh_nodes(0.0L, 1.0L, 1.0L / 32);
    const double log_mass = m.log_mass;
    auto cdf = [&](double x) {
      const long double lx = x;
      const auto part = sgm::test::integrate_on(
          unit, [&](long double w) { return (alpha - 1) * std::log(lx * w) - 0.5L * (lx * w - z) * (lx * w - z); });
      return static_cast<double>(std::exp(part.log_mass + std::log(lx) - log_mass));
    };
    const std::vector<double> first(u.begin(), u.begin() + 1000);  // 1000 draws keep the CDF evaluations cheap
    CHECK(std::sqrt(1000.0) * sgm::test::kolmogorov_smirnov(first, cdf) < 1.95);
  }
}

TEST_CASE("tilted half-normal refuses α and node counts outside its range") {
  CHECK_THROWS_WITH_AS(TiltedHalfNormal(0.05), "alpha = 0.05 is out of range: must be a number in [0.1, 100]",
                       sgm::InvalidArgument);
  CHECK_THROWS_AS(TiltedHalfNormal(std::nan("")), sgm::InvalidArgument);
  CHECK_THROWS_WITH_AS(TiltedHalfNormal(2.0, 1), "quadrature nodes = 1 is out of range: must be an integer in [2, 64]",
                       sgm::InvalidArgument);
}
