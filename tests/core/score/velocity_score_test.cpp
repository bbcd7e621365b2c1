// The exact CLD velocity score (velocity_score.hpp): the joint density of (x_t, v_t) against quadrature of the kernel
// over the data, the velocity score against finite differences of that quadrature, the joint law in d = 2 against the
// RK4 Lyapunov ODE of the full 2d-dimensional system, far-out points, and the targets it refuses.
#include <doctest/doctest.h>

#include <Eigen/LU>
#include <cmath>
#include <memory>

#include "sgm/base/error.hpp"
#include "sgm/score/velocity_score.hpp"
#include "sgm/target/gaussian.hpp"
#include "support/cld_support.hpp"

namespace {

using namespace sgm;

constexpr double kTwoPi = 6.283185307179586476925286766559;

// A 1-D three-component mixture.
std::shared_ptr<const GaussianMixture> mixture_1d() {
  Matrix a(1, 1), b(1, 1), c(1, 1);
  a << 0.09;
  b << 0.25;
  c << 0.04;
  return std::make_shared<GaussianMixture>(
      std::vector<double>{0.3, 0.5, 0.2},
      std::vector<Vector>{Vector::Constant(1, -2.0), Vector::Constant(1, 0.5), Vector::Constant(1, 2.5)},
      std::vector<Matrix>{a, b, c});
}

// p_t(x, v) = Σ_j π_j ∫ N(x_0; μ_j, σ_j²) N((x, v); Φ (x_0, 0), C) dx_0, with (Φ, C) = the perturbation kernel
// (checked against the Lyapunov ODE in critically_damped_langevin_test), by the trapezoid rule on μ_j ± 14 σ_j with
// 20001 nodes: the integrand is a smooth Gaussian in x_0, for which the rule converges geometrically.
double quadrature_density(const GaussianMixture& q, const CriticallyDampedLangevin& cld, double t, double x, double v) {
  const CldKernel k = cld.perturbation(t);
  const Eigen::Matrix2d precision = k.covariance.inverse();
  const double norm = 1.0 / (kTwoPi * std::sqrt(k.covariance.determinant()));
  double total = 0.0;
  for (std::size_t j = 0; j < q.components(); ++j) {
    const double mu = q.means()[j](0), sd = std::sqrt(q.covariances()[j](0, 0));
    const int nodes = 20001;
    const double lo = mu - 14 * sd, h = 28 * sd / (nodes - 1);
    double sum = 0.0;
    for (int i = 0; i < nodes; ++i) {
      const double x0 = lo + i * h;
      const Eigen::Vector2d r(x - k.mean_map(0, 0) * x0, v - k.mean_map(1, 0) * x0);
      const double prior = std::exp(-0.5 * (x0 - mu) * (x0 - mu) / (sd * sd)) / (std::sqrt(kTwoPi) * sd);
      sum += (i == 0 || i == nodes - 1 ? 0.5 : 1.0) * prior * std::exp(-0.5 * r.dot(precision * r));
    }
    total += q.weights()[j] * norm * sum * h;
  }
  return total;
}

}  // namespace

TEST_CASE("CLD joint density and velocity score of a 1-D mixture match quadrature and its finite differences") {
  // Density: relative 1e-9 (quadrature error is at rounding level). Score: fourth-order central difference with
  // h = 1e-3 of ln p from quadrature; truncation h^4 |∂^5 ln p|/30 ≲ 1e-12 · 1e3 and rounding ~1e-16/h = 1e-13 per unit
  // of ln p, so 1e-6 (1 + |s|) is a loose bound that a wrong formula misses by orders of magnitude.
  const auto q = mixture_1d();
  for (double gamma : {0.0, 0.04}) {
    const auto cld = std::make_shared<CriticallyDampedLangevin>(CldParameters{4.0, 4.0, 0.0, gamma});
    const ExactVelocityScore model(q, cld);
    for (double t : {0.02, 0.3, 1.0}) {
      const GaussianMixture joint = model.joint_law(t);
      Particles X(5, 1), V(5, 1), s;
      X << -2.0, 0.4, 1.3, 2.6, 0.0;
      V << 0.1, -0.3, 0.5, 0.0, -1.1;
      const double a = cld->mean_coeff(t);
      X *= a;  // points where p_t is not negligible at every t
      V *= std::sqrt(cld->perturbation(t).covariance(1, 1)) + 0.2 * (1 - a);
      Particles U(5, 2);
      U << X, V;
      const Vector log_p = joint.log_density(1.0, 0.0, U);
      model.score(t, X, V, s);
      for (int i = 0; i < 5; ++i) {
        INFO("gamma = " << gamma << ", t = " << t << ", (x, v) = (" << X(i, 0) << ", " << V(i, 0) << ")");
        const double x = X(i, 0), v = V(i, 0);
        CHECK(log_p(i) == doctest::Approx(std::log(quadrature_density(*q, *cld, t, x, v))).epsilon(1e-9));
        const double h = 1e-3;
        auto ln = [&](double dv) { return std::log(quadrature_density(*q, *cld, t, x, v + dv)); };
        const double fd = (ln(-2 * h) - 8 * ln(-h) + 8 * ln(h) - ln(2 * h)) / (12 * h);
        INFO("score " << s(i, 0) << ", finite difference " << fd);
        CHECK(std::abs(s(i, 0) - fd) < 1e-6 * (1 + std::abs(fd)));
      }
    }
  }
}

TEST_CASE("CLD joint law in d = 2 equals the RK4 Lyapunov ODE of the 4-dimensional system; score = -P (u - m) on v") {
  // The 2d-dimensional moments du = β A u dt + sqrt(2Γβ) dB_v with A = [[0, M^{-1} I], [-I, -Γ M^{-1} I]], started from
  // mean (μ, 0) and covariance diag(Σ, γM I), by RK4 (1000 steps; error ~(h λ)^4 < 1e-12). This does not use the
  // Kronecker structure the class builds its mixture with. The score is compared with the v-rows of
  // -Cov^{-1} (u - mean) solved by LU.
  Vector mu(2);
  mu << 0.8, -0.4;
  Matrix sigma(2, 2);
  sigma << 0.5, 0.2, 0.2, 0.3;
  const auto q = std::make_shared<Gaussian>(mu, sigma);
  const auto cld = std::make_shared<CriticallyDampedLangevin>(CldParameters{4.0, 3.0, 2.0, 0.04});
  const ExactVelocityScore model(q, cld);
  Matrix A = Matrix::Zero(4, 4);
  A.topRightCorner(2, 2) = cld->m_inv() * Matrix::Identity(2, 2);
  A.bottomLeftCorner(2, 2) = -Matrix::Identity(2, 2);
  A.bottomRightCorner(2, 2) = -cld->damping() * cld->m_inv() * Matrix::Identity(2, 2);
  for (double t : {0.01, 0.4}) {
    Vector m = Vector::Zero(4);
    m.head(2) = mu;
    Matrix c = Matrix::Zero(4, 4);
    c.topLeftCorner(2, 2) = sigma;
    c.bottomRightCorner(2, 2) = 0.04 * cld->mass() * Matrix::Identity(2, 2);
    const int steps = 1000;
    const double h = t / steps;
    auto dm = [&](double tau, const Vector& y) -> Vector { return cld->beta(tau) * A * y; };
    auto dc = [&](double tau, const Matrix& y) -> Matrix {
      Matrix r = cld->beta(tau) * (A * y + y * A.transpose());
      r.bottomRightCorner(2, 2).diagonal().array() += 2 * cld->damping() * cld->beta(tau);
      return r;
    };
    for (int i = 0; i < steps; ++i) {
      const double tau = i * h;
      const Vector m1 = dm(tau, m), m2 = dm(tau + h / 2, m + h / 2 * m1), m3 = dm(tau + h / 2, m + h / 2 * m2),
                   m4 = dm(tau + h, m + h * m3);
      const Matrix c1 = dc(tau, c), c2 = dc(tau + h / 2, c + h / 2 * c1), c3 = dc(tau + h / 2, c + h / 2 * c2),
                   c4 = dc(tau + h, c + h * c3);
      m += h / 6 * (m1 + 2 * m2 + 2 * m3 + m4);
      c += h / 6 * (c1 + 2 * c2 + 2 * c3 + c4);
    }
    const GaussianMixture joint = model.joint_law(t);
    INFO("t = " << t << "\njoint law\n" << joint.covariances().front() << "\nRK4\n" << c);
    CHECK((joint.means().front() - m).cwiseAbs().maxCoeff() < 1e-10);
    CHECK((joint.covariances().front() - c).cwiseAbs().maxCoeff() < 1e-10);

    Particles U(3, 4);
    U << 0.1, 0.2, -0.3, 0.4,  //
        1.5, -1.0, 0.2, -0.1,  //
        -0.5, 0.0, 0.6, 0.3;
    Particles s;
    model.score(t, U.leftCols(2), U.rightCols(2), s);
    const Eigen::FullPivLU<Matrix> lu(c);
    for (int i = 0; i < 3; ++i) {
      const Vector expected = -lu.solve(Vector(U.row(i).transpose() - m)).tail(2);
      CHECK((s.row(i).transpose() - expected).cwiseAbs().maxCoeff() < 1e-8 * (1 + expected.norm()));
    }
  }
}

TEST_CASE("CLD velocity score: equilibrium data give -M^{-1} v; far-out points give finite scores") {
  // Data N(0, I) with v_0 ~ N(0, M) (γ = 1) is the stationary law, so p_t is N(0, I) ⊗ N(0, M I) at every t.
  const auto q = std::make_shared<Gaussian>(Vector::Zero(2), Matrix::Identity(2, 2));
  const auto cld = std::make_shared<CriticallyDampedLangevin>(CldParameters{4.0, 4.0, 0.0, 1.0});
  Particles X(2, 2), V(2, 2), s;
  X << 0.3, -1.0, 2.0, 0.5;
  V << 0.2, 0.1, -0.7, 1.3;
  ExactVelocityScore(q, cld).score(0.37, X, V, s);
  CHECK((s + cld->m_inv() * V).cwiseAbs().maxCoeff() < 1e-12);

  // Far from every component of a mixture the softmax picks the nearest one instead of dividing 0 by 0.
  const auto mixture = mixture_1d();
  const auto hsm = std::make_shared<CriticallyDampedLangevin>();
  Particles far_x(2, 1), far_v(2, 1);
  far_x << 400.0, -300.0;
  far_v << -50.0, 80.0;
  ExactVelocityScore(mixture, hsm).score(0.05, far_x, far_v, s);
  CHECK(s.allFinite());
}

TEST_CASE("the exact CLD velocity score refuses targets without a Gaussian-mixture form") {
  struct PointMass final : Target {
    std::string name() const override { return "point"; }
    int dim() const override { return 1; }
    Particles sample_rows(std::size_t, std::size_t count, const CounterRng&, Stream) const override {
      return Particles::Zero(static_cast<Eigen::Index>(count), 1);
    }
    void score(double, double, const Particles&, Particles&) const override {}
    Vector log_density(double, double, const Particles& X) const override { return Vector::Zero(X.rows()); }
    Vector mean() const override { return Vector::Zero(1); }
    Matrix covariance() const override { return Matrix::Zero(1, 1); }
    TargetFigures figures() const override { return {}; }
  };
  CHECK_THROWS_WITH_AS(ExactVelocityScore(std::make_shared<PointMass>(), std::make_shared<CriticallyDampedLangevin>()),
                       "target: \"point\" has no exact velocity score under process = \"cld\": use a \"gaussian\" or "
                       "\"gmm\" target",
                       InvalidArgument);
}
