#pragma once
// The double-well law on R (theory §5, example 3, the per-coordinate version of U(x) = |x|⁴/4 - |x|²/2):
//     π(y) = exp(-U(y)) / Z,   U(y) = κ (y² - m²)² / 4   (κ = m = 1: U = y⁴/4 - y²/2 + 1/4),
// with wells at ±m and a barrier κ m⁴/4 at 0.
//
// Perturbed law of a Y + s Z by Gauss–Legendre quadrature of p(x) = ∫ π(y) φ_s(x - a y) dy [DER]:
//   noise space (0 < s ≤ a):  y = (x + s v)/a,  p(x) = (a Z √(2π))^{-1} ∫ exp(-U(y) - v²/2) dv,
//                             d/dx ln p = E[-U'(Y) | x] / a   (differentiate under the integral in this form);
//   data space  (s > a ≥ 0):  p(x) = (Z √(2π) s)^{-1} ∫ exp(-U(y) - (x - a y)²/(2s²)) dy,
//                             d/dx ln p = (a E[Y | x] - x) / s²   (Tweedie).
// Each form is used where it has no cancellation (the Tweedie form loses x/s² against a E[Y|x]/s² as s → 0; the other
// divides by a). The log-integrand H is a quartic; its critical points are the real roots of a cubic (solved in
// closed form, then polished by Newton). Around each local maximum with H ≥ max H - L (L = 45) the window reaches to
// where H has dropped below max H - L (by doubling and bisection, never past the minimum separating it from another
// such maximum), so the neglected mass is ≤ e^{-45} relative up to a polynomial factor. Each window is split into
// panels of four local standard deviations 1/√|H''| (|H''| bounded over the panel) with n Gauss–Legendre nodes each,
// n = 16 by default; the tests measure the error against an independent double-exponential quadrature as n grows
// (≈ 1e-15 relative at n = 16, 1e-12 at n = 12, 1e-7 at n = 8).
//
// Figures (one coordinate): Z, E Y² and E U(Y) by the same quadrature (a = 0); KL(π ‖ N(0,1)) = -E U - ln Z
// + ½ ln 2π + ½ E Y²; semiconvexity K = κ m² (U'' = κ(3y² - m²) ≥ -κ m²); convexity at infinity μ = +∞ (U'' → ∞);
// Lipschitz constant of the perturbed scores +∞ (U'' is unbounded, so the data score is not Lipschitz); support
// radius +∞. Exact draws by rejection (double_well.cpp), acceptance ≥ 0.5.
#include "sgm/numerics/gauss_legendre.hpp"
#include "sgm/target/scalar_law.hpp"

namespace sgm {

class DoubleWell final : public ScalarLaw {
public:
  static constexpr int kDefaultNodes = 16;

  // Validates stiffness κ in [1e-3, 1e3], well m in [0, 10], nodes per panel in [2, 64].
  DoubleWell(double stiffness, double well, int nodes = kDefaultNodes);

  std::string name() const override { return "double_well"; }
  // Measured: about 10 times the modified half-normal's (adaptive panels around each peak of the integrand).
  double score_cost() const override { return 4000.0; }
  double sample(ScalarDraws& draws) const override;
  void log_density(double a, double s, const Eigen::Ref<const Vector>& x, Eigen::Ref<Vector> out) const override;
  void score(double a, double s, const Eigen::Ref<const Vector>& x, Eigen::Ref<Vector> out) const override;
  double mean() const override { return 0.0; }
  double variance() const override { return second_moment_; }
  TargetFigures figures() const override { return figures_; }

  double stiffness() const { return kappa_; }
  double well() const { return m_; }
  double log_normaliser() const { return log_z_; }  // ln Z
  double potential(double y) const;                 // U(y)
  double potential_gradient(double y) const;        // U'(y)

private:
  // ∫ exp(H(t)) dt over the windows, and posterior means of Y, Y², U'(Y), U(Y).
  struct Posterior {
    double log_mass, mean_y, mean_y2, mean_gradient, mean_potential;
  };
  Posterior integrate(double a, double s, double x, bool noise_space) const;
  struct Evaluation {
    double log_density, score;
  };
  Evaluation evaluate(double a, double s, double x) const;

  double kappa_, m_;
  QuadratureRule rule_;
  Vector log_weights_;  // ln of rule_.weights
  double log_z_ = 0.0, second_moment_ = 0.0;
  TargetFigures figures_;
};

}  // namespace sgm
