#include <doctest/doctest.h>

#include <cmath>

#include "sgm/base/rng.hpp"
#include "sgm/target/gaussian_mixture.hpp"
#include "support/test_support.hpp"

using sgm::GaussianMixture;
using sgm::Matrix;
using sgm::MixturePath;
using sgm::Particles;
using sgm::Vector;
using sgm::test::relative;

namespace {

// Five isotropic components in d = 3 with unequal weights and variances.
GaussianMixture isotropic_mixture(MixturePath path) {
  const std::vector<double> variances = {0.09, 0.25, 1.0, 0.04, 2.5};
  std::vector<Matrix> covariances;
  for (double v : variances) covariances.push_back(v * Matrix::Identity(3, 3));
  return GaussianMixture({0.1, 0.3, 0.2, 0.25, 0.15},
                         {(Vector(3) << 1.0, 0.0, -1.0).finished(), (Vector(3) << -2.0, 1.0, 0.5).finished(),
                          (Vector(3) << 0.5, -1.5, 2.0).finished(), (Vector(3) << 3.0, 3.0, 0.0).finished(),
                          (Vector(3) << 0.0, 0.0, 0.0).finished()},
                         covariances, path);
}

// The shared evaluation points (24 rows) plus 7 points at |x| = 1e3 in random directions: 31 rows, so that the
// kernel's last block of 8 lanes is partial.
Particles points(const GaussianMixture& q, double a, double s) {
  const Particles near = sgm::test::evaluation_points(q, a, s);
  Particles far(7, q.dim());
  sgm::CounterRng(17).fill_normal(far, 0, sgm::Stream::Reference);
  far = 1e3 * far.rowwise().normalized();
  Particles X(near.rows() + far.rows(), q.dim());
  X << near, far;
  return X;
}

}  // namespace

TEST_CASE("Mixture kernel: isotropic covariances are detected, anything else takes the general path") {
  const Matrix id = Matrix::Identity(2, 2);
  const Vector m = Vector::Zero(2);
  Matrix diagonal = id;
  diagonal(1, 1) = 2.0;
  Matrix correlated = id;
  correlated(0, 1) = correlated(1, 0) = 0.5;
  CHECK(isotropic_mixture(MixturePath::automatic).uses_isotropic_kernel());
  CHECK_FALSE(isotropic_mixture(MixturePath::general).uses_isotropic_kernel());
  CHECK(GaussianMixture({0.5, 0.5}, {m, m}, {0.3 * id, 7.0 * id}).uses_isotropic_kernel());
  CHECK_FALSE(GaussianMixture({0.5, 0.5}, {m, m}, {id, diagonal}).uses_isotropic_kernel());
  CHECK_FALSE(GaussianMixture({0.5, 0.5}, {m, m}, {correlated, id}).uses_isotropic_kernel());
  CHECK(GaussianMixture({1.0}, {Vector::Zero(1)}, {Matrix::Constant(1, 1, 0.5)}).uses_isotropic_kernel());
}

TEST_CASE("Mixture kernel: score and log_density equal the general (Cholesky) path, also far away and for tiny s") {
  // Both paths evaluate the same formulas in double precision, in a different order (precision matrix from an LLT
  // solve vs 1/c_j; ln det from the Cholesky diagonal vs d ln c_j), so they differ by a few ulp per operation:
  // 1e-12 relative leaves a margin of ~1e3 above eps = 2.2e-16.
  const GaussianMixture kernel = isotropic_mixture(MixturePath::automatic);
  const GaussianMixture general = isotropic_mixture(MixturePath::general);
  REQUIRE(kernel.uses_isotropic_kernel());
  auto scales = sgm::test::perturbation_scales();
  scales.push_back({1.0, 1e-8});   // nearly noiseless: logits of order |x|²/σ² at |x| = 1e3
  scales.push_back({1e-4, 1e-6});  // nearly pure noise with tiny s: c_j ≈ 1e-12, logits of order 1e18
  for (const auto& entry : scales) {
    const auto& a = std::get<0>(entry);
    const auto& s = std::get<1>(entry);
    INFO("a = " << a << ", s = " << s);
    const Particles X = points(kernel, a, s);
    const Vector logp = kernel.log_density(a, s, X);
    const Vector expected_logp = general.log_density(a, s, X);
    Particles score, expected_score;
    kernel.score(a, s, X, score);
    general.score(a, s, X, expected_score);
    REQUIRE(score.rows() == X.rows());
    REQUIRE(score.cols() == X.cols());
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
      INFO("row " << i << ", |x| = " << X.row(i).norm());
      CHECK(logp(i) == relative(expected_logp(i), 1e-12));
      CHECK((score.row(i) - expected_score.row(i)).norm() <= 1e-12 * expected_score.row(i).norm());
    }
  }
}

TEST_CASE("Mixture kernel: score equals the central finite difference of log_density") {
  // The kernel against its own log-density, independently of the general path (as in gaussian_mixture_test.cpp).
  const GaussianMixture q = isotropic_mixture(MixturePath::automatic);
  for (const auto& entry : sgm::test::perturbation_scales()) {
    const auto& a = std::get<0>(entry);
    const auto& s = std::get<1>(entry);
    INFO("a = " << a << ", s = " << s);
    CHECK(sgm::test::score_vs_finite_difference(q, a, s, sgm::test::evaluation_points(q, a, s), 1e-4) < 1e-7);
  }
}

TEST_CASE("Mixture kernel: fewer particles than one block of lanes, and none") {
  const GaussianMixture kernel = isotropic_mixture(MixturePath::automatic);
  const GaussianMixture general = isotropic_mixture(MixturePath::general);
  const double a = 0.7, s = 0.5;
  for (Eigen::Index n : {0, 1, 3, 8, 9}) {
    INFO("n = " << n);
    const Particles X = points(kernel, a, s).topRows(n);
    Particles score, expected;
    kernel.score(a, s, X, score);
    general.score(a, s, X, expected);
    REQUIRE(score.rows() == n);
    CHECK((score - expected).norm() <= 1e-12 * expected.norm());
    CHECK((kernel.log_density(a, s, X) - general.log_density(a, s, X)).norm() <=
          1e-12 * general.log_density(a, s, X).norm());
  }
}
