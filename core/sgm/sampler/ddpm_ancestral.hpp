#pragma once
// DDPM ancestral sampling (Ho, Jain, Abbeel 2020, Algorithm 2 and Eq. (6)–(7); theory §7.2), written for any process
// of process.hpp between consecutive grid times t > t' through ratios of its coefficients:
//     √α := a(t)/a(t')   (so α = ᾱ_t/ᾱ_{t'}),     β := Var(X_t | X_{t'})   (= 1 - α for OU/VP, σ(t)² - σ(t')² for VE).
// Since σ(t)² = α σ(t')² + β, the posterior q(x_{t'} | x_t, x_0) is Gaussian with [DER, theory §7.2 for VP]
//     mean = (β a(t')/σ(t)²) x_0 + (√α σ(t')²/σ(t)²) x_t,      variance β̃ = β σ(t')²/σ(t)²,
// and with x_0 replaced by Tweedie's x̂_0 = (x_t + σ(t)² s)/a(t) the mean is exactly (x_t + β s)/√α. So one step is
//     X' = (X + β s(t, X))/√α + σ_noise ξ,      σ_noise² = β̃ ("fixed_small") or β ("fixed_large").
// For OU/VP this is theory §7.2's (x + β s)/√α = (x - β ε/√(1 - ᾱ_t))/√α with ε = -σ(t) s; for VE it is score_sde's
// VE ancestral predictor (theory §7.5). With the exact score the mean is the exact E[X_{t'} | X_t] for any data.
// The grid stops at δ > 0, so unlike the discrete code the last step draws noise too (the output approximates q_δ),
// and improved-diffusion's fixed_large substitution for the first index (β̃ = 0 there) is never needed.
#include "sgm/sampler/stepper.hpp"

namespace sgm {

enum class DdpmVariance {
  FixedSmall,  // β̃: optimal for a point mass x_0 (Ho et al. §3.2)
  FixedLarge,  // β: optimal for x_0 ~ N(0, I) under VP (Ho et al. §3.2)
};

DdpmVariance ddpm_variance_from_name(const std::string& name,
                                     const std::string& field);  // "fixed_small", "fixed_large"
std::string ddpm_variance_name(DdpmVariance variance);

class DdpmAncestral final : public Stepper {
public:
  explicit DdpmAncestral(DdpmVariance variance = DdpmVariance::FixedSmall) : variance_(variance) {}
  std::string name() const override { return "ddpm"; }
  double weak_order() const override { return 1.0; }
  DdpmVariance variance() const { return variance_; }
  std::optional<AffineStep> affine_step(const Process& process, double t, double t_next) const override;
  void step(const Process& process, const ScoreModel& score, const NoiseSource& noise, std::uint32_t k, double t,
            double t_next, Particles& X, StepperState& state) const override;

private:
  DdpmVariance variance_;
};

}  // namespace sgm
