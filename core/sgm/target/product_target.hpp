#pragma once
// The product law of d independent coordinates, each distributed as one ScalarLaw (the separable targets of
// Bruno–Sabanis, theory §5: elastic net, symmetric modified half-normal, double well). Everything factorises:
//     ln p(x) = Σ_j ln p_1(x_j),   ∇ ln p(x)_j = (ln p_1)'(x_j),   E X = m 1,   Cov X = v I,
// and the assumption figures follow from the one-dimensional ones (theory §1, §5):
//     m2 = d m2_1;  KL(q ‖ N(0, I)) = d KL_1;  R = √d R_1;  Lipschitz, K and μ are those of one coordinate, because the
//     Hessian of ln q_t is diagonal and U + K|x|²/2 = Σ_j (U_1(x_j) + K x_j²/2) is convex iff each term is (for μ: the
//     ratio ⟨∇U(x) - ∇U(y), x - y⟩ / |x - y|² is a weighted mean of the coordinate ratios, see product_target.cpp).
#include <memory>

#include "sgm/target/scalar_law.hpp"
#include "sgm/target/target.hpp"

namespace sgm {

class ProductTarget final : public Target {
public:
  // Validates dim in [1, 4096] and a non-null law.
  ProductTarget(std::shared_ptr<const ScalarLaw> law, int dim);

  std::string name() const override { return law_->name(); }
  int dim() const override { return dim_; }
  const ScalarLaw& law() const { return *law_; }
  const ProductTarget* product_form() const override { return this; }

  // Coordinate j of particle i uses ScalarDraws(rng, i, stream, j).
  Particles sample_rows(std::size_t first, std::size_t count, const CounterRng& rng, Stream stream) const override;
  void score(double a, double s, const Particles& X, Particles& out) const override;
  Vector log_density(double a, double s, const Particles& X) const override;
  ScoreCost score_cost() const override;  // a quadrature per coordinate
  Vector mean() const override;
  Matrix covariance() const override;
  TargetFigures figures() const override;

private:
  std::shared_ptr<const ScalarLaw> law_;
  int dim_;
};

}  // namespace sgm
