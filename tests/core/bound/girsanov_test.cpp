// Girsanov path KL (girsanov.hpp, theory §8.1, §8.3): Monte Carlo against the Gaussian closed form (CLT tolerance),
// the closed form against a finer time quadrature, first order in h on nested uniform grids (fitted slope), linear in
// d for isotropic targets, and the score-error limit ε²(T - δ).
#include <doctest/doctest.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "sgm/base/error.hpp"
#include "sgm/base/grid.hpp"
#include "sgm/bound/girsanov.hpp"
#include "sgm/process/ornstein_uhlenbeck.hpp"
#include "sgm/sampler/probability_flow.hpp"
#include "sgm/score/score_error.hpp"
#include "support/slope_fit.hpp"

using namespace sgm;

namespace {

std::shared_ptr<const Gaussian> correlated_gaussian(int d) {
  Vector mean = Vector::LinSpaced(d, 0.8, -0.6);
  Matrix cov = Matrix::Identity(d, d);
  cov.diagonal() = Vector::LinSpaced(d, 0.4, 1.6);
  for (int i = 0; i + 1 < d; ++i) cov(i, i + 1) = cov(i + 1, i) = 0.15;
  return std::make_shared<Gaussian>(mean, cov);
}

std::vector<double> uniform(double T, double delta, std::size_t steps) {
  return Grid(GridKind::Uniform, T, delta, steps).times();
}

const PathKLScheme kSchemes[] = {PathKLScheme::ExponentialIntegrator, PathKLScheme::EulerMaruyama};
std::string scheme_name(PathKLScheme s) { return s == PathKLScheme::ExponentialIntegrator ? "ei" : "em"; }

}  // namespace

TEST_CASE("Girsanov path KL: Monte Carlo agrees with the Gaussian closed form within 5 standard errors") {
  // Same grid and same Gauss–Legendre nodes on both sides, so the only difference is Monte Carlo error; 5 standard
  // errors of the CLT interval (failure chance below 1e-6 per check at these fixed seeds).
  const auto ou = std::make_shared<OrnsteinUhlenbeck>();
  for (int d : {1, 3}) {
    const auto target = correlated_gaussian(d);
    const auto exact = std::make_shared<ExactScore>(target, ou);
    const ScoreWithError biased(exact, ScoreErrorKind::Bias, 0.3, 1.0, 0);
    const Vector bias = Vector::Constant(d, 0.3 / std::sqrt(double(d)));
    const auto times = uniform(2.0, 0.05, 8);
    for (PathKLScheme scheme : kSchemes) {
      for (bool with_bias : {false, true}) {
        const ScoreModel& model = with_bias ? static_cast<const ScoreModel&>(biased) : *exact;
        const Estimate mc = girsanov_path_kl(*target, *ou, times, scheme, model, {{4000, 0.95, 21}, 3});
        const double closed = gaussian_path_kl(*target, *ou, times, scheme, with_bias ? bias : Vector::Zero(d), 3);
        INFO("d = " << d << ", " << scheme_name(scheme) << ", bias " << with_bias << ": closed form " << closed
                    << ", Monte Carlo " << mc.value << " ± " << mc.std_error);
        CHECK(mc.std_error < 0.05 * closed);  // the check below has power
        CHECK(std::abs(mc.value - closed) < 5 * mc.std_error);
      }
    }
  }
}

TEST_CASE("Girsanov closed form: 3 Gauss–Legendre nodes per step are within 1e-4 (relative) of 16") {
  const auto target = correlated_gaussian(2);
  const OrnsteinUhlenbeck ou;
  for (PathKLScheme scheme : kSchemes) {
    const auto times = uniform(3.0, 0.01, 20);
    const double coarse = gaussian_path_kl(*target, ou, times, scheme, Vector::Zero(2), 3);
    const double fine = gaussian_path_kl(*target, ou, times, scheme, Vector::Zero(2), 16);
    INFO(scheme_name(scheme) << ": 3 nodes " << coarse << ", 16 nodes " << fine);
    CHECK(std::abs(coarse - fine) < 1e-4 * fine);
  }
}

TEST_CASE("Girsanov path KL is first order in h: fitted slope in [0.95, 1.05] on nested uniform grids") {
  // Theory §2(e), §9.5: the path KL (unlike the marginal KL, second order) is first order in h. Grids N = 32 … 512
  // (h = (T - δ)/N, each grid a refinement of the previous); window ±0.05 around 1 allows the O(h²) correction at
  // N = 32 (the measured slope is printed).
  const auto target = correlated_gaussian(2);
  const OrnsteinUhlenbeck ou;
  for (PathKLScheme scheme : kSchemes) {
    std::vector<double> h, kl;
    for (std::size_t N = 32; N <= 512; N *= 2) {
      h.push_back((3.0 - 0.01) / N);
      kl.push_back(gaussian_path_kl(*target, ou, uniform(3.0, 0.01, N), scheme, Vector::Zero(2), 4));
    }
    const double slope = test::log_log_slope(h, kl);
    MESSAGE("path KL slope in h (" << scheme_name(scheme)
                                   << ", 2-D Gaussian, T = 3, δ = 0.01, N = 32..512): " << slope);
    CHECK(slope > 0.95);
    CHECK(slope < 1.05);
  }
}

TEST_CASE("Girsanov path KL is linear in d for isotropic targets (product structure)") {
  const OrnsteinUhlenbeck ou;
  const auto times = uniform(2.0, 0.02, 16);
  const auto one = [](int d) { return Gaussian(Vector::Constant(d, 0.7), 0.3 * Matrix::Identity(d, d)); };
  for (PathKLScheme scheme : kSchemes) {
    const double base = gaussian_path_kl(one(1), ou, times, scheme, Vector::Zero(1), 3);
    for (int d : {2, 5, 8})
      CHECK(gaussian_path_kl(one(d), ou, times, scheme, Vector::Zero(d), 3) ==
            doctest::Approx(d * base).epsilon(1e-10));
  }
}

TEST_CASE("score error: a constant bias adds exactly |b|²(T - δ) for EI, and both schemes tend to ε²(T - δ)") {
  const auto target = correlated_gaussian(2);
  const OrnsteinUhlenbeck ou;
  const double epsilon = 0.4, T = 2.0, delta = 0.05, limit = epsilon * epsilon * (T - delta);
  const Vector bias = Vector::Constant(2, epsilon / std::sqrt(2.0));
  // EI: Δb = (exact part, mean zero) + b, so E|Δb|² splits exactly (theory §8.3).
  const auto times = uniform(T, delta, 10);
  CHECK(gaussian_path_kl(*target, ou, times, PathKLScheme::ExponentialIntegrator, bias, 3) ==
        doctest::Approx(gaussian_path_kl(*target, ou, times, PathKLScheme::ExponentialIntegrator, Vector::Zero(2), 3) +
                        limit)
            .epsilon(1e-12));
  // Both schemes: |KL_path(h) - ε²(T - δ)| decreases to 0 as h → 0, at first order (÷ > 3 per 4× refinement).
  for (PathKLScheme scheme : kSchemes) {
    double previous = 1e300;
    for (std::size_t N : {16, 64, 256, 1024}) {
      const double gap = std::abs(gaussian_path_kl(*target, ou, uniform(T, delta, N), scheme, bias, 3) - limit);
      INFO(scheme_name(scheme) << ", N = " << N << ": |KL_path - ε²(T-δ)| = " << gap);
      CHECK(gap < previous / 3.0);
      previous = gap;
    }
    CHECK(previous < 0.05 * limit);
  }
}

TEST_CASE("score error by Monte Carlo: bias and smooth field errors give KL_path → ε²(T - δ)") {
  // With s = ∇ln q + e, Δ = Δ_exact + e and E|Δ|² = KL_exact + ∫E|e|² + 2∫E⟨Δ_exact, e⟩; by Cauchy–Schwarz
  // |KL_path - ε²(T-δ)| ≤ KL_exact + 2 sqrt(KL_exact ε²(T-δ)), plus 5 Monte Carlo standard errors.
  const auto ou = std::make_shared<OrnsteinUhlenbeck>();
  const auto target = correlated_gaussian(2);
  const auto exact = std::make_shared<ExactScore>(target, ou);
  const double epsilon = 1.0, T = 2.0, delta = 0.05, limit = epsilon * epsilon * (T - delta);
  const auto times = uniform(T, delta, 200);
  for (ScoreErrorKind kind : {ScoreErrorKind::Bias, ScoreErrorKind::Field}) {
    const ScoreWithError model(exact, kind, epsilon, 1.5, 2);
    for (PathKLScheme scheme : kSchemes) {
      const double kl_exact = gaussian_path_kl(*target, *ou, times, scheme, Vector::Zero(2), 2);
      const Estimate mc = girsanov_path_kl(*target, *ou, times, scheme, model, {{1000, 0.95, 5}, 2});
      INFO(score_error_kind_name(kind) << ", " << scheme_name(scheme) << ": KL_path " << mc.value << " ± "
                                       << mc.std_error << ", ε²(T-δ) = " << limit << ", KL_exact " << kl_exact);
      CHECK(std::abs(mc.value - limit) < kl_exact + 2 * std::sqrt(kl_exact * limit) + 5 * mc.std_error);
      CHECK(kl_exact < 0.05 * limit);  // the grid is fine enough for the check to say something
    }
  }
}

namespace {
// A process whose noise varies in time (VP-like, β(t) = 1 + t): the Euler–Maruyama path KL is infinite there.
class VaryingNoise final : public Process {
public:
  std::string name() const override { return "varying"; }
  double drift_rate(double t) const override { return 0.5 * (1.0 + t); }
  double diffusion_sq(double t) const override { return 1.0 + t; }
  double mean_coeff(double t) const override { return std::exp(-0.5 * (t + 0.5 * t * t)); }
  double std(double t) const override { return std::sqrt(-std::expm1(-(t + 0.5 * t * t))); }
  double transition_var(double s, double t) const override { return -std::expm1(-(t + 0.5 * t * t - s - 0.5 * s * s)); }
  double score_weight(double s, double t) const override { return (1.0 / mean_coeff(t) - 1.0 / mean_coeff(s)) * 2.0; }
  double prior_std(double) const override { return 1.0; }
};
}  // namespace

TEST_CASE("Girsanov path KL: bad input is rejected with a message") {
  const auto target = correlated_gaussian(1);
  const OrnsteinUhlenbeck ou;
  CHECK_THROWS_WITH_AS(
      path_kl_scheme(ProbabilityFlowHeun()),
      "sampler = \"pf_heun\" has no certified path KL: it is derived for \"ei\" and \"em\" (theory §8.1)",
      InvalidArgument);
  CHECK_THROWS_AS(gaussian_path_kl(*target, ou, {1.0, 1.0}, PathKLScheme::ExponentialIntegrator, Vector::Zero(1), 3),
                  InvalidArgument);
  CHECK_THROWS_AS(gaussian_path_kl(*target, ou, {1.0}, PathKLScheme::ExponentialIntegrator, Vector::Zero(1), 3),
                  InvalidArgument);
  CHECK_THROWS_AS(gaussian_path_kl(*target, ou, {1.0, 0.5}, PathKLScheme::ExponentialIntegrator, Vector::Zero(1), 0),
                  InvalidArgument);
  const VaryingNoise vp;
  CHECK_THROWS_AS(gaussian_path_kl(*target, vp, {1.0, 0.5}, PathKLScheme::EulerMaruyama, Vector::Zero(1), 3),
                  InvalidArgument);
  CHECK(gaussian_path_kl(*target, vp, {1.0, 0.5}, PathKLScheme::ExponentialIntegrator, Vector::Zero(1), 3) > 0.0);
}

TEST_CASE("Girsanov closed form equals a scalar hand derivation (1-D OU), integrated by a midpoint rule") {
  // X_τ = U + a_τ μ, U ~ N(0, c_τ); X_{t_k} = ρU + √v Z + a_k μ; exact score s_k(y) = -(y - a_k μ)/c_k.
  //   EI: E|s_k(X_{t_k}) - ∇ln q_τ(X_τ)|² = c_τ (1/c_τ - ρ/c_k)² + v/c_k²;
  //   EM: ¼ E|X_{t_k} - X_τ + 2(s_k - ∇ln q_τ)|² = ¼ [c_τ (ρ - 1 - 2ρ/c_k + 2/c_τ)² + v (1 - 2/c_k)² + ((a_k - a_τ)
  //   μ)²].
  // Midpoint rule with 400 points per step (error O(h²/400²), far below the 1e-6 tolerance).
  const double mu = 0.8, lambda = 0.4, T = 2.0, delta = 0.05;
  const Gaussian target(Vector::Constant(1, mu), Matrix::Constant(1, 1, lambda));
  const OrnsteinUhlenbeck ou;
  const auto times = uniform(T, delta, 6);
  auto c = [&](double t) { return std::exp(-2 * t) * lambda + 1 - std::exp(-2 * t); };
  double ei = 0.0, em = 0.0;
  for (std::size_t k = 0; k + 1 < times.size(); ++k) {
    const double t_k = times[k], h = times[k] - times[k + 1];
    const int m = 400;
    for (int j = 0; j < m; ++j) {
      const double tau = times[k + 1] + (j + 0.5) * h / m;
      const double a_k = std::exp(-t_k), a_tau = std::exp(-tau), rho = a_k / a_tau, v = 1 - rho * rho;
      const double ck = c(t_k), ct = c(tau);
      ei += (ct * std::pow(1 / ct - rho / ck, 2) + v / (ck * ck)) * h / m;
      em += 0.25 *
            (ct * std::pow(rho - 1 - 2 * rho / ck + 2 / ct, 2) + v * std::pow(1 - 2 / ck, 2) +
             std::pow((a_k - a_tau) * mu, 2)) *
            h / m;
    }
  }
  CHECK(gaussian_path_kl(target, ou, times, PathKLScheme::ExponentialIntegrator, Vector::Zero(1), 8) ==
        doctest::Approx(ei).epsilon(1e-6));
  CHECK(gaussian_path_kl(target, ou, times, PathKLScheme::EulerMaruyama, Vector::Zero(1), 8) ==
        doctest::Approx(em).epsilon(1e-6));
}
