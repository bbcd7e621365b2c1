// Mode occupancy and its chi-square statistic: labels of points placed at the component centres, a hand-computed
// statistic, and exact samples of a well-separated mixture (multinomial CLT and the chi-square mean K - 1).
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "sgm/base/error.hpp"
#include "sgm/base/rng.hpp"
#include "sgm/metric/mode_occupancy.hpp"
#include "sgm/target/gaussian_mixture.hpp"

namespace {

// Three components 10 standard deviations apart or more: an exact draw is mislabelled with probability ≈ Φ(-4.9) ≈ 5e-7
// (the boundary sits ≈ 5σ from each mean, moved by ≤ 0.1σ by the unequal weights).
sgm::GaussianMixture separated() {
  std::vector<sgm::Vector> means = {(sgm::Vector(2) << 0.0, 0.0).finished(), (sgm::Vector(2) << 3.0, 0.0).finished(),
                                    (sgm::Vector(2) << 0.0, 3.0).finished()};
  return sgm::GaussianMixture({0.5, 0.3, 0.2}, means, std::vector<sgm::Matrix>(3, 0.09 * sgm::Matrix::Identity(2, 2)));
}

}  // namespace

TEST_CASE("most_responsible_component labels the perturbed component centres a μ_j; occupancy counts them") {
  const sgm::GaussianMixture q = separated();
  const double a = 0.8, s = 0.2;
  sgm::Particles X(6, 2);
  const std::vector<std::size_t> expected = {2, 0, 1, 1, 0, 0};
  for (int i = 0; i < 6; ++i) X.row(i) = a * q.means()[expected[static_cast<std::size_t>(i)]].transpose();
  CHECK(q.most_responsible_component(a, s, X) == expected);
  const sgm::Vector o = sgm::mode_occupancy(expected, 3);
  CHECK(o(0) == doctest::Approx(0.5));
  CHECK(o(1) == doctest::Approx(1.0 / 3.0));
  CHECK(o(2) == doctest::Approx(1.0 / 6.0));
  // n Σ (o - π)²/π by hand: 6 · [0 + (1/30)²/0.3 + (1/30)²/0.2] = 6 · (1/900) · (1/0.3 + 1/0.2) = 1/18.
  CHECK(sgm::occupancy_chi_square(o, q.weights(), 6) == doctest::Approx(1.0 / 18.0).epsilon(1e-14));
}

TEST_CASE("exact samples of a separated mixture: occupancy ≈ weights, chi-square ≈ K - 1 on average") {
  // Per seed, each o_j is within 5 multinomial standard errors sqrt(π_j(1 - π_j)/n) of π_j. Over 20 seeds of n = 2000,
  // the mean statistic is within 5 sqrt(2(K - 1)/20) of K - 1 = 2 (chi-square with 2 degrees of freedom: mean 2,
  // variance 4).
  const sgm::GaussianMixture q = separated();
  const std::size_t n = 2000;
  double total = 0.0;
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    const sgm::Particles X = q.sample(n, sgm::CounterRng(seed), sgm::Stream::TargetSample);
    const sgm::Vector o = sgm::mode_occupancy(q.most_responsible_component(1.0, 0.0, X), 3);
    for (int j = 0; j < 3; ++j) {
      const double w = q.weights()[static_cast<std::size_t>(j)];
      CHECK(std::abs(o(j) - w) <= 5.0 * std::sqrt(w * (1.0 - w) / n));
    }
    total += sgm::occupancy_chi_square(o, q.weights(), n);
  }
  CHECK(std::abs(total / 20.0 - 2.0) <= 5.0 * std::sqrt(2.0 * 2.0 / 20.0));
}

TEST_CASE("mode occupancy rejects bad input with the parameter named") {
  CHECK_THROWS_WITH_AS(sgm::mode_occupancy({0, 3}, 3),
                       "labels = 3 is out of range: must be component indices in [0, 2]", sgm::InvalidArgument);
  CHECK_THROWS_WITH_AS(sgm::occupancy_chi_square(sgm::Vector::Zero(2), {1.0}, 5),
                       "weights: has 1 entries: must have one per component (2)", sgm::InvalidArgument);
}
