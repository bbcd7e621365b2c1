// Estimates with CLT intervals: the normal quantile against Φ (erfc) and tabulated values; the interval of a mean
// against a hand computation; coverage of the interval checked by repeated Monte Carlo.
#include <doctest/doctest.h>

#include <cmath>

#include "sgm/base/error.hpp"
#include "sgm/base/monte_carlo_estimate.hpp"
#include "sgm/base/rng.hpp"

using namespace sgm;

TEST_CASE("normal_quantile inverts Φ(x) = ½ erfc(-x/√2) to 1e-12 relative, tails included") {
  for (double p : {1e-300, 1e-12, 1e-4, 0.02, 0.025, 0.3, 0.5, 0.7, 0.975, 0.98, 1 - 1e-4, 1 - 1e-12}) {
    const double x = normal_quantile(p);
    const double phi = 0.5 * std::erfc(-x / std::sqrt(2.0));
    INFO("p = " << p << ", x = " << x);
    CHECK(std::abs(phi - p) <= 1e-12 * std::min(p, 1 - p));  // erfc itself is good to ~1e-14 relative
  }
  CHECK(std::abs(normal_quantile(0.975) - 1.959963984540054) < 1e-14);  // tabulated z_{0.975}
  CHECK(normal_quantile(0.5) == doctest::Approx(0.0).epsilon(1e-15));
  CHECK_THROWS_WITH_AS(normal_quantile(1.0), "p = 1 is out of range: must be a probability in (0, 1)", InvalidArgument);
}

TEST_CASE("monte_carlo_estimate: mean, standard error and interval by hand") {
  Vector draws(4);
  draws << 1.0, 2.0, 3.0, 6.0;  // mean 3, sample variance (4 + 1 + 0 + 9)/3 = 14/3
  const Estimate e = monte_carlo_estimate(draws, 0.95);
  const double se = std::sqrt(14.0 / 3.0 / 4.0);
  CHECK(e.value == doctest::Approx(3.0));
  CHECK(e.std_error == doctest::Approx(se));
  CHECK(e.upper == doctest::Approx(3.0 + 1.959963984540054 * se));
  CHECK(e.lower == doctest::Approx(3.0 - 1.959963984540054 * se));
  CHECK(!e.exact());
  const Estimate x = exact_estimate(2.5);
  CHECK((x.exact() && x.lower == 2.5 && x.upper == 2.5 && x.std_error == 0.0));
  CHECK_THROWS_AS(monte_carlo_estimate(Vector::Ones(1), 0.95), InvalidArgument);
  CHECK_THROWS_AS(monte_carlo_estimate(draws, 1.0), InvalidArgument);
  draws(1) = std::nan("");
  CHECK_THROWS_AS(monte_carlo_estimate(draws, 0.95), InvalidArgument);
}

TEST_CASE("a 90% interval of a mean of 50 normals covers the true mean in about 90% of 2000 repetitions") {
  // Coverage is Binomial(2000, p ≈ 0.9 - O(1/n) from the t vs normal quantile): standard deviation √(2000·0.09) ≈ 13.4,
  // so 1800 ± 5·13.4 ≈ [1733, 1867]; the t correction (t_{49} vs z) lowers p by about 0.004 (8 hits).
  const CounterRng rng(17);
  int covered = 0;
  for (std::uint32_t r = 0; r < 2000; ++r) {
    Vector draws(50);
    for (int i = 0; i < 50; ++i) draws(i) = 1.5 + rng.normal(static_cast<std::uint32_t>(i), r, 99, 0);
    const Estimate e = monte_carlo_estimate(draws, 0.9);
    covered += (e.lower <= 1.5 && 1.5 <= e.upper) ? 1 : 0;
  }
  INFO("covered " << covered << " of 2000");
  CHECK(covered > 1733 - 8);
  CHECK(covered < 1867);
}
