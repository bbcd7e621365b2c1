#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "sgm/base/error.hpp"
#include "sgm/target/modified_half_normal.hpp"
#include "sgm/target/product_target.hpp"
#include "support/quadrature_reference.hpp"

using sgm::Particles;
using sgm::ProductTarget;
using sgm::Vector;

TEST_CASE("product target: log-density, score, moments and figures are assembled from one coordinate") {
  const auto law = std::make_shared<sgm::SymmetricModifiedHalfNormal>(2.5, 0.3, -0.5);
  const int d = 3;
  const ProductTarget target(law, d);
  CHECK(target.name() == "modified_half_normal");
  CHECK(target.dim() == d);
  Particles X(4, d);
  X << -1.0, 0.2, 3.0, 0.5, -0.5, 0.0, 2.0, 2.0, -2.0, 1e3, -7.0, 0.1;
  for (const auto& entry : {std::pair{0.8, 0.3}, {1.0, 0.0}, {0.0, 1.0}}) {
    const auto& a = std::get<0>(entry);
    const auto& s = std::get<1>(entry);
    Particles score;
    target.score(a, s, X, score);
    const Vector logp = target.log_density(a, s, X);
    Vector expected = Vector::Zero(X.rows()), column(X.rows());
    for (int j = 0; j < d; ++j) {
      law->score(a, s, X.col(j), column);
      CHECK(score.col(j) == column);
      law->log_density(a, s, X.col(j), column);
      expected += column;
    }
    CHECK((logp - expected).cwiseAbs().maxCoeff() == 0.0);
  }
  CHECK(target.mean() == Vector::Zero(d));
  CHECK(target.covariance() == law->variance() * sgm::Matrix::Identity(d, d));
  const sgm::TargetFigures one = law->figures(), f = target.figures();
  CHECK(f.m2 == doctest::Approx(d * one.m2).epsilon(1e-15));
  CHECK(f.kl_to_standard_gaussian == doctest::Approx(d * one.kl_to_standard_gaussian).epsilon(1e-15));
  CHECK(f.semiconvexity == one.semiconvexity);
  CHECK(f.convexity_at_infinity == one.convexity_at_infinity);
  CHECK(f.lipschitz == one.lipschitz);
  CHECK(f.support_radius == std::numeric_limits<double>::infinity());
}

TEST_CASE("product target: draws do not depend on the batch, and coordinates are independent (CLT)") {
  const ProductTarget target(sgm::make_elastic_net(0.5, 1.0), 2);
  const sgm::CounterRng rng(5);
  const Particles small = target.sample(10, rng, sgm::Stream::Reference);
  const Particles large = target.sample(20000, rng, sgm::Stream::Reference);
  CHECK(small == large.topRows(10));
  // Independent coordinates: E[X_0 X_1] = 0; the CLT scale is sqrt(Var(X_0 X_1)/n), estimated from the sample.
  std::vector<double> product(large.rows());
  for (Eigen::Index i = 0; i < large.rows(); ++i) product[i] = large(i, 0) * large(i, 1);
  CHECK(std::abs(sgm::test::z_score(product, 0.0)) < 5.0);
  // Other streams give other draws.
  CHECK(target.sample(10, rng, sgm::Stream::TargetSample) != small);
}

TEST_CASE("product target and perturbations: bad dimensions and (a, s) are refused with their names") {
  const auto law = sgm::make_elastic_net(1.0, 1.0);
  CHECK_THROWS_WITH_AS(ProductTarget(law, 0), "dim = 0 is out of range: must be an integer in [1, 4096]",
                       sgm::InvalidArgument);
  CHECK_THROWS_AS(ProductTarget(nullptr, 2), sgm::InvalidArgument);
  const ProductTarget target(law, 2);
  Particles wrong(3, 3), out;
  wrong.setZero();
  CHECK_THROWS_WITH_AS(target.score(1.0, 0.5, wrong, out), "particles: have dimension 3: the target has dimension 2",
                       sgm::InvalidArgument);
  const Particles X = Particles::Zero(2, 2);
  CHECK_THROWS_WITH_AS(target.score(-0.5, 0.5, X, out),
                       "a = -0.5 is out of range: must be a finite number ≥ 0 (the mean coefficient of a X_0 + s Z)",
                       sgm::InvalidArgument);
  CHECK_THROWS_AS(target.log_density(1.0, std::nan(""), X), sgm::InvalidArgument);
  CHECK_THROWS_WITH_AS(target.log_density(0.0, 0.0, X),
                       "s = 0 is out of range: must be > 0 when a = 0 (a X_0 + s Z would be the point mass at 0)",
                       sgm::InvalidArgument);
}

TEST_CASE("scalar draws: a draw depends on (particle, coordinate, index) only, and a runaway sampler stops") {
  const sgm::CounterRng rng(9);
  sgm::ScalarDraws a(rng, 3, sgm::Stream::TargetSample, 1), b(rng, 3, sgm::Stream::TargetSample, 1);
  sgm::ScalarDraws other_coordinate(rng, 3, sgm::Stream::TargetSample, 2),
      other_particle(rng, 4, sgm::Stream::TargetSample, 1);
  const double u = a.uniform(), z = a.normal();
  CHECK(u == b.uniform());
  CHECK(z == b.normal());
  CHECK(a.used() == 2);
  CHECK(u != other_coordinate.uniform());
  CHECK(u != other_particle.uniform());
  CHECK_THROWS_AS(([&] {
                    for (;;) a.uniform();
                  }()),
                  std::runtime_error);
}
