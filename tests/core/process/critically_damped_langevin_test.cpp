// The critically damped Langevin diffusion (critically_damped_langevin.hpp): its closed-form kernels against the
// Lyapunov ODE solved by RK4, its marginals against a fine-step Euler–Maruyama simulation (CLT tolerances), its
// stationary law, its prior and its parameter checks.
#include <doctest/doctest.h>

#include <cmath>
#include <memory>

#include "sgm/base/error.hpp"
#include "sgm/sampler/cld_reverse_diffusion.hpp"
#include "sgm/sampler/symmetric_splitting.hpp"
#include "sgm/target/gaussian.hpp"
#include "support/cld_support.hpp"

namespace {

using namespace sgm;

// Parameter sets: the defaults (HSM), DSM with a time-varying β and another mass, equilibrium start with a light mass.
std::vector<CldParameters> parameter_sets() {
  return {{4.0, 4.0, 0.0, 0.04}, {1.0, 2.0, 3.0, 0.0}, {25.0, 1.0, 0.5, 1.0}};
}

// |a - b| ≤ tol (|b| + floor), entrywise.
bool close(const Eigen::Matrix2d& a, const Eigen::Matrix2d& b, double tol, double floor) {
  return ((a - b).array().abs() <= tol * (b.array().abs() + floor)).all();
}

}  // namespace

TEST_CASE("CLD kernels equal the RK4 solution of the moment (Lyapunov) ODE, down to tiny steps") {
  // RK4 with 4000 steps: global error ~ (h λ)^4 with h λ ≤ 1 · 2 g β_max / 4000 < 4e-3, i.e. < 1e-9 relative; the
  // tolerance 1e-8 relative (plus 1e-300 so that exact zeros compare) leaves a margin of 10.
  for (const CldParameters& p : parameter_sets()) {
    const CriticallyDampedLangevin cld(p);
    const Eigen::Matrix2d A = test::forward_drift(cld);
    auto beta = [&](double t) { return cld.beta(t); };
    for (double s : {0.0, 0.2}) {
      for (double t : {s + 1e-6, s + 1e-3, s + 0.1, s + 0.8}) {
        INFO("m_inv = " << p.m_inv << ", beta = " << p.beta << " + " << p.beta_slope << " t, s = " << s
                        << ", t = " << t);
        const test::PairMoments ode = test::rk4_moments(A, cld.damping(), beta, s, t, Eigen::Matrix2d::Zero(), 4000);
        const CldKernel k = cld.transition(s, t);
        INFO("closed form\n" << k.covariance << "\nRK4\n" << ode.covariance);
        CHECK(close(k.mean_map, ode.mean_map, 1e-8, 1e-300));
        CHECK(close(k.covariance, ode.covariance, 1e-8, 1e-300));
      }
    }
    for (double t : {1e-6, 1e-3, 0.3, 1.0}) {
      INFO("perturbation kernel, gamma = " << p.gamma << ", t = " << t);
      Eigen::Matrix2d start = Eigen::Matrix2d::Zero();
      start(1, 1) = p.gamma * cld.mass();
      const test::PairMoments ode = test::rk4_moments(A, cld.damping(), beta, 0.0, t, start, 4000);
      const CldKernel k = cld.perturbation(t);
      CHECK(close(k.covariance, ode.covariance, 1e-8, 1e-300));
      CHECK(cld.mean_coeff(t) == doctest::Approx(ode.mean_map(0, 0)).epsilon(1e-8));
      CHECK(cld.std(t) == doctest::Approx(std::sqrt(ode.covariance(0, 0))).epsilon(1e-8));
    }
  }
}

TEST_CASE("the stationary law N(0, 1) ⊗ N(0, M) is invariant under the transition, and the kernel tends to it") {
  // Φ diag(1, M) Φᵀ + Σ_noise = diag(1, M) for every interval: an identity between the two closed forms.
  for (const CldParameters& p : parameter_sets()) {
    const CriticallyDampedLangevin cld(p);
    Eigen::Matrix2d stationary = Eigen::Matrix2d::Zero();
    stationary.diagonal() << 1.0, cld.mass();
    for (double t : {1e-4, 0.05, 0.7, 3.0}) {
      const CldKernel k = cld.transition(0.1, 0.1 + t);
      CHECK(close(k.mean_map * stationary * k.mean_map.transpose() + k.covariance, stationary, 1e-12, 1.0));
    }
    const CldKernel far = cld.perturbation(400.0);
    CHECK(far.mean_map.cwiseAbs().maxCoeff() < 1e-12);
    CHECK(close(far.covariance, stationary, 1e-12, 1.0));
  }
}

TEST_CASE("forward marginals of CLD from Gaussian data match a fine-step Euler–Maruyama simulation (CLT)") {
  // Data: x_0 ~ N(μ, Σ) in d = 2 (correlated), v_0 ~ N(0, γM I). Simulated by EM on the forward SDE with 300 steps to
  // t = 0.3 (h λ ≤ 2 g β_max h ≤ 8e-3: weak bias ≲ 4e-3 of the moments, below a fifth of the tolerance). Checked: the 4
  // means and 10 covariances of u_t = (x_t, v_t) against the joint law of velocity_score.hpp, whose blocks are the
  // closed-form kernel. Tolerance: 5 standard errors, sqrt(Σ_ii/n) for a mean and sqrt((Σ_ii Σ_jj + Σ_ij²)/n) for a
  // covariance (Gaussian fourth moments); n = 20000.
  const std::size_t n = 20000;
  const int steps = 300;
  const double t_end = 0.3;
  Vector mu(2);
  mu << 0.7, -1.2;
  Matrix sigma(2, 2);
  sigma << 0.4, 0.15, 0.15, 0.25;
  const auto data = std::make_shared<Gaussian>(mu, sigma);
  for (const CldParameters& p : {CldParameters{4.0, 4.0, 0.0, 0.04}, CldParameters{1.0, 2.0, 3.0, 0.0}}) {
    const auto cld = std::make_shared<CriticallyDampedLangevin>(p);
    const CounterRng rng(21);
    Particles X = data->sample(n, rng, Stream::TargetSample), V(n, 2), Z(n, 2);
    rng.fill_normal(V, 0, Stream::Reference);
    V *= std::sqrt(p.gamma * cld->mass());
    const double h = t_end / steps;
    for (int k = 0; k < steps; ++k) {
      const double beta = cld->beta(k * h);
      rng.fill_normal(Z, static_cast<std::uint32_t>(k), Stream::StepNoise);
      Z = V + h * (-beta * X - cld->damping() * cld->m_inv() * beta * V) + std::sqrt(2 * cld->damping() * beta * h) * Z;
      X += (h * cld->m_inv() * beta) * V;  // with the old v, then v' (held in Z) takes its place
      V.swap(Z);
    }
    Particles U(n, 4);
    U << X, V;
    const GaussianMixture joint = ExactVelocityScore(data, cld).joint_law(t_end);
    const Vector& m = joint.means().front();
    const Matrix& c = joint.covariances().front();
    const Vector sample_mean = U.colwise().mean().transpose();
    const Particles centred = U.rowwise() - sample_mean.transpose();
    const Matrix sample_cov = centred.transpose() * centred / double(n - 1);
    for (int i = 0; i < 4; ++i) {
      INFO("m_inv = " << p.m_inv << ", coordinate " << i);
      CHECK(std::abs(sample_mean(i) - m(i)) < 5 * std::sqrt(c(i, i) / n));
      for (int j = i; j < 4; ++j) {
        INFO("covariance (" << i << ", " << j << "): sample " << sample_cov(i, j) << ", exact " << c(i, j));
        CHECK(std::abs(sample_cov(i, j) - c(i, j)) < 5 * std::sqrt((c(i, i) * c(j, j) + c(i, j) * c(i, j)) / n));
      }
    }
  }
}

TEST_CASE("the prior of the CLD driver is x ~ N(0, I), v ~ N(0, M I), independent (CLT)") {
  // Sample variances within 5 standard errors sqrt(2/n) σ², the x–v covariance within 5 sqrt(M/n).
  const std::size_t n = 40000;
  Vector mu(2);
  mu << 1.0, 0.0;
  const auto data = std::make_shared<Gaussian>(mu, Matrix::Identity(2, 2));
  for (double m_inv : {4.0, 1.0, 0.25}) {
    const auto cld = std::make_shared<CriticallyDampedLangevin>(CldParameters{m_inv, 4.0, 0.0, 0.04});
    CHECK(cld->prior_velocity_var() == doctest::Approx(1.0 / m_inv));
    const CldReverseDiffusion run(cld, Grid(GridKind::Uniform, 1.0, 1e-3, 10), std::make_shared<SymmetricSplitting>(),
                                  std::make_shared<ExactVelocityScore>(data, cld), n, 3);
    const double M = cld->mass();
    for (int j = 0; j < 2; ++j) {
      INFO("m_inv = " << m_inv << ", coordinate " << j);
      const Vector x = run.particles().col(j), v = run.velocities().col(j);
      CHECK(std::abs(x.squaredNorm() / n - 1.0) < 5 * std::sqrt(2.0 / n));
      CHECK(std::abs(v.squaredNorm() / n - M) < 5 * std::sqrt(2.0 / n) * M);
      CHECK(std::abs(x.dot(v) / n) < 5 * std::sqrt(M / n));
    }
  }
}

TEST_CASE("bad CLD parameters are rejected with their names and ranges") {
  CHECK_THROWS_WITH_AS(CriticallyDampedLangevin(CldParameters{0.0, 4.0, 0.0, 0.04}),
                       "m_inv = 0 is out of range: must be a number in [0.01, 100] (the inverse mass M^{-1})",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(CriticallyDampedLangevin(CldParameters{4.0, -1.0, 0.0, 0.04}),
                       "beta = -1 is out of range: must be a number in (0, 100] (β_0 of β(t) = β_0 + β_1 t)",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(CriticallyDampedLangevin(CldParameters{4.0, 4.0, std::nan(""), 0.04}),
                       "beta_slope = NaN is out of range: must be a number in [0, 100] (β_1 of β(t) = β_0 + β_1 t)",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(
      CriticallyDampedLangevin(CldParameters{4.0, 4.0, 0.0, 1.5}),
      "gamma = 1.5 is out of range: must be a number in [0, 1] (initial velocity variance γM: 0 for DSM, 0.04 for HSM, "
      "1 at equilibrium)",
      InvalidArgument);
}
