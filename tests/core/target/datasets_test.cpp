#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "sgm/base/error.hpp"
#include "sgm/target/datasets.hpp"
#include "support/quadrature_reference.hpp"

using sgm::Particles;

TEST_CASE("data sets are fixed by their seed") {
  CHECK(sgm::ring_points(100, 2.0, 0.2, 4) == sgm::ring_points(100, 2.0, 0.2, 4));
  CHECK(sgm::ring_points(100, 2.0, 0.2, 4) != sgm::ring_points(100, 2.0, 0.2, 5));
  CHECK(sgm::two_moons_points(50, 0.1, 1) ==
        sgm::two_moons_points(80, 0.1, 1).topRows(50));  // point i depends on i only
  CHECK(sgm::swiss_roll_points(30, 0.0, 9) == sgm::swiss_roll_points(30, 0.0, 9));
  CHECK(sgm::square_points(30, 1.0, 5, 9).cols() == 5);
}

TEST_CASE("ring: uniform on the annulus (radius law by KS, angle by KS, E|x|² by CLT)") {
  // Area measure on r_in ≤ r ≤ r_out: P(|x| ≤ r) = (r² - r_in²)/(r_out² - r_in²), angle uniform, E|x|² = (r_in² +
  // r_out²)/2.
  const double radius = 2.0, width = 0.5, inner = radius - width / 2, outer = radius + width / 2;
  const int n = 20000;
  const Particles x = sgm::ring_points(n, radius, width, 17);
  std::vector<double> r(n), angle(n), r2(n);
  for (int i = 0; i < n; ++i) {
    r[i] = x.row(i).norm();
    r2[i] = r[i] * r[i];
    angle[i] = std::atan2(x(i, 1), x(i, 0));
    CHECK(r[i] >= inner * (1 - 1e-15));
    CHECK(r[i] <= outer * (1 + 1e-15));
  }
  CHECK(std::sqrt(n) * sgm::test::kolmogorov_smirnov(
                           r, [&](double v) { return (v * v - inner * inner) / (outer * outer - inner * inner); }) <
        1.95);
  CHECK(std::sqrt(n) * sgm::test::kolmogorov_smirnov(angle, [](double v) { return (v + M_PI) / (2 * M_PI); }) < 1.95);
  CHECK(std::abs(sgm::test::z_score(r2, 0.5 * (inner * inner + outer * outer))) < 5.0);
  // width 0: the circle.
  const Particles circle = sgm::ring_points(100, 3.0, 0.0, 1);
  CHECK((circle.rowwise().norm().array() - 3.0).abs().maxCoeff() < 1e-14);
}

TEST_CASE("square: uniform on the cube, coordinate by coordinate (KS)") {
  const int n = 20000;
  const Particles x = sgm::square_points(n, 1.5, 3, 8);
  CHECK(x.cwiseAbs().maxCoeff() <= 1.5);
  for (int j = 0; j < 3; ++j) {
    std::vector<double> c(x.col(j).data(), x.col(j).data() + n);
    CHECK(std::sqrt(n) * sgm::test::kolmogorov_smirnov(c, [](double v) { return (v + 1.5) / 3.0; }) < 1.95);
  }
  // Coordinates independent: E[x_0 x_1] = 0 (CLT).
  std::vector<double> product(n);
  for (int i = 0; i < n; ++i) product[i] = x(i, 0) * x(i, 1);
  CHECK(std::abs(sgm::test::z_score(product, 0.0)) < 5.0);
}

TEST_CASE("two moons and swiss roll without noise lie exactly on their curves") {
  const Particles moons = sgm::two_moons_points(1001, 0.0, 3);
  for (Eigen::Index i = 0; i < moons.rows(); ++i) {
    if (i % 2 == 0) {  // upper moon: the unit half circle, y ≥ 0
      CHECK(moons.row(i).norm() == doctest::Approx(1.0).epsilon(1e-15));
      CHECK(moons(i, 1) >= 0.0);
    } else {  // lower moon: the half circle of radius 1 about (1, 1/2), y ≤ 1/2
      CHECK(std::hypot(moons(i, 0) - 1.0, moons(i, 1) - 0.5) == doctest::Approx(1.0).epsilon(1e-15));
      CHECK(moons(i, 1) <= 0.5);
    }
  }
  // Angle along each moon uniform on [0, π] (KS on the 500 upper points).
  std::vector<double> angle;
  for (Eigen::Index i = 0; i < moons.rows(); i += 2) angle.push_back(std::atan2(moons(i, 1), moons(i, 0)));
  CHECK(std::sqrt(static_cast<double>(angle.size())) *
            sgm::test::kolmogorov_smirnov(angle, [](double v) { return v / M_PI; }) <
        1.95);
  // Swiss roll: 5|x| = t ∈ [1.5π, 4.5π] and the polar angle is t mod 2π.
  const Particles roll = sgm::swiss_roll_points(500, 0.0, 3);
  for (Eigen::Index i = 0; i < roll.rows(); ++i) {
    const double t = 5.0 * roll.row(i).norm();
    CHECK(t >= 1.5 * M_PI * (1 - 1e-15));
    CHECK(t <= 4.5 * M_PI * (1 + 1e-15));
    CHECK(std::cos(t) == doctest::Approx(roll(i, 0) / roll.row(i).norm()).epsilon(1e-12).scale(1.0));
  }
  // With noise: the mean offset from the noiseless points is 0 and its variance noise² per coordinate (CLT).
  const Particles noisy = sgm::two_moons_points(20000, 0.2, 3), clean = sgm::two_moons_points(20000, 0.0, 3);
  for (int j = 0; j < 2; ++j) {
    std::vector<double> e(20000), e2(20000);
    for (int i = 0; i < 20000; ++i) e[i] = noisy(i, j) - clean(i, j), e2[i] = e[i] * e[i];
    CHECK(std::abs(sgm::test::z_score(e, 0.0)) < 5.0);
    CHECK(std::abs(sgm::test::z_score(e2, 0.04)) < 5.0);
  }
}

TEST_CASE("data sets refuse bad parameters, naming them") {
  CHECK_THROWS_WITH_AS(sgm::ring_points(0, 1.0, 0.1, 0),
                       "n_points = 0 is out of range: must be an integer in [1, 1000000]", sgm::InvalidArgument);
  CHECK_THROWS_WITH_AS(sgm::ring_points(10, 1.0, 3.0, 0),
                       "width = 3 is out of range: must be a number in [0, 2 radius] (the annulus is radius ± width/2)",
                       sgm::InvalidArgument);
  CHECK_THROWS_WITH_AS(sgm::ring_points(10, 0.0, 0.0, 0), "radius = 0 is out of range: must be a number in (0, 1e6]",
                       sgm::InvalidArgument);
  CHECK_THROWS_WITH_AS(sgm::square_points(10, 1.0, 0, 0), "dim = 0 is out of range: must be an integer in [1, 4096]",
                       sgm::InvalidArgument);
  CHECK_THROWS_WITH_AS(sgm::two_moons_points(10, -0.1, 0), "noise = -0.1 is out of range: must be a number in [0, 10]",
                       sgm::InvalidArgument);
  CHECK_THROWS_AS(sgm::swiss_roll_points(10, std::nan(""), 0), sgm::InvalidArgument);
}
