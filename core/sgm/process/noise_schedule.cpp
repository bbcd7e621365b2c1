#include "sgm/process/noise_schedule.hpp"

#include <algorithm>
#include <cmath>

#include "sgm/base/error.hpp"
#include "sgm/numerics/constants.hpp"

namespace sgm {

LinearSchedule::LinearSchedule(double beta_min, double beta_max) : beta_min_(beta_min), beta_max_(beta_max) {
  require(std::isfinite(beta_min) && beta_min >= 0.0 && beta_min <= 1e6, "beta_min", beta_min,
          "a number in [0, 1000000]");
  require(std::isfinite(beta_max) && beta_max > 0.0 && beta_max >= beta_min && beta_max <= 1e6, "beta_max", beta_max,
          "a number in [beta_min, 1000000] and > 0, with beta_min = " + format_value(beta_min));
}

double LinearSchedule::rate(double t) const { return beta_min_ + t * (beta_max_ - beta_min_); }

double LinearSchedule::integral(double s, double t) const {
  return (t - s) * (beta_min_ + 0.5 * (beta_max_ - beta_min_) * (s + t));
}

CosineSchedule::CosineSchedule(double s, double beta_cap) : offset_(s), beta_cap_(beta_cap) {
  require(std::isfinite(s) && s >= 0.0 && s <= 1.0, "s", s, "a number in [0, 1]");
  require(std::isfinite(beta_cap) && beta_cap > 0.0 && beta_cap <= 1e6, "beta_max", beta_cap,
          "a number in (0, 1000000]");
  // π/(1 + s) tan φ(t*) = β_cap  ⇔  φ(t*) = atan(β_cap (1 + s)/π); below t = 0 the whole schedule is capped.
  t_cap_ = std::max(0.0, std::atan(beta_cap * (1.0 + s) / kPi) * 2.0 * (1.0 + s) / kPi - s);
}

double CosineSchedule::phase(double t) const { return (t + offset_) / (1.0 + offset_) * (0.5 * kPi); }

double CosineSchedule::rate(double t) const {
  return t < t_cap_ ? kPi / (1.0 + offset_) * std::tan(phase(t)) : beta_cap_;
}

double CosineSchedule::integral(double s, double t) const {
  const double end = std::min(t, t_cap_);
  double cosine_part = 0.0;
  if (s < end) {
    // 2 ln(cos φ_s / cos φ_e) = 2 log1p((cos φ_s - cos φ_e)/cos φ_e), with the difference of cosines written as
    // 2 sin((φ_s + φ_e)/2) sin((φ_e - φ_s)/2) and φ_e - φ_s = (e - s)/(1 + s) · π/2: no cancellation for tiny steps.
    const double half_sum = 0.5 * (phase(s) + phase(end));
    const double half_diff = 0.25 * kPi * (end - s) / (1.0 + offset_);
    cosine_part = 2.0 * std::log1p(2.0 * std::sin(half_sum) * std::sin(half_diff) / std::cos(phase(end)));
  }
  return cosine_part + beta_cap_ * std::max(0.0, t - std::max(s, t_cap_));
}

GeometricVarianceSchedule::GeometricVarianceSchedule(double sigma_min, double sigma_max)
    : sigma_min_(sigma_min), log_ratio_(std::log(sigma_max / sigma_min)) {
  auto range = [] { return "a number in [" + format_value(kMinSigma) + ", " + format_value(kMaxSigma) + "]"; };
  require(sigma_min >= kMinSigma && sigma_min <= kMaxSigma, "sigma_min", sigma_min,
          [&] { return range() + " (σ² and the rate dσ²/dt must be finite and nonzero)"; });
  require(sigma_max > sigma_min && sigma_max <= kMaxSigma, "sigma_max", sigma_max, [&] {
    return range() + " and > sigma_min = " + format_value(sigma_min) + " (σ² and the rate dσ²/dt must be finite)";
  });
}

double GeometricVarianceSchedule::rate(double t) const {
  return 2.0 * log_ratio_ * sigma_min_ * sigma_min_ * std::exp(2.0 * t * log_ratio_);
}

double GeometricVarianceSchedule::integral(double s, double t) const {
  return sigma_min_ * sigma_min_ * std::exp(2.0 * s * log_ratio_) * std::expm1(2.0 * (t - s) * log_ratio_);
}

}  // namespace sgm
