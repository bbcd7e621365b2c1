#pragma once
// Critically damped Langevin diffusion (CLD; Dockhorn, Vahdat, Kreis, ICLR 2022; nv-tlabs/CLD-SGM `sde_lib.py`;
// theory §7.8). The state is u = (x, v) ∈ R^{2d}, positions and velocities; every coordinate pair (x_i, v_i) moves by
//
//     dx = M^{-1} β(t) v dt,    dv = (-β(t) x - Γ M^{-1} β(t) v) dt + sqrt(2 Γ β(t)) dB,    β(t) = β_0 + β_1 t,
//
// with critical damping Γ² = 4M, i.e. Γ = 2 sqrt(M). Data: x_0 ~ q, v_0 ~ N(0, γ M I) (γ = 0.04 for hybrid score
// matching, 0 for denoising score matching). Stationary law N(0, I) ⊗ N(0, M I), which is also the prior.
//
// This is not an sgm::Process: the state has 2d coordinates and only the velocity score ∇_v ln p_t enters the reverse
// SDE, so it has its own steppers (cld_stepper.hpp) and driver (cld_reverse_diffusion.hpp).
//
// Closed forms, with B = ∫ β over the interval, g = 1/Γ = sqrt(M^{-1})/2 and y = 4 g B [derived from theory §7.8; the
// drift matrix β [[0, M^{-1}], [-1, -Γ M^{-1}]] has the double eigenvalue -2g β, which gives]:
//     mean map      Φ(B) = e^{-y/2} [[1 + y/2, g y], [-y/(4g), 1 - y/2]]
//                   (theory §7.8: μ_x = e^{-2Bg}((1 + 2Bg) x_0 + 4Bg² v_0), μ_v = e^{-2Bg}(-B x_0 + (1 - 2Bg) v_0)),
//     noise covariance from a fixed start (theory §7.8's Σ with Σ_xx0 = Σ_vv0 = 0, rewritten in y):
//                   Σ_xx = 1 - e^{-y}(1 + y + y²/2),  Σ_xv = e^{-y} y²/(4g),  Σ_vv = M [1 - e^{-y}(1 - y + y²/2)],
//     and from v_0 ~ N(0, γM): Σ = Φ diag(0, γM) Φᵀ + Σ_noise (theory §7.8's Σ with Σ_xx0 = 0, Σ_vv0 = γM).
// Σ_xx ≈ y³/6 for small y is evaluated by its series, so that small steps keep their digits.
#include <Eigen/Core>
#include <cmath>
#include <string>

namespace sgm {

// One Gaussian transition of a coordinate pair (x_i, v_i): u' = mean_map u + L z, L Lᵀ = covariance, z ~ N(0, I_2),
// the same 2 × 2 map for every coordinate i.
struct CldKernel {
  Eigen::Matrix2d mean_map;
  Eigen::Matrix2d covariance;
  // Lower Cholesky factor; the Schur complement Σ_vv - Σ_xv²/Σ_xx (exactly positive) is clamped at 0 against rounding.
  Eigen::Matrix2d cholesky() const;
};

struct CldParameters {
  double m_inv = 4.0;       // M^{-1}, inverse mass (theory §7.8 default 4: M = 0.25, Γ = 1)
  double beta = 4.0;        // β_0 (default 4)
  double beta_slope = 0.0;  // β_1 (default 0: β constant)
  double gamma = 0.04;      // initial velocity variance factor: v_0 ~ N(0, γ M I) (HSM 0.04, DSM 0)
};

class CriticallyDampedLangevin {
public:
  // Validates m_inv ∈ [0.01, 100], beta ∈ (0, 100], beta_slope ∈ [0, 100], gamma ∈ [0, 1] (γ = 1: v_0 already at
  // equilibrium).
  explicit CriticallyDampedLangevin(CldParameters parameters = {});

  static constexpr double kDefaultHorizon = 1.0;  // T of the CLD-SGM configs (theory §7.9)

  std::string name() const { return "cld"; }
  const CldParameters& parameters() const { return p_; }
  double m_inv() const { return p_.m_inv; }
  double mass() const { return 1.0 / p_.m_inv; }                // M
  double damping() const { return 2.0 / std::sqrt(p_.m_inv); }  // Γ = 2 sqrt(M)
  double beta(double t) const { return p_.beta + p_.beta_slope * t; }
  double beta_integral(double s, double t) const;  // ∫_s^t β

  // Law of u_t given u_s (s ≤ t): mean Φ(B) u_s, covariance Σ_noise(B), B = ∫_s^t β.
  CldKernel transition(double s, double t) const;
  // Law of (x_t, v_t) given x_0, with v_0 ~ N(0, γM): mean Φ(B) (x_0, 0) (only the first column of mean_map acts),
  // covariance Φ diag(0, γM) Φᵀ + Σ_noise(B), B = ∫_0^t β.
  CldKernel perturbation(double t) const;
  // The exact solution, over the reverse-time step from forward time t down to t_next < t, of the linear part of the
  // reverse SDE, dx = -M^{-1} β v dτ, dv = (β x - Γ M^{-1} β v) dτ + sqrt(2Γβ) dW (theory §7.8, SSCS step 1). With
  // x̃ = -x it is the forward SDE, so with S = diag(-1, 1) and B̃ = ∫_{t_next}^t β: mean S Φ(B̃) S, covariance
  // S Σ_noise(B̃) S.
  CldKernel reverse_linear(double t_next, double t) const;

  // The position marginal: x_t = a(t) x_0 + σ(t) Z coordinate-wise, a = Φ_xx(B), σ² = perturbation(t).covariance(0, 0).
  double mean_coeff(double t) const;
  double std(double t) const;

  // The prior the reverse process starts from: x ~ N(0, I), v ~ N(0, M I).
  double prior_velocity_var() const { return mass(); }

private:
  CldParameters p_;
};

}  // namespace sgm
