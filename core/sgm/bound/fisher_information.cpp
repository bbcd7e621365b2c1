#include "sgm/bound/fisher_information.hpp"

#include <limits>

#include <Eigen/Cholesky>

#include "sgm/target/gaussian.hpp"

namespace sgm {

Estimate relative_fisher_information(const Target& target, const MonteCarloOptions& options) {
  if (const auto* gaussian = target.gaussian_form()) {
    const Matrix& sigma = gaussian->covariance_matrix();
    const Matrix I = Matrix::Identity(sigma.rows(), sigma.cols());
    const Matrix M = I - sigma.llt().solve(I);
    return exact_estimate((M * sigma * M.transpose()).trace() + gaussian->mean_vector().squaredNorm());
  }
  // A law without a density (a point cloud: KL(q ‖ γ) = +∞) has no score at s = 0: its Fisher information is +∞.
  if (target.figures().kl_to_standard_gaussian == std::numeric_limits<double>::infinity()) {
    return exact_estimate(std::numeric_limits<double>::infinity());
  }
  validate_monte_carlo(options);
  const Particles X = target.sample(options.samples, CounterRng(options.seed), Stream::BoundSample);
  Particles score;
  target.score(1.0, 0.0, X, score);
  return monte_carlo_estimate((score + X).rowwise().squaredNorm(), options.confidence);
}

}  // namespace sgm
