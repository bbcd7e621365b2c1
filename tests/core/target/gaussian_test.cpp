#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "sgm/base/error.hpp"
#include "sgm/target/gaussian.hpp"
#include "support/test_support.hpp"

using sgm::Matrix;
using sgm::Particles;
using sgm::Vector;
using sgm::test::gaussian_log_pdf;
using sgm::test::perturbed;
using sgm::test::relative;

namespace {

// N(m, Σ) in d = 1, 2, 3 with full covariances.
sgm::Gaussian gaussian_of_dimension(int d) {
  if (d == 1) return sgm::Gaussian((Vector(1) << 0.7).finished(), (Matrix(1, 1) << 0.4).finished());
  if (d == 2)
    return sgm::Gaussian((Vector(2) << 1.0, -0.5).finished(), (Matrix(2, 2) << 0.5, 0.2, 0.2, 0.3).finished());
  return sgm::Gaussian((Vector(3) << 1.0, -2.0, 0.5).finished(),
                       (Matrix(3, 3) << 0.8, 0.3, -0.2, 0.3, 0.6, 0.1, -0.2, 0.1, 0.4).finished());
}

}  // namespace

TEST_CASE("Gaussian: log_density is log N(x; a m, a²Σ + s²I) and the score is -(a²Σ + s²I)^{-1}(x - a m)") {
  for (int d : {1, 2, 3}) {
    const sgm::Gaussian q = gaussian_of_dimension(d);
    for (const auto& entry : sgm::test::perturbation_scales()) {
      const auto& a = std::get<0>(entry);
      const auto& s = std::get<1>(entry);
      INFO("d = " << d << ", a = " << a << ", s = " << s);
      const Matrix c = perturbed(q.covariance_matrix(), a, s);
      CHECK((q.perturbed_covariance(a, s) - c).norm() == 0.0);
      const Particles X = sgm::test::evaluation_points(q, a, s);
      const Vector logp = q.log_density(a, s, X);
      Particles score;
      q.score(a, s, X, score);
      for (Eigen::Index i = 0; i < X.rows(); ++i) {
        const Vector x = X.row(i).transpose();
        CHECK(logp(i) == relative(gaussian_log_pdf(x, a * q.mean_vector(), c), 1e-12));
        const Vector expected = -sgm::test::solve(c, x - a * q.mean_vector());
        CHECK((score.row(i).transpose() - expected).norm() <= 1e-12 * (1.0 + expected.norm()));
      }
      // log p is quadratic, so the 5-point stencil is exact up to rounding (eps |log p| / h ≈ 1e-10).
      CHECK(sgm::test::score_vs_finite_difference(q, a, s, X, 1e-3) < 1e-8);
    }
  }
  // d = 1 against the scalar formula -½ [(x - a m)²/v + ln(2π v)], v = a²σ² + s².
  const sgm::Gaussian q = gaussian_of_dimension(1);
  const double a = 0.6, s = 0.8, x = 2.5, v = a * a * 0.4 + s * s;
  const Vector logp = q.log_density(a, s, Particles::Constant(1, 1, x));
  CHECK(logp(0) == relative(-0.5 * ((x - a * 0.7) * (x - a * 0.7) / v + std::log(2.0 * M_PI * v)), 1e-14));
}

TEST_CASE("Gaussian: sample() and sample_perturbed() moments match N(m, Σ) and N(a m, a²Σ + s²I) (CLT, 5 SE)") {
  // n = 200000 iid draws; each mean and covariance entry within 5 estimated standard errors.
  const sgm::Gaussian q = gaussian_of_dimension(3);
  const sgm::CounterRng rng(9);
  const Particles X = q.sample(200000, rng, sgm::Stream::TargetSample);
  const sgm::test::MomentZ z = sgm::test::moment_z_scores(X, q.mean_vector(), q.covariance_matrix());
  INFO("seed 9, n = 200000: sample max |z| mean " << z.mean << ", covariance " << z.covariance);
  CHECK(z.mean < 5.0);
  CHECK(z.covariance < 5.0);
  const double a = std::exp(-1.0), s = std::sqrt(1.0 - std::exp(-2.0));
  const Particles Y = q.sample_perturbed(200000, a, s, rng, sgm::Stream::Reference, sgm::Stream::ReferenceNoise);
  const sgm::test::MomentZ zp =
      sgm::test::moment_z_scores(Y, a * q.mean_vector(), perturbed(q.covariance_matrix(), a, s));
  INFO("perturbed max |z| mean " << zp.mean << ", covariance " << zp.covariance);
  CHECK(zp.mean < 5.0);
  CHECK(zp.covariance < 5.0);
  // The mixture view of a Gaussian: mean() and covariance() are m and Σ.
  CHECK((q.mean() - q.mean_vector()).norm() == 0.0);
  CHECK((q.covariance() - q.covariance_matrix()).norm() < 1e-15);
}

TEST_CASE("Gaussian: figures (m2, KL to N(0, I), Lipschitz constant, convexity) match their closed forms") {
  // d = 2: eigenvalues of Σ = [[0.5, 0.2], [0.2, 0.3]] from the characteristic polynomial,
  // λ = (tr ± sqrt(tr² - 4 det)) / 2.
  const sgm::Gaussian q = gaussian_of_dimension(2);
  const Matrix& sigma = q.covariance_matrix();
  const Vector& m = q.mean_vector();
  const double tr = sigma.trace(), det = sigma(0, 0) * sigma(1, 1) - sigma(0, 1) * sigma(1, 0);
  const double lambda_max = 0.5 * (tr + std::sqrt(tr * tr - 4.0 * det)), lambda_min = det / lambda_max;
  const sgm::TargetFigures f = q.figures();
  CHECK(f.m2 == relative(tr + m.squaredNorm(), 1e-14));
  // KL(N(m, Σ) ‖ N(0, I)) = ½ (tr Σ + |m|² - d - ln det Σ) (e.g. Pardo, "Statistical Inference Based on Divergence
  // Measures", 2006, §1.2).
  CHECK(f.kl_to_standard_gaussian == relative(0.5 * (tr + m.squaredNorm() - 2.0 - std::log(det)), 1e-13));
  CHECK(f.semiconvexity == relative(-1.0 / lambda_max, 1e-13));
  CHECK(f.convexity_at_infinity == relative(1.0 / lambda_max, 1e-13));
  CHECK(std::isinf(f.support_radius));
  // Lipschitz constant of ∇ln q_t over t ≥ 0: sup_t ‖C_t^{-1}‖ with C_t = e^{-2t}Σ + (1 - e^{-2t}) I; scan t on a
  // grid that includes t = 0 and a t where C_t ≈ I, taking the 2 × 2 eigenvalues of C_t directly.
  double sup_norm = 0.0;
  for (double t = 0.0; t <= 40.0; t += 0.01) {
    const Matrix c = perturbed(sigma, std::exp(-t), std::sqrt(1.0 - std::exp(-2.0 * t)));
    const double ct = c.trace(), cd = c(0, 0) * c(1, 1) - c(0, 1) * c(1, 0);
    const double c_min = cd / (0.5 * (ct + std::sqrt(ct * ct - 4.0 * cd)));
    sup_norm = std::max(sup_norm, 1.0 / c_min);
  }
  CHECK(f.lipschitz == relative(std::max(1.0, 1.0 / lambda_min), 1e-13));
  CHECK(f.lipschitz == relative(sup_norm, 1e-12));
  // KL with an identity covariance and zero mean is 0.
  CHECK(sgm::Gaussian(Vector::Zero(4), Matrix::Identity(4, 4)).figures().kl_to_standard_gaussian ==
        doctest::Approx(0.0));
}

TEST_CASE("Gaussian: invalid parameters throw InvalidArgument naming the parameter") {
  using doctest::Contains;
  using sgm::Gaussian;
  using sgm::InvalidArgument;
  const Vector m = Vector::Zero(2);
  Matrix indefinite(2, 2);
  indefinite << 1.0, 2.0, 2.0, 1.0;
  CHECK_THROWS_WITH_AS(Gaussian(m, indefinite),
                       Contains("covariance: must be positive definite (smallest eigenvalue -1"), InvalidArgument);
  Matrix singular(2, 2);
  singular << 1.0, 1.0, 1.0, 1.0;
  CHECK_THROWS_WITH_AS(Gaussian(m, singular), Contains("covariance: must be positive definite"), InvalidArgument);
  CHECK_THROWS_WITH_AS(Gaussian(Vector::Zero(3), Matrix::Identity(2, 2)), Contains("covariance: is 2×2: must be 3×3"),
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(Gaussian(m, Matrix::Identity(2, 3)), Contains("covariance: is 2×3: must be 2×2"),
                       InvalidArgument);
  Matrix asymmetric = Matrix::Identity(2, 2);
  asymmetric(1, 0) = 0.3;
  CHECK_THROWS_WITH_AS(Gaussian(m, asymmetric), Contains("covariance: must be symmetric"), InvalidArgument);
  Vector nan_mean = m;
  nan_mean(0) = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_WITH_AS(Gaussian(nan_mean, Matrix::Identity(2, 2)), Contains("mean: must contain only finite numbers"),
                       InvalidArgument);
  Matrix inf_cov = Matrix::Identity(2, 2);
  inf_cov(1, 1) = std::numeric_limits<double>::infinity();
  CHECK_THROWS_WITH_AS(Gaussian(m, inf_cov), Contains("covariance: must contain only finite numbers"), InvalidArgument);
  CHECK_THROWS_WITH_AS(Gaussian(Vector(), Matrix()),
                       Contains("mean = 0 is out of range: must be a vector of dimension"), InvalidArgument);
}
