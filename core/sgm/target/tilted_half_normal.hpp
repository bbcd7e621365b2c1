#pragma once
// The tilted half-normal law on (0, ∞), density ∝ u^{α-1} exp(-(u - z)²/2) (α > 0, z real): the standardised
// modified half-normal law of Sun, Kong and Pal (Comm. Statist. Theory Methods 52(5), 2023; theory §5), to which the
// symmetric modified half-normal target and all its Gaussian perturbations reduce (modified_half_normal.hpp).
// Its mass is
//     G_α(z) = ∫_0^∞ u^{α-1} e^{-(u-z)²/2} du = e^{-z²/2} F_α(z),   F_α(z) = ∫_0^∞ u^{α-1} e^{-u²/2 + z u} du
//            = 2^{α/2 - 1} Ψ(α/2, √2 z)  with the Fox–Wright function Ψ(a, w) = Σ_k Γ(a + k/2) w^k / k! of the MHN
//              normaliser (integrate the series term by term).
//
// Closed form for α = 1 (a normal N(z, 1) truncated to (0, ∞)): G_1(z) = √(2π) Φ(z), E[U - z] = φ(z)/Φ(z).
//
// Any α by Gauss quadrature on a window [u_lo, u_hi] outside which the integrand is below e^{-L} times its peak
// (L = 45, so the truncation error is ≤ e^{-45} ≈ 3e-20 relative; derivation in tilted_half_normal.cpp):
//   - window away from 0: Gauss–Legendre with the whole integrand u^{α-1} e^{-(u-z)²/2};
//   - window reaching 0:  Gauss–Jacobi with weight (1 + x)^{α-1}, i.e. u^{α-1} integrated exactly, so the endpoint
//                         singularity (α < 1) or kink (non-integer α) costs nothing.
// On the window the remaining factor is analytic and varies by about L, so the error decays geometrically in the
// number of nodes n: tests/core/tilted_half_normal_test.cpp measures the relative error of ln G and of E[U - z]
// against closed forms (α = 1, 2, 3), a double-exponential quadrature and asymptotic series over z ∈ [-1e4, 1e4],
// α ∈ [0.1, 100], for n = 16 … 48 (see the test for the numbers).
//
// Offsets u - z are computed directly (never as a difference of two large u and z), and for a window away from 0
// with z > |α-1| √(2L) E[U - z] is summed as E[(U - z)((U/z)^{α-1} - 1)] plus the exact ∫_0^∞ (u - z) e^{-(u-z)²/2} du
// = e^{-z²/2}, so it keeps its relative precision when it is small (≈ (α-1)/z for z → ∞): the perturbed score at small
// noise needs it.
#include <array>

#include "sgm/numerics/gauss_jacobi.hpp"
#include "sgm/target/scalar_law.hpp"

namespace sgm {

class TiltedHalfNormal {
public:
  static constexpr int kDefaultNodes = 48;
  static constexpr int kMaxNodes = kMaxGaussLegendreNodes;

  // Validates α in [0.1, 100] and nodes in [2, 64].
  explicit TiltedHalfNormal(double alpha, int nodes = kDefaultNodes);

  double alpha() const { return alpha_; }

  struct Value {
    double log_mass;     // ln G_α(z)
    double mean_offset;  // E[U - z]
  };
  // The closed form for α = 1, quadrature otherwise.
  Value value(double z) const;

  struct Moments {
    double log_mass, mean_offset;
    double mean, second_moment, mean_log;  // E U, E U², E ln U
  };
  // Everything by quadrature (also for α = 1, so that it can be held against the closed form): the nodes of value(),
  // except E ln U on a window reaching 0, where ln u is singular (graded panels, tilted_half_normal.cpp).
  Moments quadrature(double z) const;

  // One exact draw of U by rejection (proposals in tilted_half_normal.cpp; acceptance ≥ 0.3 by the envelope masses
  // over α ∈ [0.1, 100], z ∈ [-1e3, 1e2]; the tests bound the mean number of draws per sample).
  double sample(double z, ScalarDraws& draws) const;

private:
  struct Nodes {
    int n = 0;
    std::array<double, kMaxNodes> u, offset, log_weight;  // u_i, u_i - z, ln(weight × integrand) - log_scale
    double log_scale = 0.0;
    // Window away from 0 with z > 0: log_weight = ln(weight) - (u - z)²/2 + ln(1 + excess), excess = (u/z)^{α-1} - 1,
    // and log_scale = (α-1) ln z (see mean_offset).
    bool relative_to_z = false;
    std::array<double, kMaxNodes> gaussian_log_weight, excess;
    bool from_zero = false;  // Gauss–Jacobi on [0, hi]
    double hi = 0.0;
  };
  double graded_log_moment(double z, double hi, double top) const;
  double mean_offset(const Nodes& nodes, double z, double top, double sum) const;
  void fill_nodes(double z, Nodes& out) const;

  double alpha_;
  QuadratureRule legendre_, jacobi_;  // jacobi_: weight (1 + x)^{α-1}
  Vector legendre_log_, jacobi_log_;  // ln of their weights
  QuadratureRule graded_;             // 24-node Gauss–Legendre for E ln U on graded panels
};

}  // namespace sgm
