// Closed-form distances between Gaussians — W2 (Bures), KL both ways, TV in 1-D — against independent values:
// the 1-D and commuting W2 formulas, the 2×2 trace-of-square-root identity, Monte Carlo of the log-ratio (CLT) and
// quadrature of |p - q|/2.
#include <doctest/doctest.h>

#include <Eigen/Eigenvalues>
#include <cmath>

#include "sgm/base/error.hpp"
#include "sgm/base/rng.hpp"
#include "sgm/metric/gaussian_distances.hpp"
#include "sgm/metric/gaussian_kl.hpp"
#include "sgm/target/gaussian.hpp"
#include "support/test_support.hpp"

namespace {

using sgm::test::vector_of;

sgm::Matrix mat2(double a, double b, double c, double d) { return (sgm::Matrix(2, 2) << a, b, c, d).finished(); }

sgm::Matrix rotation3(double angle) {
  return Eigen::AngleAxisd(angle, vector_of({1.0, 2.0, -0.5}).normalized()).toRotationMatrix();
}

// N(m, s²) density.
double normal_pdf(double x, double m, double s) {
  return std::exp(-0.5 * (x - m) * (x - m) / (s * s)) / (s * std::sqrt(2.0 * M_PI));
}

}  // namespace

TEST_CASE("gaussian_w2 in 1-D is sqrt((m0 - m1)² + (s0 - s1)²)") {
  for (auto [m0, s0, m1, s1] :
       {std::array<double, 4>{0.0, 1.0, 0.0, 1.0}, {1.0, 0.5, -2.0, 3.0}, {3.0, 2.0, 3.5, 0.1}}) {
    CHECK(sgm::gaussian_w2(vector_of({m0}), sgm::Matrix::Constant(1, 1, s0 * s0), vector_of({m1}),
                           sgm::Matrix::Constant(1, 1, s1 * s1)) ==
          doctest::Approx(std::hypot(m0 - m1, s0 - s1)).epsilon(1e-12));
  }
}

TEST_CASE("gaussian_w2 for commuting covariances is |Δm|² + Σ(√λ0 - √λ1)² (shared eigenvectors, d = 3)") {
  const sgm::Matrix R = rotation3(0.7);
  const sgm::Vector l0 = vector_of({0.5, 2.0, 1.0}), l1 = vector_of({3.0, 0.2, 1.0});
  const sgm::Matrix S0 = R * l0.asDiagonal() * R.transpose(), S1 = R * l1.asDiagonal() * R.transpose();
  const sgm::Vector m0 = vector_of({1.0, 0.0, -1.0}), m1 = vector_of({0.0, 0.5, 0.0});
  const double expected = (m0 - m1).squaredNorm() + (l0.cwiseSqrt() - l1.cwiseSqrt()).squaredNorm();
  CHECK(sgm::gaussian_w2(m0, S0, m1, S1) == doctest::Approx(std::sqrt(expected)).epsilon(1e-12));
  CHECK(sgm::gaussian_w2(m0, S0, m0, S0) <= 1e-7);  // resolution sqrt(1e-16 tr) ≈ 2e-8
}

TEST_CASE("gaussian_w2 for non-commuting 2×2 covariances matches tr √M = sqrt(tr M + 2 sqrt(det M))") {
  // For a 2×2 symmetric PSD M with eigenvalues a, b: (√a + √b)² = a + b + 2√(ab). Here M = S0^{1/2} S1 S0^{1/2}
  // has tr M = tr(S0 S1) and det M = det S0 det S1, so no matrix square root is needed.
  const sgm::Matrix S0 = mat2(2.0, 0.7, 0.7, 0.5), S1 = mat2(0.3, -0.2, -0.2, 1.5);
  const sgm::Vector m0 = vector_of({0.1, -0.3}), m1 = vector_of({1.0, 2.0});
  const double trace_root = std::sqrt((S0 * S1).trace() + 2.0 * std::sqrt(S0.determinant() * S1.determinant()));
  const double expected = (m0 - m1).squaredNorm() + S0.trace() + S1.trace() - 2.0 * trace_root;
  CHECK(sgm::gaussian_w2(m0, S0, m1, S1) == doctest::Approx(std::sqrt(expected)).epsilon(1e-12));
  CHECK(sgm::gaussian_w2(m1, S1, m0, S0) == doctest::Approx(std::sqrt(expected)).epsilon(1e-12));  // symmetric
}

TEST_CASE("gaussian_kl both ways equals the Monte Carlo mean of the log-ratio (5 standard errors)") {
  // KL(P ‖ Q) = E_P[ln p(X) - ln q(X)]; the sample mean over n = 20000 exact draws is within 5 standard errors
  // (sample standard deviation / √n) with probability 1 - 6e-7 (CLT). Log-densities from the Gaussian target (its
  // own Cholesky code), not from gaussian_kl.
  const sgm::Gaussian p(vector_of({1.0, -0.5}), mat2(0.5, 0.2, 0.2, 0.3));
  const sgm::Gaussian q(vector_of({0.0, 0.3}), mat2(1.2, -0.4, -0.4, 0.8));
  const sgm::CounterRng rng(21);
  for (int direction = 0; direction < 2; ++direction) {
    const sgm::Gaussian& from = direction == 0 ? p : q;
    const sgm::Gaussian& to = direction == 0 ? q : p;
    const sgm::Particles X = from.sample(20000, rng, sgm::Stream::TargetSample);
    const sgm::Vector ratio = from.log_density(1.0, 0.0, X) - to.log_density(1.0, 0.0, X);
    const double mean = ratio.mean();
    const double se = std::sqrt((ratio.array() - mean).square().sum() / (ratio.size() - 1) / ratio.size());
    const double exact =
        sgm::gaussian_kl(from.mean_vector(), from.covariance_matrix(), to.mean_vector(), to.covariance_matrix());
    INFO("direction " << direction << ": exact " << exact << ", Monte Carlo " << mean << " ± " << se);
    CHECK(std::abs(mean - exact) <= 5.0 * se);
  }
  // The two directions differ here (KL is not symmetric) by much more than their standard errors (≈ 0.01).
  CHECK(std::abs(sgm::gaussian_kl(p.mean_vector(), p.covariance_matrix(), q.mean_vector(), q.covariance_matrix()) -
                 sgm::gaussian_kl(q.mean_vector(), q.covariance_matrix(), p.mean_vector(), p.covariance_matrix())) >
        0.1);
}

TEST_CASE("gaussian_kl equals the sum of 1-D closed forms for independent coordinates, after any affine map") {
  // 1-D: KL(N(m0, s0²) ‖ N(m1, s1²)) = ln(s1/s0) + (s0² + (m0 - m1)²)/(2 s1²) - ½; coordinates independent under
  // both laws add up; KL is invariant under a common invertible affine map x ↦ A x + b (change of variables), which
  // turns the diagonal pair into a non-commuting full-covariance pair.
  const sgm::Vector m0 = vector_of({0.5, -1.0, 2.0}), m1 = vector_of({0.0, 0.3, 1.0});
  const sgm::Vector v0 = vector_of({0.4, 2.0, 1.0}), v1 = vector_of({1.5, 0.7, 1.0});
  double expected = 0.0;
  for (Eigen::Index i = 0; i < 3; ++i)
    expected += 0.5 * std::log(v1(i) / v0(i)) + (v0(i) + (m0(i) - m1(i)) * (m0(i) - m1(i))) / (2.0 * v1(i)) - 0.5;
  sgm::Matrix A = rotation3(0.4);
  A.col(0) *= 2.0;
  A(2, 1) += 0.8;
  const sgm::Vector b = vector_of({1.0, -2.0, 0.5});
  const sgm::Matrix S0 = A * v0.asDiagonal() * A.transpose(), S1 = A * v1.asDiagonal() * A.transpose();
  CHECK(sgm::gaussian_kl(m0, sgm::Matrix(v0.asDiagonal()), m1, sgm::Matrix(v1.asDiagonal())) ==
        doctest::Approx(expected).epsilon(1e-13));
  CHECK(sgm::gaussian_kl(A * m0 + b, S0, A * m1 + b, S1) == doctest::Approx(expected).epsilon(1e-12));
  CHECK(std::abs(sgm::gaussian_kl(m0, S0, m0, S0)) <= 1e-14);
}

TEST_CASE("gaussian_tv_1d equals Simpson quadrature of |p - q|/2") {
  // Composite Simpson on [min m - 14 max s, max m + 14 max s] (mass outside < 1e-43) with N = 400000 panels.
  // |p - q| has two kinks; a panel holding a kink errs by O(h² · jump of the derivative) ≤ h² · 2 max|p'| ≈ 1e-9 here,
  // elsewhere the error is O(h⁴): tolerance 1e-8.
  for (const auto& entry : {std::array<double, 4>{0.0, 1.0, 0.5, 1.0},
                            {0.0, 1.0, 0.0, 2.0},
                            {1.0, 0.3, -0.5, 1.7},
                            {2.0, 1.0, -3.0, 1.0 + 1e-6},
                            {0.0, 0.5, 10.0, 0.6}}) {
    const double m0 = entry[0], s0 = entry[1], m1 = entry[2], s1 = entry[3];
    const double width = std::max(s0, s1), lo = std::min(m0, m1) - 14.0 * width, hi = std::max(m0, m1) + 14.0 * width;
    const int N = 400000;
    const double h = (hi - lo) / N;
    auto f = [&](double x) { return 0.5 * std::abs(normal_pdf(x, m0, s0) - normal_pdf(x, m1, s1)); };
    double sum = f(lo) + f(hi);
    for (int k = 1; k < N; ++k) sum += (k % 2 ? 4.0 : 2.0) * f(lo + k * h);
    INFO("m0 " << m0 << " s0 " << s0 << " m1 " << m1 << " s1 " << s1);
    CHECK(std::abs(sgm::gaussian_tv_1d(m0, s0, m1, s1) - sum * h / 3.0) <= 1e-8);
    CHECK(sgm::gaussian_tv_1d(m1, s1, m0, s0) == doctest::Approx(sgm::gaussian_tv_1d(m0, s0, m1, s1)).epsilon(1e-14));
  }
}

TEST_CASE("gaussian_tv_1d is continuous at equal standard deviations and 0 for equal laws") {
  // Equal s: TV = 2Φ(|Δ|/(2s)) - 1 = erf(|Δ|/(2√2 s)); a relative change 1e-9 of s moves TV by O(1e-9).
  const double equal = sgm::gaussian_tv_1d(0.0, 1.0, 0.7, 1.0);
  CHECK(equal == doctest::Approx(std::erf(0.7 / (2.0 * std::sqrt(2.0)))).epsilon(1e-15));
  CHECK(std::abs(sgm::gaussian_tv_1d(0.0, 1.0, 0.7, 1.0 + 1e-9) - equal) <= 1e-8);
  CHECK(sgm::gaussian_tv_1d(0.3, 2.0, 0.3, 2.0) == 0.0);
  CHECK(std::abs(sgm::gaussian_tv_1d(0.3, 2.0, 0.3, 2.0 * (1.0 + 1e-12))) <= 1e-11);
}

TEST_CASE("Gaussian distances reject bad parameters with the parameter named") {
  CHECK_THROWS_WITH_AS(sgm::gaussian_tv_1d(0.0, -1.0, 0.0, 1.0),
                       "s0 = -1 is out of range: must be a positive finite number", sgm::InvalidArgument);
  CHECK_THROWS_WITH_AS(sgm::gaussian_tv_1d(NAN, 1.0, 0.0, 1.0), "m0 = NaN is out of range: must be a finite number",
                       sgm::InvalidArgument);
  CHECK_THROWS_WITH_AS(
      sgm::gaussian_w2(vector_of({0.0, 0.0}), mat2(1, 0, 0, -1), vector_of({0.0, 0.0}), mat2(1, 0, 0, 1)),
      "S0: must be positive definite (smallest eigenvalue -1 ≤ 0)", sgm::InvalidArgument);
  CHECK_THROWS_AS(sgm::gaussian_kl(vector_of({0.0}), mat2(1, 0, 0, 1), vector_of({0.0}), mat2(1, 0, 0, 1)),
                  sgm::InvalidArgument);
}
