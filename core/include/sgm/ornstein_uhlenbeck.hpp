#pragma once
// The Ornstein–Uhlenbeck process in the √2 convention of Chen et al. (2209.11215), Benton et al. (2308.03686) and
// Bruno–Sabanis (2505.03432): dX = -X dt + √2 dB (theory §1). Stationary law N(0, I).
//   a(t) = e^{-t},  σ(t)^2 = 1 - e^{-2t},  Var(X_t | X_s) = 1 - e^{-2(t-s)},  ∫_s^t 2 e^{u} du = 2 (e^t - e^s).
#include "sgm/process.hpp"

namespace sgm {

class OrnsteinUhlenbeck final : public Process {
public:
  std::string name() const override { return "ou"; }
  double drift_rate(double) const override { return 1.0; }
  double diffusion_sq(double) const override { return 2.0; }
  double mean_coeff(double t) const override;
  double std(double t) const override;
  double transition_var(double s, double t) const override;
  double score_weight(double s, double t) const override;
  double prior_std(double) const override { return 1.0; }
};

}  // namespace sgm
