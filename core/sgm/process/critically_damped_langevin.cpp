#include "sgm/process/critically_damped_langevin.hpp"

#include <algorithm>

#include "sgm/base/error.hpp"
#include "sgm/base/registry.hpp"
#include "sgm/experiment/cld_diffusion.hpp"

namespace sgm {

namespace {

// P(3, y) = 1 - e^{-y}(1 + y + y²/2) = e^{-y} Σ_{k≥3} y^k/k! (regularised incomplete gamma). For y < 1 the closed
// form cancels (P(3, y) ≈ y³/6 loses all digits as y → 0), the series does not: its terms shrink by y/(k+1) < 1/4.
double gamma_p3(double y) {
  if (y >= 1.0) return 1.0 - std::exp(-y) * (1.0 + y + 0.5 * y * y);
  double term = y * y * y / 6.0, sum = 0.0;
  for (int k = 3; term > 1e-17 * sum; ++k) {
    sum += term;
    term *= y / (k + 1);
  }
  return std::exp(-y) * sum;
}

// S A S with S = diag(-1, 1): the sign of the off-diagonal entries flips.
Eigen::Matrix2d flip_position(Eigen::Matrix2d a) {
  a(0, 1) = -a(0, 1);
  a(1, 0) = -a(1, 0);
  return a;
}

}  // namespace

Eigen::Matrix2d CldKernel::cholesky() const {
  const Eigen::Matrix2d& c = covariance;
  Eigen::Matrix2d l = Eigen::Matrix2d::Zero();
  l(0, 0) = std::sqrt(c(0, 0));
  l(1, 0) = c(0, 0) > 0.0 ? c(1, 0) / l(0, 0) : 0.0;
  l(1, 1) = std::sqrt(std::max(0.0, c(1, 1) - l(1, 0) * l(1, 0)));
  return l;
}

CriticallyDampedLangevin::CriticallyDampedLangevin(CldParameters parameters) : p_(parameters) {
  require(std::isfinite(p_.m_inv) && p_.m_inv >= 0.01 && p_.m_inv <= 100.0, "m_inv", p_.m_inv,
          "a number in [0.01, 100] (the inverse mass M^{-1})");
  require(std::isfinite(p_.beta) && p_.beta > 0.0 && p_.beta <= 100.0, "beta", p_.beta,
          "a number in (0, 100] (β_0 of β(t) = β_0 + β_1 t)");
  require(std::isfinite(p_.beta_slope) && p_.beta_slope >= 0.0 && p_.beta_slope <= 100.0, "beta_slope", p_.beta_slope,
          "a number in [0, 100] (β_1 of β(t) = β_0 + β_1 t)");
  require(std::isfinite(p_.gamma) && p_.gamma >= 0.0 && p_.gamma <= 1.0, "gamma", p_.gamma,
          "a number in [0, 1] (initial velocity variance γM: 0 for DSM, 0.04 for HSM, 1 at equilibrium)");
}

double CriticallyDampedLangevin::beta_integral(double s, double t) const {
  return p_.beta * (t - s) + 0.5 * p_.beta_slope * (t - s) * (t + s);
}

CldKernel CriticallyDampedLangevin::transition(double s, double t) const {
  const double g = 0.5 * std::sqrt(p_.m_inv), y = 4.0 * g * beta_integral(s, t);
  const double half = std::exp(-0.5 * y), m = std::exp(-y);
  CldKernel k;
  k.mean_map << half * (1.0 + 0.5 * y), half * g * y,  //
      -half * y / (4.0 * g), half * (1.0 - 0.5 * y);
  const double xv = m * y * y / (4.0 * g);
  k.covariance << gamma_p3(y), xv,  //
      xv, mass() * (-std::expm1(-y) + m * (y - 0.5 * y * y));
  return k;
}

CldKernel CriticallyDampedLangevin::perturbation(double t) const {
  CldKernel k = transition(0.0, t);
  const Eigen::Vector2d velocity_column = k.mean_map.col(1);
  k.covariance += (p_.gamma * mass()) * velocity_column * velocity_column.transpose();
  return k;
}

CldKernel CriticallyDampedLangevin::reverse_linear(double t_next, double t) const {
  const CldKernel forward = transition(t_next, t);
  return {flip_position(forward.mean_map), flip_position(forward.covariance)};
}

double CriticallyDampedLangevin::mean_coeff(double t) const { return transition(0.0, t).mean_map(0, 0); }

double CriticallyDampedLangevin::std(double t) const { return std::sqrt(perturbation(t).covariance(0, 0)); }

}  // namespace sgm

namespace sgm {
namespace {

[[gnu::cold]] bool register_critically_damped_langevin() {
  return Registry<Diffusion>::add({
      "cld",
      "critically damped Langevin diffusion on (x, v), velocity score only; prior N(0, I) ⊗ N(0, M I)",
      "Dockhorn, Vahdat, Kreis 2022; docs/theory.md §7.8",
      {Parameter::number("m_inv", "inverse mass M^{-1}")
           .with_default(CldParameters{}.m_inv)
           .within(closed(0.01, 100.0)),
       Parameter::number("beta", "β_0 of β(t) = β_0 + β_1 t")
           .with_default(CldParameters{}.beta)
           .within(half_open_above(0.0, 100.0)),
       Parameter::number("beta_slope", "β_1 of β(t) = β_0 + β_1 t")
           .with_default(CldParameters{}.beta_slope)
           .within(closed(0.0, 100.0)),
       Parameter::number("gamma", "initial velocity variance factor: v_0 ~ N(0, γ M I) (0 for DSM, 0.04 for HSM)")
           .with_default(CldParameters{}.gamma)
           .within(closed(0.0, 1.0))},
      [](const Arguments& a, const Context&) {
        CldParameters p;
        p.m_inv = a.number("m_inv");
        p.beta = a.number("beta");
        p.beta_slope = a.number("beta_slope");
        p.gamma = a.number("gamma");
        return std::make_shared<CldDiffusion>(std::make_shared<CriticallyDampedLangevin>(p));
      },
      {},
      CldDiffusion::kFamily,
  });
}
const bool registered_critically_damped_langevin = register_critically_damped_langevin();

}  // namespace
}  // namespace sgm
