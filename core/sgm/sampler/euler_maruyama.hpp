#pragma once
// Euler–Maruyama for the reverse SDE dY = [f(t) Y + g(t)² ∇log q_t(Y)] dτ + g(t) dB̄ (theory §1, §7.5; the
// discretisation analysed by Bruno–Sabanis 2505.03432, addendum to theory §5). From forward time t to t' = t - h:
//     Y' = Y + h (f(t) Y + g(t)² s(t, Y)) + g(t) sqrt(h) ξ.
// For OU: Y' = Y + h (Y + 2 s) + sqrt(2h) ξ.
#include "sgm/sampler/stepper.hpp"

namespace sgm {

class EulerMaruyama final : public Stepper {
public:
  std::string name() const override { return "em"; }
  double weak_order() const override { return 1.0; }
  PathKLScheme path_kl_scheme() const override { return PathKLScheme::EulerMaruyama; }
  // state = 1 + h f(t), score = h g(t)², noise = g(t) √h.
  std::optional<AffineStep> affine_step(const Process& process, double t, double t_next) const override;
  void step(const Process& process, const ScoreModel& score, const NoiseSource& noise, std::uint32_t k, double t,
            double t_next, Particles& X, StepperState& state) const override;
};

}  // namespace sgm
