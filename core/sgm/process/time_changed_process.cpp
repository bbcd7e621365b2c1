#include "sgm/process/time_changed_process.hpp"

#include <cmath>

#include "sgm/base/error.hpp"

namespace sgm {

TimeChangedProcess::TimeChangedProcess(std::string name, ProcessFamily family,
                                       std::shared_ptr<const NoiseSchedule> schedule)
    : name_(std::move(name)), family_(family), schedule_(std::move(schedule)) {
  require(schedule_ != nullptr, "schedule", "is missing");
}

double TimeChangedProcess::drift_rate(double t) const {
  return family_ == ProcessFamily::VarianceExploding ? 0.0 : 0.5 * schedule_->rate(t);
}

double TimeChangedProcess::diffusion_sq(double t) const {
  const double beta = schedule_->rate(t);
  return family_ == ProcessFamily::SubVariancePreserving ? -std::expm1(-2.0 * schedule_->integral(t)) * beta : beta;
}

double TimeChangedProcess::mean_coeff(double t) const {
  return family_ == ProcessFamily::VarianceExploding ? 1.0 : std::exp(-0.5 * schedule_->integral(t));
}

double TimeChangedProcess::std(double t) const {
  const double u = schedule_->integral(t);
  switch (family_) {
    case ProcessFamily::VariancePreserving:
      return std::sqrt(-std::expm1(-u));
    case ProcessFamily::SubVariancePreserving:
      return -std::expm1(-u);
    case ProcessFamily::VarianceExploding:
      break;
  }
  return std::sqrt(u);
}

double TimeChangedProcess::transition_var(double s, double t) const {
  const double delta = schedule_->integral(s, t);
  switch (family_) {
    case ProcessFamily::VariancePreserving:
      return -std::expm1(-delta);
    case ProcessFamily::SubVariancePreserving:
      return std::expm1(-delta) * std::expm1(-(2.0 * schedule_->integral(s) + delta));
    case ProcessFamily::VarianceExploding:
      break;
  }
  return delta;
}

double TimeChangedProcess::score_weight(double s, double t) const {
  const double delta = schedule_->integral(s, t);
  if (family_ == ProcessFamily::VarianceExploding) return delta;
  const double u = schedule_->integral(s);
  const double vp_weight = 2.0 * std::exp(0.5 * u) * std::expm1(0.5 * delta);
  if (family_ == ProcessFamily::VariancePreserving) return vp_weight;
  const double v = u + delta;
  return vp_weight * -(std::expm1(-0.5 * (u + 3.0 * v)) + std::expm1(-(u + v)) + std::expm1(-0.5 * (3.0 * u + v))) /
         3.0;
}

double TimeChangedProcess::prior_std(double T) const {
  return family_ == ProcessFamily::VarianceExploding ? std(T) : 1.0;
}

}  // namespace sgm
