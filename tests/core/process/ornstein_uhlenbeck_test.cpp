#include <doctest/doctest.h>

#include <cmath>

#include "sgm/process/ornstein_uhlenbeck.hpp"
#include "support/test_support.hpp"

using sgm::test::integrate;
using sgm::test::relative;

namespace {

// The defining integrals of process.hpp, evaluated by quadrature from the process's f(t) and g(t)^2 only:
//   a(t) = exp(-∫_0^t f),  a(t)^2/a(u)^2 = exp(-2 ∫_u^t f),
//   Var(X_t | X_s) = ∫_s^t g(u)^2 a(t)^2/a(u)^2 du,  σ(t)^2 = Var(X_t | X_0),  score weight = ∫_s^t g(u)^2 / a(u) du.
double quadrature_mean_coeff(const sgm::Process& p, double t) {
  return std::exp(-integrate([&](double u) { return p.drift_rate(u); }, 0.0, t));
}

double quadrature_transition_var(const sgm::Process& p, double s, double t) {
  return integrate(
      [&](double u) {
        const double log_ratio = -2.0 * integrate([&](double v) { return p.drift_rate(v); }, u, t, 4);
        return p.diffusion_sq(u) * std::exp(log_ratio);
      },
      s, t);
}

double quadrature_score_weight(const sgm::Process& p, double s, double t) {
  return integrate([&](double u) { return p.diffusion_sq(u) / quadrature_mean_coeff(p, u); }, s, t);
}

const double kTimes[] = {1e-3, 0.1, 0.7, 1.0, 3.0, 10.0};

}  // namespace

TEST_CASE("OU: a(t), σ(t), transition variance and score weight match their closed forms (theory §1)") {
  // The references are the textbook forms 1 - e^{-2h}, e^t - e^s, whose rounding error is about eps/(2h) relative
  // (≤ 1e-13 for the smallest h = 1e-3 here): hence 1e-12. Small steps are checked separately below.
  const sgm::OrnsteinUhlenbeck ou;
  for (double t : kTimes) {
    INFO("t = " << t);
    CHECK(ou.mean_coeff(t) == relative(std::exp(-t), 1e-15));
    CHECK(ou.std(t) == relative(std::sqrt(1.0 - std::exp(-2.0 * t)), 1e-12));
    for (double s : kTimes) {
      if (s >= t) continue;
      INFO("s = " << s);
      CHECK(ou.transition_var(s, t) == relative(1.0 - std::exp(-2.0 * (t - s)), 1e-12));
      CHECK(ou.score_weight(s, t) == relative(2.0 * (std::exp(t) - std::exp(s)), 1e-12));
    }
  }
  CHECK(ou.drift_rate(2.0) == 1.0);
  CHECK(ou.diffusion_sq(2.0) == 2.0);
  CHECK(ou.prior_std(5.0) == 1.0);
}

TEST_CASE("OU: closed forms match quadrature of the defining integrals of process.hpp") {
  // 32 panels of 5-point Gauss–Legendre on smooth exponentials over at most [0, 10]: quadrature error far below 1e-12.
  const sgm::OrnsteinUhlenbeck ou;
  for (double t : kTimes) {
    INFO("t = " << t);
    CHECK(ou.mean_coeff(t) == relative(quadrature_mean_coeff(ou, t), 1e-12));
    CHECK(ou.std(t) * ou.std(t) == relative(quadrature_transition_var(ou, 0.0, t), 1e-12));
    for (double s : kTimes) {
      if (s >= t) continue;
      INFO("s = " << s);
      CHECK(ou.transition_var(s, t) == relative(quadrature_transition_var(ou, s, t), 1e-12));
      CHECK(ou.score_weight(s, t) == relative(quadrature_score_weight(ou, s, t), 1e-12));
    }
  }
}

TEST_CASE("OU: small steps keep full relative precision (t - s = 1e-9)") {
  // Reference: Taylor series, exact to O(h^4) relative (~1e-36 here):
  //   1 - e^{-2h} = 2h (1 - h + 2h^2/3),   2(e^t - e^s) = 2 e^s h (1 + h/2 + h^2/6).
  // 1 - exp(-2h) evaluated naively loses about 7 digits at h = 1e-9, so a tolerance of 1e-14 tells the two apart.
  const sgm::OrnsteinUhlenbeck ou;
  for (double s : {0.0, 0.5, 3.0}) {
    const double t = s + 1e-9;
    const double h = t - s;  // exact (Sterbenz) for s > 0; equal to t for s = 0
    INFO("s = " << s << ", h = " << h);
    const double var = 2.0 * h * (1.0 - h + 2.0 * h * h / 3.0);
    CHECK(ou.transition_var(s, t) == relative(var, 1e-14));
    CHECK(ou.transition_var(s, t) == relative(quadrature_transition_var(ou, s, t), 1e-13));
    CHECK(ou.score_weight(s, t) == relative(2.0 * std::exp(s) * h * (1.0 + h / 2.0 + h * h / 6.0), 1e-14));
  }
  const double t = 1e-9;
  CHECK(ou.std(t) * ou.std(t) == relative(2.0 * t * (1.0 - t + 2.0 * t * t / 3.0), 1e-14));
  CHECK(ou.transition_var(2.0, 2.0) == 0.0);
  CHECK(ou.score_weight(2.0, 2.0) == 0.0);
}

TEST_CASE("OU: identities between the quantities") {
  const sgm::OrnsteinUhlenbeck ou;
  for (double t : kTimes) {
    INFO("t = " << t);
    const double a = ou.mean_coeff(t), sigma = ou.std(t);
    CHECK(ou.transition_var(0.0, t) == relative(sigma * sigma, 1e-15));
    CHECK(a * a + sigma * sigma == relative(1.0, 1e-15));  // stationary law N(0, I)
    for (double s : kTimes) {
      if (s >= t) continue;
      for (double u : {t + 0.3, t + 2.0}) {
        INFO("s = " << s << ", u = " << u);
        // Markov property: Var(X_u | X_s) = (a(u)/a(t))^2 Var(X_t | X_s) + Var(X_u | X_t).
        const double ratio = ou.mean_coeff(u) / ou.mean_coeff(t);
        CHECK(ou.transition_var(s, u) ==
              relative(ratio * ratio * ou.transition_var(s, t) + ou.transition_var(t, u), 1e-14));
        // The score weight is an integral over [s, u]: additive over [s, t] ∪ [t, u].
        CHECK(ou.score_weight(s, u) == relative(ou.score_weight(s, t) + ou.score_weight(t, u), 1e-14));
      }
    }
  }
  // Far out in time: no overflow to NaN, the marginal is the prior.
  CHECK(ou.std(50.0) == 1.0);
  CHECK(ou.mean_coeff(800.0) == 0.0);
}
