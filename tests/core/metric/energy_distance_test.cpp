// Energy distance against point masses (exact), brute-force pairwise sums, Cramér's 2∫(F - G)² in 1-D, and the
// closed form for two 1-D Gaussians (U-statistic, CLT over seeds).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "sgm/base/error.hpp"
#include "sgm/base/rng.hpp"
#include "sgm/metric/energy_distance.hpp"
#include "support/test_support.hpp"

namespace {

using sgm::test::normal_particles;

// (1/(|A||B|)) Σ_{a,b} |a - b| by a double loop.
double mean_distance(const sgm::Particles& A, const sgm::Particles& B) {
  double sum = 0.0;
  for (Eigen::Index i = 0; i < A.rows(); ++i)
    for (Eigen::Index j = 0; j < B.rows(); ++j) sum += (A.row(i) - B.row(j)).norm();
  return sum / (double(A.rows()) * double(B.rows()));
}

// E|N(μ, σ²)| = σ √(2/π) e^{-μ²/(2σ²)} + μ (1 - 2Φ(-μ/σ)) (folded normal mean).
double folded_normal_mean(double mu, double sigma) {
  return sigma * std::sqrt(2.0 / M_PI) * std::exp(-mu * mu / (2.0 * sigma * sigma)) +
         mu * std::erf(mu / (sigma * std::sqrt(2.0)));
}

}  // namespace

TEST_CASE("energy_distance between point masses is sqrt(2|a - b|), in d = 1 and 3") {
  for (int d : {1, 3}) {
    sgm::Vector a = sgm::Vector::LinSpaced(d, 0.5, 1.0), b = sgm::Vector::LinSpaced(d, -1.0, 2.0);
    const sgm::Particles X = a.transpose().replicate(5, 1), Y = b.transpose().replicate(7, 1);
    CHECK(sgm::energy_distance(X, Y) == doctest::Approx(std::sqrt(2.0 * (a - b).norm())).epsilon(1e-14));
    CHECK(sgm::squared_energy_distance_unbiased(X, Y) == doctest::Approx(2.0 * (a - b).norm()).epsilon(1e-14));
    CHECK(sgm::energy_distance(X, X) == 0.0);
  }
}

TEST_CASE("energy_distance and its U-statistic equal brute-force pairwise sums (d = 1, 2, 4; n ≠ m)") {
  for (int d : {1, 2, 4}) {
    const sgm::Particles X = normal_particles(60, d, 1), Y = 1.3 * normal_particles(45, d, 2).array() + 0.4;
    const double xy = mean_distance(X, Y), xx = mean_distance(X, X), yy = mean_distance(Y, Y);
    INFO("d = " << d);
    CHECK(sgm::energy_distance(X, Y) == doctest::Approx(std::sqrt(2.0 * xy - xx - yy)).epsilon(1e-12));
    // U-statistic: the diagonal terms are 0, so Σ_{i≠i'} = n² · mean; divide by n(n - 1) instead.
    CHECK(sgm::squared_energy_distance_unbiased(X, Y) ==
          doctest::Approx(2.0 * xy - xx * 60.0 / 59.0 - yy * 45.0 / 44.0).epsilon(1e-12));
  }
}

TEST_CASE("in 1-D, energy_distance² = 2∫(F_n - G_m)² dx (Cramér), integrated exactly between merged points") {
  const sgm::Particles X = normal_particles(300, 1, 3), Y = 0.7 * normal_particles(200, 1, 4).array() + 0.2;
  std::vector<std::pair<double, int>> merged;
  for (Eigen::Index i = 0; i < X.rows(); ++i) merged.push_back({X(i, 0), 0});
  for (Eigen::Index j = 0; j < Y.rows(); ++j) merged.push_back({Y(j, 0), 1});
  std::sort(merged.begin(), merged.end());
  double F = 0.0, G = 0.0, integral = 0.0;
  for (std::size_t k = 0; k + 1 < merged.size(); ++k) {
    (merged[k].second == 0 ? F : G) += merged[k].second == 0 ? 1.0 / 300 : 1.0 / 200;
    integral += (F - G) * (F - G) * (merged[k + 1].first - merged[k].first);  // F, G constant between merged points
  }
  CHECK(std::pow(sgm::energy_distance(X, Y), 2) == doctest::Approx(2.0 * integral).epsilon(1e-11));
}

TEST_CASE("the U-statistic is unbiased for ℰ(N(m0, s0²), N(m1, s1²)) = 2E|X - Y| - 2s0/√π - 2s1/√π") {
  // X - Y ~ N(m0 - m1, s0² + s1²) and X - X' ~ N(0, 2 s0²), whose mean absolute value is 2 s0/√π. 10 seeds of
  // n = m = 1000; tolerance 5 standard errors of the seed mean (t, 9 degrees of freedom: P(|t| > 5) ≈ 7e-4).
  const double m0 = 0.0, s0 = 1.0, m1 = 0.8, s1 = 1.5;
  const double exact =
      2.0 * folded_normal_mean(m0 - m1, std::hypot(s0, s1)) - 2.0 * s0 / std::sqrt(M_PI) - 2.0 * s1 / std::sqrt(M_PI);
  std::vector<double> values;
  for (std::uint64_t seed = 100; seed < 110; ++seed) {
    const sgm::Particles X = s0 * normal_particles(1000, 1, seed).array() + m0;
    const sgm::Particles Y = s1 * normal_particles(1000, 1, seed, sgm::Stream::Reference).array() + m1;
    values.push_back(sgm::squared_energy_distance_unbiased(X, Y));
  }
  double mean = 0.0, ss = 0.0;
  for (double v : values) mean += v / values.size();
  for (double v : values) ss += (v - mean) * (v - mean);
  const double se = std::sqrt(ss / (values.size() - 1) / values.size());
  INFO("exact " << exact << ", U-statistic " << mean << " ± " << se);
  CHECK(std::abs(mean - exact) <= 5.0 * se);
}

TEST_CASE("energy distances reject bad input with the parameter named") {
  CHECK_THROWS_WITH_AS(sgm::energy_distance(normal_particles(3, 2, 1), normal_particles(3, 1, 1)),
                       "Y: has dimension 1: must have the dimension of X, 2", sgm::InvalidArgument);
  CHECK_THROWS_WITH_AS(sgm::squared_energy_distance_unbiased(normal_particles(1, 2, 1), normal_particles(3, 2, 1)),
                       "X = 1 is out of range: must be a sample of size ≥ 2", sgm::InvalidArgument);
}
