#pragma once
// Noise schedules: the clock B(t) = ∫_0^t β of a time-changed process (time_changed_process.hpp), with its rate β(t).
// A schedule only says how fast the process runs; the process family says what runs (theory §1 "VP ⇔ OU time change").
//
//   LinearSchedule     β(t) = β_min + t (β_max - β_min)                    score_sde VPSDE / subVPSDE (theory §7.1)
//   CosineSchedule     B(t) = -ln ᾱ(t), ᾱ = cos²φ(t)/cos²φ(0), β ≤ β_cap  Nichol & Dhariwal 2021 (theory §7.3)
//   GeometricVarianceSchedule  B(t) = σ(t)² - σ(0)², σ(t) = σ_min (σ_max/σ_min)^t   score_sde VESDE (theory §7.4)
#include <string>

namespace sgm {

class NoiseSchedule {
public:
  virtual ~NoiseSchedule() = default;

  virtual double rate(double t) const = 0;  // β(t) ≥ 0
  // ∫_s^t β (0 ≤ s ≤ t), computed without subtracting two clocks, so that it keeps full relative precision when
  // t - s is tiny compared with B(t).
  virtual double integral(double s, double t) const = 0;
  double integral(double t) const { return integral(0.0, t); }  // B(t)
};

// β(t) = β_min + t (β_max - β_min), t ≥ 0 (score_sde `sde_lib.VPSDE`; theory §7.1). β_min = β_max is a constant rate.
//   ∫_s^t β = (t - s) (β_min + (β_max - β_min)(s + t)/2).
class LinearSchedule final : public NoiseSchedule {
public:
  // Validates 0 ≤ β_min ≤ β_max ≤ 1e6, β_max > 0.
  LinearSchedule(double beta_min, double beta_max);
  double rate(double t) const override;
  double integral(double s, double t) const override;
  using NoiseSchedule::integral;

private:
  double beta_min_, beta_max_;
};

// Cosine schedule (Nichol & Dhariwal 2021, improved-diffusion `get_named_beta_schedule`; theory §7.3), continuous time:
//   φ(t) = (t + s)/(1 + s) · π/2,  ᾱ(t) = cos²φ(t)/cos²φ(0),  B(t) = -ln ᾱ(t) = 2 ln(cos φ(0)/cos φ(t)),
//   β(t) = B'(t) = π/(1 + s) · tan φ(t).
// The clip. improved-diffusion clips the discrete β_i = 1 - ᾱ_i/ᾱ_{i-1} at 0.999; with N = 1000 steps only the last β
// is clipped (ᾱ(1) = 0 would make it 1). Its continuous form caps the rate: β(t) = min(π/(1 + s) tan φ(t), β_cap), i.e.
// B is the cosine clock up to t* (where the rate reaches β_cap) and grows linearly after it. With score_sde's
// correspondence β_i ≈ β(t_i)/N (theory §7.1) the discrete cap 0.999 at N = 1000 is β_cap = 999, the value DPM-Solver
// (Lu et al. 2022, `NoiseScheduleVP('cosine')`, cosine_beta_max) uses. With it t* ≈ 0.998, B(1) is finite
// (ᾱ(1) ≈ 1.3e-6) and T = 1 is usable; below t* the schedule is exactly improved-diffusion's ᾱ at every grid point.
class CosineSchedule final : public NoiseSchedule {
public:
  // Validates 0 ≤ s ≤ 1 and 0 < β_cap ≤ 1e6.
  CosineSchedule(double s, double beta_cap);
  double rate(double t) const override;
  double integral(double s, double t) const override;
  using NoiseSchedule::integral;

  double cap_time() const { return t_cap_; }  // t*: the rate is capped for t ≥ t*

private:
  double phase(double t) const;       // φ(t)
  double offset_, beta_cap_, t_cap_;  // s, β_cap, t*
};

// The VE clock (score_sde `sde_lib.VESDE`; theory §7.4): σ(t) = σ_min (σ_max/σ_min)^t and
//   B(t) = σ(t)² - σ(0)² = σ_min² (r^{2t} - 1),  β(t) = 2 ln r · σ_min² r^{2t},  ∫_s^t β = σ_min² r^{2s} expm1(2 (t -
//   s) ln r),
// with r = σ_max/σ_min.
class GeometricVarianceSchedule final : public NoiseSchedule {
public:
  // σ in [1e-150, 1e150]: σ² stays a normal double and the rate 2 ln(σ_max/σ_min) σ_max² (≤ 1.4e303) is finite.
  static constexpr double kMinSigma = 1e-150;
  static constexpr double kMaxSigma = 1e150;
  // Validates kMinSigma ≤ σ_min < σ_max ≤ kMaxSigma, naming the parameter out of range.
  GeometricVarianceSchedule(double sigma_min, double sigma_max);
  double rate(double t) const override;
  double integral(double s, double t) const override;
  using NoiseSchedule::integral;

private:
  double sigma_min_, log_ratio_;  // σ_min, ln(σ_max/σ_min)
};

}  // namespace sgm
