#pragma once
// The symmetric modified half-normal law on R (theory §5, example 1; our reading of Bruno–Sabanis, UNVERIFIED there):
//     π(y) = |y|^{α-1} exp(-β y² + γ |y|) / Z,   Z = 2 (2β)^{-α/2} F_α(z0),   z0 = γ/√(2β),
// a random sign times a modified half-normal variable (Sun, Kong, Pal 2023; F_α and G_α in tilted_half_normal.hpp).
// With α = 1 it is the Laplace–Gaussian law exp(-λ1 |y| - λ2 y²/2) of the elastic net (λ1 = -γ, λ2 = 2β).
//
// Perturbed law of a Y + s Z [DER; checked against quadrature in the tests]. With P' = 2βs² + a² and
//     z± = (γ s² ± a x) / (s √P'),   E± = (γ² s² ± 2aγx - 2βx²) / (2P')   (= z±²/2 - x²/(2s²)),
//     p(x) = (2π)^{-1/2} s^{α-1} P'^{-α/2} [e^{E+} G_α(z+) + e^{E-} G_α(z-)] / Z,
//     d/dx ln p(x) = [-2βx + aγ (w+ - w-)] / P' + a (w+ ρ+ - w- ρ-) / (s √P'),
// where w± ∝ e^{E±} G_α(z±) (w+ + w- = 1) and ρ± = E[U - z±] under the tilted half-normal law. This regrouping of the
// textbook form -x/s² + (a/(s√P')) Σ ± w± F_{α+1}(z±)/F_α(z±) cancels the two O(x/s²) terms exactly, so the score
// keeps full precision as s → 0 (where it tends to ℓ'(x/a)/a, ℓ = ln π). For α = 1 this is the closed form of theory §5
// (G_1 = √(2π) Φ, ρ = φ/Φ); for other α, G_α and ρ come from Gauss quadrature (tilted_half_normal.hpp).
//
// Figures (one coordinate): m2 = E Y² = E U²/(2β) at z0; KL(π ‖ N(0,1)) = E ln π + ½ ln 2π + ½ E Y² with
// E ln π = -ln Z + (α-1) E ln|Y| - β E Y² + γ E|Y|, E|Y| = E U/√(2β), E ln|Y| = E ln U - ½ ln 2β (quadrature).
// Semiconvexity (U = -ln π up to a constant, "smallest K with U + K y²/2 convex", as for the Gaussian target):
//     α = 1, γ ≤ 0:  K = -2β (U'' = 2β off 0; the kink at 0 is upward: U' jumps by -2γ ≥ 0);
//     α = 1, γ > 0:  K = +∞ (downward kink: no K works; theory §5, bimodal law);
//     α ≠ 1:         K = +∞ (U is +∞ (α > 1) or -∞ (α < 1) at 0: not semiconvex).
// Convexity at infinity μ (the limit R → ∞ of the best μ with ⟨U'(x) - U'(y), x - y⟩ ≥ μ |x - y|² for |x - y| ≥ R):
//     α = 1: μ = 2β (the kink costs at most 2|γ|/R); α ≠ 1: μ = -∞ (pairs with one point near the singularity at 0
//     violate it for every R).
// Lipschitz constant of the perturbed scores over OU time: max(1, 2β) when α = 1 and γ = 0 (a Gaussian, theory §1),
// otherwise +∞ (the score of π itself is discontinuous or singular at 0). Support radius +∞.
#include <memory>

#include "sgm/target/scalar_law.hpp"
#include "sgm/target/tilted_half_normal.hpp"

namespace sgm {

class SymmetricModifiedHalfNormal final : public ScalarLaw {
public:
  // Validates α in [0.1, 100], β in [1e-4, 1e4], γ in [-1e4, 1e4]; nodes as TiltedHalfNormal.
  SymmetricModifiedHalfNormal(double alpha, double beta, double gamma, std::string name = "modified_half_normal",
                              int nodes = TiltedHalfNormal::kDefaultNodes);

  std::string name() const override { return name_; }
  double sample(ScalarDraws& draws) const override;
  void log_density(double a, double s, const Eigen::Ref<const Vector>& x, Eigen::Ref<Vector> out) const override;
  void score(double a, double s, const Eigen::Ref<const Vector>& x, Eigen::Ref<Vector> out) const override;
  double mean() const override { return 0.0; }
  double variance() const override { return second_moment_; }
  TargetFigures figures() const override { return figures_; }
  const SymmetricModifiedHalfNormal* symmetric_modified_half_normal() const override { return this; }

  double alpha() const { return tilted_.alpha(); }
  double beta() const { return beta_; }
  double gamma() const { return gamma_; }
  double log_normaliser() const { return log_z_; }  // ln Z

private:
  struct Evaluation {
    double log_density, score;
  };
  Evaluation evaluate(double a, double s, double x) const;

  TiltedHalfNormal tilted_;
  double beta_, gamma_;
  double z0_, log_z_, second_moment_;
  TargetFigures figures_;
  std::string name_;
};

// The elastic-net (Laplace–Gaussian) law π(y) ∝ exp(-λ1 |y| - λ2 y²/2) (theory §5, example 4), i.e. the symmetric
// modified half-normal law with α = 1, β = λ2/2, γ = -λ1, named "elastic_net". Validates λ1 in [0, 1e4] and
// λ2 in [2e-4, 2e4].
std::shared_ptr<const SymmetricModifiedHalfNormal> make_elastic_net(double lambda1, double lambda2);

}  // namespace sgm
