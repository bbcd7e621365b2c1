#include <doctest/doctest.h>

#include <Eigen/Eigenvalues>
#include <cmath>
#include <limits>
#include <vector>

#include "sgm/base/error.hpp"
#include "sgm/target/gaussian_mixture.hpp"
#include "sgm/target/point_cloud.hpp"
#include "support/test_support.hpp"

using sgm::Matrix;
using sgm::Particles;
using sgm::PointCloud;
using sgm::Vector;

namespace {
Particles five_points() {
  Particles p(5, 2);
  p << 0.0, 0.0, 1.0, 0.5, -2.0, 1.0, 0.3, -1.5, 2.5, 2.5;
  return p;
}

Particles evaluation_points() {
  Particles x(6, 2);
  x << 0.1, 0.2, -1.0, 3.0, 2.0, -2.0, 0.0, 0.0, 40.0, -30.0, -500.0, 800.0;
  return x;
}
}  // namespace

TEST_CASE("point cloud: log-density and score equal those of a Gaussian mixture with the same perturbed components") {
  // The mixture Σ (1/N) N(x_i, ε I) perturbed by (a, s') has components N(a x_i, (a²ε + s'²) I): exactly the point
  // cloud perturbed by (a, s) with s² = a²ε + s'². The mixture code factors full covariances (an independent path).
  const Particles p = five_points();
  const double epsilon = 0.01;
  std::vector<Vector> means;
  std::vector<Matrix> covariances;
  for (Eigen::Index i = 0; i < p.rows(); ++i) {
    means.push_back(p.row(i).transpose());
    covariances.push_back(epsilon * Matrix::Identity(2, 2));
  }
  const sgm::GaussianMixture mixture(std::vector<double>(5, 0.2), means, covariances);
  const PointCloud cloud(p);
  const Particles x = evaluation_points();
  for (const auto& entry : {std::pair{0.8, 0.3}, {1.0, 0.05}, {0.2, 1.0}, {0.0, 0.7}}) {
    const auto& a = std::get<0>(entry);
    const auto& s_prime = std::get<1>(entry);
    const double s = std::sqrt(a * a * epsilon + s_prime * s_prime);
    INFO("a = " << a << ", s = " << s);
    const Vector lp = cloud.log_density(a, s, x), lm = mixture.log_density(a, s_prime, x);
    Particles sp, sm;
    cloud.score(a, s, x, sp);
    mixture.score(a, s_prime, x, sm);
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
      CHECK(lp(i) == doctest::Approx(lm(i)).epsilon(1e-13));
      for (int j = 0; j < 2; ++j) CHECK(sp(i, j) == doctest::Approx(sm(i, j)).epsilon(1e-12).scale(1.0));
    }
  }
}

TEST_CASE(
    "point cloud: the score is the gradient of the log-density; its Jacobian is Tweedie's and obeys the Hessian "
    "bound") {
  // ∇² ln p = -I/s² + a² Cov_w(x_i)/s⁴ (theory §1, Tweedie), with the softmax weights w computed here directly; its
  // norm is ≤ max(s^{-2}, a² R² s^{-4}) (theory §1, §9.8). Central differences of the score with h = 1e-5 s:
  // truncation ≈ h² |∇³ ln p| ≈ 1e-10 |∇² ln p|, rounding ≈ 1e-16 |score|/h.
  const Particles p = five_points();
  const PointCloud cloud(p);
  const double R = cloud.figures().support_radius;
  for (double t : {0.05, 0.3, 1.0}) {
    const double a = std::exp(-t), s = std::sqrt(1.0 - std::exp(-2.0 * t));
    const Particles x = evaluation_points();
    Particles score;
    cloud.score(a, s, x, score);
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
      INFO("t = " << t << ", point " << i);
      Matrix jacobian(2, 2);
      for (int k = 0; k < 2; ++k) {
        const double h = 1e-5 * s;
        const Vector g = sgm::test::central_gradient(
            [&](const Vector& y) {
              Particles row = y.transpose();
              return cloud.log_density(a, s, row)(0);
            },
            x.row(i).transpose(), h);
        CHECK(score(i, k) == doctest::Approx(g(k)).epsilon(1e-7).scale(1.0));
        Particles plus = x.row(i), minus = x.row(i), sp, sm;
        plus(0, k) += h;
        minus(0, k) -= h;
        cloud.score(a, s, plus, sp);
        cloud.score(a, s, minus, sm);
        jacobian.col(k) = (sp - sm).transpose() / (2.0 * h);
      }
      // Tweedie: weights ∝ exp(-|a x_j - x|²/(2s²)).
      Vector w(p.rows());
      for (Eigen::Index j = 0; j < p.rows(); ++j) w(j) = -(a * p.row(j) - x.row(i)).squaredNorm() / (2 * s * s);
      w = (w.array() - w.maxCoeff()).exp();
      w /= w.sum();
      const Vector mean = p.transpose() * w;
      Matrix cov = -mean * mean.transpose();
      for (Eigen::Index j = 0; j < p.rows(); ++j) cov += w(j) * p.row(j).transpose() * p.row(j);
      const Matrix hessian = -Matrix::Identity(2, 2) / (s * s) + a * a * cov / std::pow(s, 4);
      const double scale = 1.0 / (s * s) + a * a * R * R / std::pow(s, 4);
      CHECK((jacobian - hessian).cwiseAbs().maxCoeff() < 1e-6 * scale);
      const Vector lambda = Eigen::SelfAdjointEigenSolver<Matrix>(hessian, Eigen::EigenvaluesOnly).eigenvalues();
      CHECK(lambda.cwiseAbs().maxCoeff() <= std::max(1.0 / (s * s), a * a * R * R / std::pow(s, 4)) * (1 + 1e-12));
    }
  }
}

TEST_CASE("point cloud: at small s the score points to the nearest scaled point, stably far away") {
  const Particles p = five_points();
  const PointCloud cloud(p);
  const double a = 0.9;
  for (double s : {1e-2, 1e-4, 1e-8}) {
    // x near a p_2: all other points are ≥ 1 away, so their weights are below exp(-1/(2 s²)) ≈ 0.
    Particles x(3, 2);
    x << a * p(2, 0) + 0.3 * s, a * p(2, 1) - 0.2 * s,  // within a few s of a p_2
        1e6, -2e6,                                      // far: nearest scaled point is a p_3 = (0.27, -1.35)
        a * p(1, 0) + 0.4, a * p(1, 1);                 // 0.4 from a p_1, farther from the others
    Particles score;
    cloud.score(a, s, x, score);
    const Vector logp = cloud.log_density(a, s, x);
    INFO("s = " << s);
    for (int j = 0; j < 2; ++j) {
      CHECK(score(0, j) == doctest::Approx((a * p(2, j) - x(0, j)) / (s * s)).epsilon(1e-12));
      CHECK(score(1, j) == doctest::Approx((a * p(3, j) - x(1, j)) / (s * s)).epsilon(1e-12));
    }
    // The third point: (a p_1 - x)/s² to 1e-12 once the next point's weight exp(-(d2² - d1²)/(2s²)) is negligible.
    if (s <= 1e-2) CHECK(score(2, 0) == doctest::Approx((a * p(1, 0) - x(2, 0)) / (s * s)).epsilon(1e-12));
    CHECK(std::isfinite(logp(1)));
    // ln p at the first point: the single Gaussian term, -|r|²/(2s²) - ln N - ln(2π s²).
    const double r2 = (a * p.row(2) - x.row(0)).squaredNorm();
    CHECK(logp(0) == doctest::Approx(-r2 / (2 * s * s) - std::log(5.0) - std::log(2 * M_PI * s * s)).epsilon(1e-13));
  }
}

TEST_CASE("point cloud: exact draws, moments and figures") {
  const Particles p = five_points();
  const PointCloud cloud(p, "five");
  CHECK(cloud.name() == "five");
  CHECK(cloud.dim() == 2);
  const sgm::CounterRng rng(2);
  const int n = 50000;
  const Particles x = cloud.sample(n, rng, sgm::Stream::TargetSample);
  CHECK(cloud.sample(7, rng, sgm::Stream::TargetSample) == x.topRows(7));
  // Each point is drawn with probability 1/5: counts within 5 binomial standard deviations √(n p (1 - p)).
  for (Eigen::Index k = 0; k < p.rows(); ++k) {
    int count = 0;
    for (Eigen::Index i = 0; i < n; ++i) count += x.row(i) == p.row(k);
    CHECK(std::abs(count - n / 5.0) < 5.0 * std::sqrt(n * 0.2 * 0.8));
  }
  const Vector mean = p.colwise().mean().transpose();
  CHECK((cloud.mean() - mean).norm() < 1e-15);
  Matrix cov = Matrix::Zero(2, 2);
  for (Eigen::Index k = 0; k < p.rows(); ++k)
    cov += (p.row(k).transpose() - mean) * (p.row(k).transpose() - mean).transpose() / 5.0;
  CHECK((cloud.covariance() - cov).norm() < 1e-14);
  const sgm::TargetFigures f = cloud.figures();
  CHECK(f.m2 == doctest::Approx(p.squaredNorm() / 5.0).epsilon(1e-15));
  CHECK(f.support_radius == doctest::Approx(std::sqrt(12.5)).epsilon(1e-15));
  CHECK(f.lipschitz == std::numeric_limits<double>::infinity());
  CHECK(f.semiconvexity == std::numeric_limits<double>::infinity());
  CHECK(f.kl_to_standard_gaussian == std::numeric_limits<double>::infinity());
  CHECK(std::isnan(f.convexity_at_infinity));
}

TEST_CASE("point cloud: empty clouds, bad points, s = 0 and wrong dimensions are refused with their names") {
  CHECK_THROWS_WITH_AS(PointCloud(Particles(0, 2)),
                       "points = 0 is out of range: must be a list of 1 to 1000000 points (an empty cloud has no law)",
                       sgm::InvalidArgument);
  Particles bad = five_points();
  bad(3, 1) = std::nan("");
  CHECK_THROWS_WITH_AS(PointCloud{bad}, "points: must contain only finite numbers (got NaN or Infinity)",
                       sgm::InvalidArgument);
  const PointCloud cloud(five_points());
  const Particles x = evaluation_points();
  Particles out;
  CHECK_THROWS_WITH_AS(
      cloud.score(1.0, 0.0, x, out),
      "s = 0 is out of range: must be > 0 for a point cloud (the law of a X_0 alone is discrete: it has "
      "no density)",
      sgm::InvalidArgument);
  CHECK_THROWS_AS(cloud.log_density(1.0, 0.0, x), sgm::InvalidArgument);
  CHECK_THROWS_WITH_AS(cloud.score(1.0, 0.1, Particles::Zero(2, 3), out),
                       "particles: have dimension 3: the target has dimension 2", sgm::InvalidArgument);
  CHECK_THROWS_AS(cloud.score(-1.0, 0.1, x, out), sgm::InvalidArgument);
}
