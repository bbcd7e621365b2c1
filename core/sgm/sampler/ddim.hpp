#pragma once
// DDIM(η) (Song, Meng, Ermon 2021, "Denoising Diffusion Implicit Models", Eq. (12) and (16); theory §7.2), for any
// process of process.hpp between grid times t > t'. With Tweedie's x̂_0 = (x + σ(t)² s)/a(t) and ε̂ = -σ(t) s:
//     X' = a(t') x̂_0 + sqrt(σ(t')² - σ_η²) ε̂ + σ_η ξ,      σ_η² = η² β̃ = η² β σ(t')²/σ(t)²,
// with √α = a(t)/a(t'), β = Var(X_t | X_{t'}) as in ddpm_ancestral.hpp; for VP, σ_η is theory §7.2's
// η sqrt((1 - ᾱ_{t-1})/(1 - ᾱ_t)) sqrt(1 - ᾱ_t/ᾱ_{t-1}). Written as X' = X/√α + w s + σ_η ξ, the score weight
// w = σ(t)²/√α - σ(t) sqrt(σ(t')² - σ_η²) is computed without cancellation for small steps as
//     w = σ(t) (β + α σ_η²) / (√α (σ(t) + √α sqrt(σ(t')² - σ_η²)))    [DER: σ(t)² - α(σ(t')² - σ_η²) = β + α σ_η²].
// η = 0 is deterministic (Lu et al. 2022 identify it with their first-order DPM-Solver); η = 1 is DDPM ancestral
// sampling with the fixed_small variance, exactly.
#include "sgm/sampler/stepper.hpp"

namespace sgm {

class Ddim final : public Stepper {
public:
  explicit Ddim(double eta = 0.0);  // validates η ∈ [0, 1]
  std::string name() const override { return "ddim"; }
  double weak_order() const override { return 1.0; }
  int noise_slots_per_step() const override { return eta_ > 0.0 ? 1 : 0; }
  double eta() const { return eta_; }
  std::optional<AffineStep> affine_step(const Process& process, double t, double t_next) const override;
  void step(const Process& process, const ScoreModel& score, const NoiseSource& noise, std::uint32_t k, double t,
            double t_next, Particles& X, StepperState& state) const override;

private:
  double eta_;
};

}  // namespace sgm
