#include "sgm/process/time_changed_process.hpp"

#include <cmath>

#include "sgm/base/error.hpp"
#include "sgm/base/registry.hpp"
#include "sgm/experiment/process_diffusion.hpp"

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

namespace sgm {
namespace {

// score_sde configs and run_lib (docs/theory.md §7.9): β 0.1 → 20 on [0, 1], stop at 1e-3 (VP, sub-VP) and 1e-5 (VE),
// σ 0.01 → 50 (CIFAR-10); cosine s = 0.008 and the cap 999 (noise_schedule.hpp).
std::vector<Parameter> linear_beta() {
  return {
      Parameter::number("beta_min", "β at t = 0").with_default(0.1).within(closed(0.0, 1e6)),
      Parameter::number("beta_max", "β at t = 1 (≥ beta_min)").with_default(20.0).within(half_open_above(0.0, 1e6))};
}

std::shared_ptr<const Diffusion> time_changed(const std::string& name, ProcessFamily family,
                                              std::shared_ptr<const NoiseSchedule> schedule, double delta) {
  return std::make_shared<ProcessDiffusion>(std::make_shared<TimeChangedProcess>(name, family, std::move(schedule)),
                                            1.0, delta);
}

[[gnu::cold]] bool register_vp() {
  return Registry<Diffusion>::add({
      "vp",
      "variance preserving dX = -½β(t)X dt + √β(t) dB, β linear from beta_min at t = 0 to beta_max at t = 1, prior "
      "N(0, I)",
      "Song et al. 2021, score_sde VPSDE; docs/theory.md §7.1",
      linear_beta(),
      [](const Arguments& a, const Context&) {
        return time_changed("vp", ProcessFamily::VariancePreserving,
                            std::make_shared<LinearSchedule>(a.number("beta_min"), a.number("beta_max")), 1e-3);
      },
      {},
      ProcessDiffusion::kFamily,
  });
}
const bool registered_vp = register_vp();

[[gnu::cold]] bool register_subvp() {
  return Registry<Diffusion>::add({
      "subvp",
      "sub-VP dX = -½β(t)X dt + √(β(t)(1 - e^{-2∫β})) dB, linear β as vp, marginal std 1 - e^{-∫β}, prior N(0, I)",
      "Song et al. 2021 §3.4, score_sde subVPSDE; docs/theory.md §7.1",
      linear_beta(),
      [](const Arguments& a, const Context&) {
        return time_changed("subvp", ProcessFamily::SubVariancePreserving,
                            std::make_shared<LinearSchedule>(a.number("beta_min"), a.number("beta_max")), 1e-3);
      },
      {},
      ProcessDiffusion::kFamily,
  });
}
const bool registered_subvp = register_subvp();

[[gnu::cold]] bool register_vp_cosine() {
  return Registry<Diffusion>::add({
      "vp_cosine",
      "variance preserving with the cosine ᾱ(t) = cos²((t+s)/(1+s)·π/2)/cos²(s/(1+s)·π/2), β capped at beta_max, prior "
      "N(0, I)",
      "Nichol & Dhariwal 2021; docs/theory.md §7.3",
      {Parameter::number("s", "offset s of the cosine schedule").with_default(0.008).within(closed(0.0, 1.0)),
       Parameter::number("beta_max", "cap on β(t)").with_default(999.0).within(half_open_above(0.0, 1e6))},
      [](const Arguments& a, const Context&) {
        return time_changed("vp_cosine", ProcessFamily::VariancePreserving,
                            std::make_shared<CosineSchedule>(a.number("s"), a.number("beta_max")), 1e-3);
      },
      {"vp-cosine"},
      ProcessDiffusion::kFamily,
  });
}
const bool registered_vp_cosine = register_vp_cosine();

[[gnu::cold]] bool register_ve() {
  return Registry<Diffusion>::add({
      "ve",
      "variance exploding dX = √(dσ²/dt) dB, σ(t) = sigma_min (sigma_max/sigma_min)^t, prior N(0, σ(T)² - sigma_min²)",
      "Song et al. 2021, score_sde VESDE; docs/theory.md §7.4",
      {Parameter::number("sigma_min", "σ at t = 0")
           .with_default(0.01)
           .within(closed(GeometricVarianceSchedule::kMinSigma, GeometricVarianceSchedule::kMaxSigma)),
       Parameter::number("sigma_max", "σ at t = 1 (> sigma_min)")
           .with_default(50.0)
           .within(closed(GeometricVarianceSchedule::kMinSigma, GeometricVarianceSchedule::kMaxSigma))},
      [](const Arguments& a, const Context&) {
        return time_changed("ve", ProcessFamily::VarianceExploding,
                            std::make_shared<GeometricVarianceSchedule>(a.number("sigma_min"), a.number("sigma_max")),
                            1e-5);
      },
      {},
      ProcessDiffusion::kFamily,
  });
}
const bool registered_ve = register_ve();

}  // namespace
}  // namespace sgm
