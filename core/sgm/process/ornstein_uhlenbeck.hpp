#pragma once
// The Ornstein–Uhlenbeck process in the √2 convention of Chen et al. (2209.11215), Benton et al. (2308.03686) and
// Bruno–Sabanis (2505.03432): dX = -X dt + √2 dB (theory §1). Stationary law N(0, I).
// It is the VP process with the constant rate β ≡ 2 (clock B(t) = 2t; time_changed_process.hpp), so that
//   a(t) = e^{-t},  σ(t)^2 = 1 - e^{-2t},  Var(X_t | X_s) = 1 - e^{-2(t-s)},  ∫_s^t 2 e^{u} du = 2 e^s (e^{t-s} - 1).
#include "sgm/process/time_changed_process.hpp"

namespace sgm {

class OrnsteinUhlenbeck final : public TimeChangedProcess {
public:
  OrnsteinUhlenbeck();
  bool standard_ou() const override { return true; }
};

}  // namespace sgm
