#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "sgm/base/error.hpp"
#include "sgm/target/gaussian_mixture.hpp"
#include "support/test_support.hpp"

using sgm::Matrix;
using sgm::Particles;
using sgm::Vector;
using sgm::test::gaussian_log_pdf;
using sgm::test::perturbed;
using sgm::test::relative;

namespace {

// A 3-component mixture in d = 3 with full, unequal covariances.
sgm::GaussianMixture mixture() {
  Matrix s1(3, 3), s2(3, 3), s3(3, 3);
  s1 << 0.6, 0.2, -0.1, 0.2, 0.4, 0.05, -0.1, 0.05, 0.3;
  s2 << 0.3, -0.1, 0.0, -0.1, 0.5, 0.2, 0.0, 0.2, 0.9;
  s3 << 1.2, 0.4, 0.3, 0.4, 0.7, -0.2, 0.3, -0.2, 0.5;
  return sgm::GaussianMixture({0.5, 0.3, 0.2},
                              {(Vector(3) << 1.0, 0.0, -1.0).finished(), (Vector(3) << -2.0, 1.0, 0.5).finished(),
                               (Vector(3) << 0.5, -1.5, 2.0).finished()},
                              {s1, s2, s3});
}

}  // namespace

TEST_CASE("GMM: log_density equals the direct sum log Σ π_j N(x; a μ_j, a²Σ_j + s²I)") {
  const sgm::GaussianMixture q = mixture();
  for (const auto& entry : sgm::test::perturbation_scales()) {
    const auto& a = std::get<0>(entry);
    const auto& s = std::get<1>(entry);
    INFO("a = " << a << ", s = " << s);
    const Particles X = sgm::test::evaluation_points(q, a, s);
    const Vector logp = q.log_density(a, s, X);
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
      double density = 0.0;
      for (std::size_t j = 0; j < q.components(); ++j)
        density += q.weights()[j] * std::exp(gaussian_log_pdf(X.row(i).transpose(), a * q.means()[j],
                                                              perturbed(q.covariances()[j], a, s)));
      CHECK(logp(i) == relative(std::log(density), 1e-12));
    }
  }
}

TEST_CASE("GMM: score equals the central finite difference of log_density") {
  // 5-point stencil with h = 1e-4: truncation h^4 |∂^5 log p|/30 and rounding eps |log p|/h are both below 1e-9 here.
  const sgm::GaussianMixture q = mixture();
  for (const auto& entry : sgm::test::perturbation_scales()) {
    const auto& a = std::get<0>(entry);
    const auto& s = std::get<1>(entry);
    INFO("a = " << a << ", s = " << s);
    CHECK(sgm::test::score_vs_finite_difference(q, a, s, sgm::test::evaluation_points(q, a, s), 1e-4) < 1e-7);
  }
}

TEST_CASE("GMM: log_density and score stay finite and exact far from every mode (|x| = 1e3)") {
  // At |x| = 1e3 the component log-densities differ by ~1e5, so exp underflows for all of them, and the mixture is
  // its dominant component to the last bit: log p = max_j [ln π_j + ln N_j(x)], ∇ log p = -C_j*^{-1}(x - a μ_j*).
  const sgm::GaussianMixture q = mixture();
  Particles X(6, 3);
  X << 1e3, 0, 0, 0, -1e3, 0, 0, 0, 1e3, 577.35026918962576, 577.35026918962576, 577.35026918962576, -600, 800, 0, 0,
      600, -800;
  for (const auto& entry : sgm::test::perturbation_scales()) {
    const auto& a = std::get<0>(entry);
    const auto& s = std::get<1>(entry);
    INFO("a = " << a << ", s = " << s);
    const Vector logp = q.log_density(a, s, X);
    Particles score;
    q.score(a, s, X, score);
    REQUIRE(logp.allFinite());
    REQUIRE(score.allFinite());
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
      const Vector x = X.row(i).transpose();
      double top = -std::numeric_limits<double>::infinity();
      std::size_t best = 0;
      for (std::size_t j = 0; j < q.components(); ++j) {
        const double lj =
            std::log(q.weights()[j]) + gaussian_log_pdf(x, a * q.means()[j], perturbed(q.covariances()[j], a, s));
        if (lj > top) top = lj, best = j;
      }
      const Matrix c = perturbed(q.covariances()[best], a, s);
      const Vector expected = -sgm::test::solve(c, x - a * q.means()[best]);
      CHECK(logp(i) == relative(top, 1e-12));
      CHECK((score.row(i).transpose() - expected).norm() <= 1e-12 * expected.norm());
    }
  }
}

TEST_CASE("GMM: mean() and covariance() match Monte Carlo of sample() (CLT, 5 standard errors)") {
  // n = 200000 iid draws; every mean and covariance entry within 5 estimated standard errors (moment_z_scores).
  const sgm::GaussianMixture q = mixture();
  const Particles X = q.sample(200000, sgm::CounterRng(3), sgm::Stream::TargetSample);
  const sgm::test::MomentZ z = sgm::test::moment_z_scores(X, q.mean(), q.covariance());
  INFO("seed 3, n = 200000: max |z| mean " << z.mean << ", covariance " << z.covariance);
  CHECK(z.mean < 5.0);
  CHECK(z.covariance < 5.0);
}

TEST_CASE("GMM: sample_perturbed has mean a m and covariance a² Cov + s² I (CLT, 5 standard errors)") {
  const sgm::GaussianMixture q = mixture();
  const double a = std::exp(-0.3), s = std::sqrt(1.0 - std::exp(-0.6));  // OU marginal at t = 0.3
  const Particles X =
      q.sample_perturbed(200000, a, s, sgm::CounterRng(5), sgm::Stream::Reference, sgm::Stream::ReferenceNoise);
  const sgm::test::MomentZ z = sgm::test::moment_z_scores(X, a * q.mean(), perturbed(q.covariance(), a, s));
  INFO("seed 5, n = 200000: max |z| mean " << z.mean << ", covariance " << z.covariance);
  CHECK(z.mean < 5.0);
  CHECK(z.covariance < 5.0);
}

TEST_CASE("GMM: second moment m2 = Σ_j π_j (tr Σ_j + |μ_j|²)") {
  const sgm::GaussianMixture q = mixture();
  double m2 = 0.0;
  for (std::size_t j = 0; j < q.components(); ++j)
    m2 += q.weights()[j] * (q.covariances()[j].trace() + q.means()[j].squaredNorm());
  CHECK(q.figures().m2 == relative(m2, 1e-14));
}

TEST_CASE("GMM: invalid parameters throw InvalidArgument naming the parameter") {
  const Vector m = Vector::Zero(2);
  const Matrix id = Matrix::Identity(2, 2);
  using doctest::Contains;
  using sgm::GaussianMixture;
  using sgm::InvalidArgument;
  const double nan = std::numeric_limits<double>::quiet_NaN();

  CHECK_THROWS_WITH_AS(GaussianMixture({}, {}, {}), Contains("weights = 0"), InvalidArgument);
  CHECK_THROWS_WITH_AS(GaussianMixture({0.5, -0.5, 1.0}, {m, m, m}, {id, id, id}),
                       Contains("weights[1] = -0.5 is out of range: must be a positive finite number"),
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(GaussianMixture({1.0, 0.0}, {m, m}, {id, id}), Contains("weights[1] = 0 is out of range"),
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(GaussianMixture({nan, 1.0}, {m, m}, {id, id}), Contains("weights[0] = NaN"), InvalidArgument);
  CHECK_THROWS_WITH_AS(GaussianMixture({0.5, 0.6}, {m, m}, {id, id}), Contains("weights = 1.1"), InvalidArgument);
  CHECK_THROWS_WITH_AS(GaussianMixture({0.5, 0.5}, {m}, {id, id}), Contains("means: has 1 entries but weights has 2"),
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(GaussianMixture({0.5, 0.5}, {m, m}, {id}), Contains("covariances: has 1 entries"),
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(GaussianMixture({0.5, 0.5}, {m, Vector::Zero(3)}, {id, id}),
                       Contains("means[1]: has dimension 3: must have dimension 2"), InvalidArgument);
  CHECK_THROWS_WITH_AS(GaussianMixture({0.5, 0.5}, {m, m}, {id, Matrix::Identity(3, 3)}),
                       Contains("covariances[1]: is 3×3: must be 2×2"), InvalidArgument);
  Matrix indefinite(2, 2);
  indefinite << 1.0, 2.0, 2.0, 1.0;  // eigenvalues 3 and -1
  CHECK_THROWS_WITH_AS(GaussianMixture({0.5, 0.5}, {m, m}, {id, indefinite}),
                       Contains("covariances[1]: must be positive definite"), InvalidArgument);
  Matrix asymmetric = id;
  asymmetric(0, 1) = 0.5;
  CHECK_THROWS_WITH_AS(GaussianMixture({0.5, 0.5}, {m, m}, {asymmetric, id}),
                       Contains("covariances[0]: must be symmetric"), InvalidArgument);
  Vector nan_mean = m;
  nan_mean(1) = nan;
  CHECK_THROWS_WITH_AS(GaussianMixture({0.5, 0.5}, {m, nan_mean}, {id, id}),
                       Contains("means[1]: must contain only finite"), InvalidArgument);
  CHECK_THROWS_WITH_AS(GaussianMixture({1.0}, {Vector()}, {Matrix()}), Contains("means[0] = 0"), InvalidArgument);

  // Weights within 1e-9 of summing to 1 are accepted and renormalised.
  const GaussianMixture q({0.25, 0.75 + 5e-10}, {m, m}, {id, id});
  CHECK(q.weights()[0] + q.weights()[1] == relative(1.0, 1e-15));

  // Particles of the wrong dimension.
  Particles wrong(4, 3), out;
  wrong.setZero();
  CHECK_THROWS_WITH_AS(q.score(1.0, 0.0, wrong, out), Contains("particles: have dimension 3"), InvalidArgument);
  CHECK_THROWS_WITH_AS(q.log_density(1.0, 0.0, wrong), Contains("particles: have dimension 3"), InvalidArgument);
}
