#pragma once
// Exponential integrator (theory §1; the sampler analysed by Chen et al. 2209.11215 §2(b) and Benton et al.
// 2308.03686): freeze the score at the left end s = s(t, Y) and solve the reverse linear SDE exactly over the step.
// For dX = -f X dt + g dB, from forward time t down to t' < t:
//     Y' = (a(t')/a(t)) Y + a(t') [∫_{t'}^{t} g²/a du] s + sqrt( (a(t')/a(t))² Var(X_t | X_{t'}) ) ξ.
// For OU (h = t - t') this is Y' = e^h Y + 2(e^h - 1) s + sqrt(e^{2h} - 1) ξ.
#include "sgm/sampler/stepper.hpp"

namespace sgm {

class ExponentialIntegrator final : public Stepper {
public:
  std::string name() const override { return "ei"; }
  double weak_order() const override { return 1.0; }
  PathKLScheme path_kl_scheme() const override { return PathKLScheme::ExponentialIntegrator; }
  // state = a(t')/a(t), score = a(t') ∫_{t'}^{t} g²/a du, noise = (a(t')/a(t)) sqrt(Var(X_t | X_{t'})).
  std::optional<AffineStep> affine_step(const Process& process, double t, double t_next) const override;
  void step(const Process& process, const ScoreModel& score, const NoiseSource& noise, std::uint32_t k, double t,
            double t_next, Particles& X, StepperState& state) const override;
};

}  // namespace sgm
