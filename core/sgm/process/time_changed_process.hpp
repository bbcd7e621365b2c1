#pragma once
// VP, sub-VP and VE (and OU) as one mechanism: a base process in its own clock u, run on the clock u = B(t) of a
// noise schedule (noise_schedule.hpp). A time change keeps transition laws, so with u = B(s), Δ = ∫_s^t β:
//   f(t) = f₀(B) β(t),  g(t)² = g₀²(B) β(t),  a(t) = a₀(B(t)),  σ(t) = σ₀(B(t)),
//   Var(X_t | X_s) = V₀(u, Δ),  ∫_s^t g²/a = W₀(u, Δ).
// The bases (in their clock u; derived from process.hpp's integrals, theory §1 and §7.1):
//   VariancePreserving:     f₀ = ½, g₀² = 1            (OU in half time: theory §1, "VP ⇔ OU time change")
//       a₀ = e^{-u/2}, σ₀² = 1 - e^{-u}, V₀ = 1 - e^{-Δ}, W₀ = 2 e^{u/2} (e^{Δ/2} - 1).
//   SubVariancePreserving:  f₀ = ½, g₀² = 1 - e^{-2u}  (score_sde `subVPSDE`; Song et al. 2021 §3.4)
//       a₀ = e^{-u/2}, σ₀ = 1 - e^{-u}, V₀ = (1 - e^{-Δ})(1 - e^{-(2u+Δ)}),
//       W₀ = 2 e^{u/2}(e^{Δ/2} - 1) · ⅓[(1 - e^{-(u+3v)/2}) + (1 - e^{-(u+v)}) + (1 - e^{-(3u+v)/2})], v = u + Δ
//       [derived: ∫(1 - e^{-2w}) e^{w/2} dw with w = 2 ln x is 2∫(1 - x^{-4}) dx; factor x_v - x_u out].
//   VarianceExploding:      f₀ = 0, g₀² = 1            (Brownian motion: score_sde `VESDE`)
//       a₀ = 1, σ₀² = u, V₀ = Δ, W₀ = Δ.
// Every expression uses expm1 with positive factors, so tiny steps keep full relative precision.
//
// Prior (the law the reverse process starts from at T): N(0, I) for VP and sub-VP, their stationary law
// (score_sde `prior_sampling`); N(0, σ(T)² I) for VE. score_sde's VE prior is N(0, σ_max²) because it ignores σ(0)²;
// ours is the exact marginal variance σ_max² - σ_min² of data at 0 (relative difference σ_min²/(2σ_max²) = 2e-8 for
// σ_min = 0.01, σ_max = 50).
#include <memory>
#include <string>

#include "sgm/process/noise_schedule.hpp"
#include "sgm/process/process.hpp"

namespace sgm {

enum class ProcessFamily { VariancePreserving, SubVariancePreserving, VarianceExploding };

class TimeChangedProcess : public Process {
public:
  TimeChangedProcess(std::string name, ProcessFamily family, std::shared_ptr<const NoiseSchedule> schedule);

  std::string name() const override { return name_; }
  double drift_rate(double t) const override;
  double diffusion_sq(double t) const override;
  double mean_coeff(double t) const override;
  double std(double t) const override;
  double transition_var(double s, double t) const override;
  double score_weight(double s, double t) const override;
  double prior_std(double T) const override;

  ProcessFamily family() const { return family_; }
  bool variance_exploding() const override { return family_ == ProcessFamily::VarianceExploding; }
  const NoiseSchedule& schedule() const { return *schedule_; }

private:
  std::string name_;
  ProcessFamily family_;
  std::shared_ptr<const NoiseSchedule> schedule_;
};

}  // namespace sgm
