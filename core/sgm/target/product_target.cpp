#include "sgm/target/product_target.hpp"

#include <cmath>

#include "sgm/base/error.hpp"

namespace sgm {

ProductTarget::ProductTarget(std::shared_ptr<const ScalarLaw> law, int dim) : law_(std::move(law)), dim_(dim) {
  require(law_ != nullptr, "law", "is missing");
  require(dim >= 1 && dim <= 4096, "dim", dim, "an integer in [1, 4096]");
}

Particles ProductTarget::sample_rows(std::size_t first, std::size_t count, const CounterRng& rng, Stream stream) const {
  Particles x(static_cast<Eigen::Index>(count), dim_);
  for (int j = 0; j < dim_; ++j)
    for (std::size_t i = 0; i < count; ++i) {
      ScalarDraws draws(rng, static_cast<std::uint32_t>(first + i), stream, static_cast<std::uint32_t>(j));
      x(static_cast<Eigen::Index>(i), j) = law_->sample(draws);
    }
  return x;
}

void ProductTarget::score(double a, double s, const Particles& X, Particles& out) const {
  validate_perturbation(a, s);
  validate_particles(X, dim_);
  out.resize(X.rows(), dim_);
  for (int j = 0; j < dim_; ++j) law_->score(a, s, X.col(j), out.col(j));
}

Vector ProductTarget::log_density(double a, double s, const Particles& X) const {
  validate_perturbation(a, s);
  validate_particles(X, dim_);
  Vector total = Vector::Zero(X.rows()), column(X.rows());
  for (int j = 0; j < dim_; ++j) {
    law_->log_density(a, s, X.col(j), column);
    total += column;
  }
  return total;
}

ScoreCost ProductTarget::score_cost() const { return {law_->score_cost() * dim_, 0.0}; }

Vector ProductTarget::mean() const { return Vector::Constant(dim_, law_->mean()); }

Matrix ProductTarget::covariance() const { return law_->variance() * Matrix::Identity(dim_, dim_); }

TargetFigures ProductTarget::figures() const {
  // μ: for |x - y| ≥ R the ratio Σ_j r_j δ_j² / Σ_j δ_j² (r_j the coordinate ratios, δ_j = x_j - y_j) is a weighted
  // mean in which every r_j ≥ -K and the coordinates with δ_j → ∞ carry all the weight as R → ∞, so the limit (the μ we
  // report, see TargetFigures) is the one-dimensional one.
  const TargetFigures one = law_->figures();
  const double d = static_cast<double>(dim_);
  TargetFigures f = one;
  f.m2 = d * one.m2;
  f.kl_to_standard_gaussian = d * one.kl_to_standard_gaussian;
  f.support_radius = std::sqrt(d) * one.support_radius;
  return f;
}

}  // namespace sgm
