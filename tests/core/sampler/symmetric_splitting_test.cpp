// SSCS and CLD Euler–Maruyama (symmetric_splitting.hpp, cld_euler_maruyama.hpp). Exact output laws are computed by
// linear recursion (cld_support.hpp: with the exact score of Gaussian data every step is affine plus Gaussian noise),
// so there is no Monte Carlo error: the linear half step against the RK4 moment ODE of the linear reverse SDE, SSCS
// exact at equilibrium, and the convergence of both samplers with the number of steps.
#include <doctest/doctest.h>

#include <cmath>
#include <memory>
#include <sstream>
#include <vector>

#include "sgm/sampler/cld_euler_maruyama.hpp"
#include "sgm/sampler/symmetric_splitting.hpp"
#include "sgm/target/gaussian.hpp"
#include "support/cld_support.hpp"
#include "support/gaussian_w2.hpp"
#include "support/slope_fit.hpp"

namespace {

using namespace sgm;

// The score of the equilibrium velocity law N(0, M): s = -M^{-1} v. With it the score part of SSCS vanishes.
class EquilibriumVelocityScore final : public VelocityScore {
public:
  EquilibriumVelocityScore(int d, double m_inv) : d_(d), m_inv_(m_inv) {}
  std::string name() const override { return "equilibrium"; }
  int dim() const override { return d_; }
  void score(double, const Particles&, const Particles& V, Particles& out) const override { out = -m_inv_ * V; }

private:
  int d_;
  double m_inv_;
};

}  // namespace

TEST_CASE("the SSCS linear half step is the exact solution of the linear reverse SDE (RK4 moment ODE)") {
  // Reverse time τ runs from t down to t_next: rate β(t - τ). RK4 with 4000 steps: error < 1e-10 relative.
  for (const CldParameters& p : {CldParameters{4.0, 4.0, 0.0, 0.04}, CldParameters{1.0, 2.0, 3.0, 0.0}}) {
    const CriticallyDampedLangevin cld(p);
    const Eigen::Matrix2d A = test::reverse_linear_drift(cld);
    for (const auto& entry : std::vector<std::pair<double, double>>{{0.5, 0.51}, {0.1, 0.6}, {1e-3, 1.0}}) {
      const auto& t_next = std::get<0>(entry);
      const auto& t = std::get<1>(entry);
      const test::PairMoments ode = test::rk4_moments(
          A, cld.damping(), [&](double tau) { return cld.beta(t - tau); }, 0.0, t - t_next, Eigen::Matrix2d::Zero(),
          4000);
      const CldKernel k = cld.reverse_linear(t_next, t);
      INFO("m_inv = " << p.m_inv << ", [" << t_next << ", " << t << "]\n"
                      << k.covariance << "\nRK4\n"
                      << ode.covariance);
      CHECK((k.mean_map - ode.mean_map).cwiseAbs().maxCoeff() < 1e-9);
      CHECK(((k.covariance - ode.covariance).array().abs() <= 1e-9 * ode.covariance.array().abs()).all());
    }
  }
}

TEST_CASE("with the equilibrium score the SSCS step is exact: two half steps = the linear reverse SDE over the step") {
  // s = -M^{-1} v cancels the score part, so one SSCS step must move any Gaussian law of (x, v) exactly as the linear
  // reverse SDE over [t_next, t] does: m' = Φ m, Σ' = Φ Σ Φᵀ + Σ_ode, with (Φ, Σ_ode) from RK4 (error < 1e-10). This
  // checks the order of the half steps, their intervals under a time-varying β, and that they draw independent noise.
  const int d = 2;
  const CldParameters p{1.0, 2.0, 3.0, 0.0};
  const CriticallyDampedLangevin cld(p);
  const EquilibriumVelocityScore score(d, cld.m_inv());
  test::JointGaussian start{Vector(2 * d), Matrix(2 * d, 2 * d)};
  start.mean << 0.5, -1.0, 0.3, 0.8;
  start.covariance << 0.6, 0.1, 0.2, 0.0,  //
      0.1, 0.4, 0.0, -0.1,                 //
      0.2, 0.0, 0.5, 0.05,                 //
      0.0, -0.1, 0.05, 0.3;
  const double t = 0.7, t_next = 0.45;
  const test::JointGaussian out = test::exact_output(SymmetricSplitting(), cld, score, {t, t_next}, start);
  const test::PairMoments ode = test::rk4_moments(
      test::reverse_linear_drift(cld), cld.damping(), [&](double tau) { return cld.beta(t - tau); }, 0.0, t - t_next,
      Eigen::Matrix2d::Zero(), 4000);
  // Coordinate pairs (x_i, v_i) move alike: the map on u = (x, v) is Φ ⊗ I_d, the noise Σ_ode ⊗ I_d.
  Matrix phi(2 * d, 2 * d), noise(2 * d, 2 * d);
  for (int a = 0; a < 2; ++a) {
    for (int b = 0; b < 2; ++b) {
      phi.block(a * d, b * d, d, d) = ode.mean_map(a, b) * Matrix::Identity(d, d);
      noise.block(a * d, b * d, d, d) = ode.covariance(a, b) * Matrix::Identity(d, d);
    }
  }
  CHECK((out.mean - phi * start.mean).cwiseAbs().maxCoeff() < 1e-9);
  CHECK((out.covariance - (phi * start.covariance * phi.transpose() + noise)).cwiseAbs().maxCoeff() < 1e-9);
}

TEST_CASE("SSCS keeps the equilibrium law exactly at any step size; CLD Euler–Maruyama does not") {
  // Data N(0, I) with γ = 1 is stationary (velocity_score_test), so the exact reverse process keeps N(0, I) ⊗ N(0, M
  // I).
  const int d = 1;
  const auto q = std::make_shared<Gaussian>(Vector::Zero(d), Matrix::Identity(d, d));
  const auto cld = std::make_shared<CriticallyDampedLangevin>(CldParameters{4.0, 4.0, 0.0, 1.0});
  const ExactVelocityScore score(q, cld);
  const test::JointGaussian stationary = test::joint_gaussian(score.joint_law(1.0));
  const std::vector<double> grid = {1.0, 0.6, 0.2, 1e-3};
  const test::JointGaussian sscs = test::exact_output(SymmetricSplitting(), *cld, score, grid, stationary);
  const test::JointGaussian em = test::exact_output(CldEulerMaruyama(), *cld, score, grid, stationary);
  CHECK((sscs.covariance - stationary.covariance).cwiseAbs().maxCoeff() < 1e-12);
  CHECK((em.covariance - stationary.covariance).cwiseAbs().maxCoeff() > 0.1);
}

TEST_CASE("SSCS and CLD-EM converge at first order on Gaussian data; SSCS is more accurate at equal steps") {
  // Exact output laws by linear recursion, started from the exact joint law q_T at T = 1 (so the only error is the
  // discretisation), defaults M^{-1} = 4, β = 4, γ = 0.04, uniform grids to δ = 1e-3 with N = 20, …, 320 steps. Error:
  // W2 between the x-output N(m_x, Σ_xx) and the exact q_δ (closed-form Gaussian W2, no sampling error).
  // Window: both steps have local error O(h²) (an Euler step of the score part, Euler–Maruyama on the whole drift), so
  // the error of the output law is C h + O(h²); the fitted slope of log error on log N is -1 + O(h), and on
  // N = 40..320 (h ≤ 0.025, λ h ≤ 0.2 for the stiffest rate λ ≈ 8) we accept the declared order ± 0.2.
  const int d = 2;
  Vector mu(d);
  mu << 1.0, -0.5;
  Matrix sigma(d, d);
  sigma << 0.5, 0.2, 0.2, 0.3;
  const auto q = std::make_shared<Gaussian>(mu, sigma);
  const auto cld = std::make_shared<CriticallyDampedLangevin>();
  const ExactVelocityScore score(q, cld);
  const double T = 1.0, delta = 1e-3;
  const test::JointGaussian start = test::joint_gaussian(score.joint_law(T)),
                            exact = test::joint_gaussian(score.joint_law(delta));
  auto error = [&](const CldStepper& stepper, int steps) {
    std::vector<double> grid(steps + 1);
    for (int k = 0; k <= steps; ++k) grid[k] = T - k * (T - delta) / steps;
    const test::JointGaussian out = test::exact_output(stepper, *cld, score, grid, start);
    return test::gaussian_w2(out.mean.head(d), out.covariance.topLeftCorner(d, d), exact.mean.head(d),
                             exact.covariance.topLeftCorner(d, d));
  };
  std::vector<double> n, sscs, em;
  for (int steps : {20, 40, 80, 160, 320}) {
    n.push_back(steps);
    sscs.push_back(error(SymmetricSplitting(), steps));
    em.push_back(error(CldEulerMaruyama(), steps));
    CHECK(sscs.back() < em.back());
  }
  const std::vector<double> n_fine(n.begin() + 1, n.end());
  const double slope_sscs = test::log_log_slope(n_fine, std::vector<double>(sscs.begin() + 1, sscs.end()));
  const double slope_em = test::log_log_slope(n_fine, std::vector<double>(em.begin() + 1, em.end()));
  std::ostringstream table;
  for (std::size_t i = 0; i < n.size(); ++i)
    table << "N = " << n[i] << ": W2 sscs " << sscs[i] << ", cld_em " << em[i] << "\n";
  MESSAGE(table.str() << "fitted slopes on N = 40..320: sscs " << slope_sscs << ", cld-em " << slope_em
                      << "; on N = 20..320: sscs " << test::log_log_slope(n, sscs) << ", cld-em "
                      << test::log_log_slope(n, em));
  // Each slope against the order the stepper declares (CldStepper::weak_order), window ±0.2.
  CHECK(std::abs(-slope_sscs - SymmetricSplitting().weak_order()) < 0.2);
  CHECK(std::abs(-slope_em - CldEulerMaruyama().weak_order()) < 0.2);
}
