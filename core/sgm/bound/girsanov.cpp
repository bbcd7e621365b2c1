#include "sgm/bound/girsanov.hpp"

#include <Eigen/Cholesky>
#include <cmath>

#include "sgm/base/cancellation.hpp"
#include "sgm/base/error.hpp"
#include "sgm/numerics/gauss_legendre.hpp"

namespace sgm {

PathKLScheme path_kl_scheme(const Stepper& sampler, const std::string& field) {
  if (sampler.path_kl_scheme() != PathKLScheme::None) return sampler.path_kl_scheme();
  throw InvalidArgument(field + " = \"" + sampler.name() +
                        "\" has no certified path KL: it is derived for \"ei\" and \"em\" (theory §8.1)");
}

namespace {

// The coefficients of Δb = α X_{t_k} - β X_τ + c_k s_k(X_{t_k}) - c_τ ∇ln q_τ(X_τ) and the Girsanov weight 1/(2g(τ)²).
struct DriftDifference {
  double alpha, beta, c_k, c_tau, weight;
};

DriftDifference drift_difference(const Process& process, PathKLScheme scheme, double t_k, double tau) {
  const double g2_tau = process.diffusion_sq(tau);
  if (scheme == PathKLScheme::ExponentialIntegrator) return {0.0, 0.0, g2_tau, g2_tau, 0.5 / g2_tau};
  const double g2_k = process.diffusion_sq(t_k);
  // Different noise coefficients make the two path laws mutually singular (infinite KL): refuse rather than mislead.
  require(std::abs(g2_k - g2_tau) <= 1e-12 * g2_k, "process",
          "\"" + process.name() +
              "\" has a diffusion that varies within a step; the Euler–Maruyama path KL is "
              "infinite there (only the exponential integrator has a finite certified path KL)");
  return {process.drift_rate(t_k), process.drift_rate(tau), g2_k, g2_tau, 0.5 / g2_tau};
}

void validate_grid(const std::vector<double>& times) {
  require(times.size() >= 2, "times", static_cast<double>(times.size()), "a grid of at least 2 times");
  for (std::size_t k = 0; k < times.size(); ++k) {
    require(std::isfinite(times[k]) && times[k] > 0.0, "times[" + std::to_string(k) + "]", times[k],
            "a finite positive time");
    if (k > 0)
      require(times[k] < times[k - 1], "times[" + std::to_string(k) + "]", times[k],
              "smaller than the previous time (the grid decreases)");
  }
}

// Calls visit(k, τ, quadrature weight) for every Gauss–Legendre node τ of every step [t_{k+1}, t_k].
template <class Visit>
void for_each_node(const std::vector<double>& times, int nodes, Visit&& visit) {
  const QuadratureRule rule = gauss_legendre(nodes);
  for (std::size_t k = 0; k + 1 < times.size(); ++k) {
    const double mid = 0.5 * (times[k] + times[k + 1]), half = 0.5 * (times[k] - times[k + 1]);
    poll_cancellation([&] {
      return "in the path-KL bound at step " + std::to_string(k) + " of " + std::to_string(times.size() - 1);
    });
    for (int j = 0; j < nodes; ++j) visit(k, j, mid + half * rule.nodes(j), half * rule.weights(j));
  }
}

}  // namespace

Estimate girsanov_path_kl(const Target& target, const Process& process, const std::vector<double>& times,
                          PathKLScheme scheme, const ScoreModel& score, const PathKLOptions& options) {
  validate_grid(times);
  validate_monte_carlo(options.monte_carlo);
  require(
      score.dim() == target.dim(), "score",
      "has dimension " + std::to_string(score.dim()) + ": the target has dimension " + std::to_string(target.dim()));
  const CounterRng rng(options.monte_carlo.seed);
  const std::size_t n = options.monte_carlo.samples;
  const Particles X0 = target.sample(n, rng, Stream::BoundSample);
  const Eigen::Index rows = X0.rows(), d = X0.cols();
  Particles z(rows, d), x_tau(rows, d), x_k(rows, d), exact(rows, d), model(rows, d), diff(rows, d);
  Vector totals = Vector::Zero(rows);
  for_each_node(times, options.nodes, [&](std::size_t k, int j, double tau, double weight) {
    const double t_k = times[k];
    const DriftDifference c = drift_difference(process, scheme, t_k, tau);
    const auto counter = static_cast<std::uint32_t>(k * static_cast<std::size_t>(options.nodes) + j);
    const double a_tau = process.mean_coeff(tau), s_tau = process.std(tau);
    rng.fill_normal(z, counter, Stream::BoundNoise);
    x_tau = a_tau * X0 + s_tau * z;
    rng.fill_normal(z, counter, Stream::BoundTransition);
    x_k = (process.mean_coeff(t_k) / a_tau) * x_tau + std::sqrt(process.transition_var(tau, t_k)) * z;
    target.score(a_tau, s_tau, x_tau, exact);
    score.score(t_k, x_k, model);
    diff = c.c_k * model - c.c_tau * exact;
    if (c.alpha != 0.0 || c.beta != 0.0) diff += c.alpha * x_k - c.beta * x_tau;
    totals += (weight * c.weight) * diff.rowwise().squaredNorm();
  });
  return monte_carlo_estimate(totals, options.monte_carlo.confidence);
}

double gaussian_path_kl(const Gaussian& target, const Process& process, const std::vector<double>& times,
                        PathKLScheme scheme, const Vector& score_bias, int nodes) {
  validate_grid(times);
  const Eigen::Index d = target.dim();
  validate_mean(score_bias, d, "score_bias");
  const Vector& mu = target.mean_vector();
  const Matrix I = Matrix::Identity(d, d);
  auto precision = [&](double t) {
    return target.perturbed_covariance(process.mean_coeff(t), process.std(t)).llt().solve(I).eval();
  };
  double total = 0.0;
  std::size_t cached_step = times.size();
  Matrix precision_k;
  for_each_node(times, nodes, [&](std::size_t k, int, double tau, double weight) {
    const double t_k = times[k];
    if (cached_step != k) precision_k = precision(t_k), cached_step = k;
    const DriftDifference c = drift_difference(process, scheme, t_k, tau);
    const double a_tau = process.mean_coeff(tau), a_k = process.mean_coeff(t_k);
    const double rho = a_k / a_tau, v = process.transition_var(tau, t_k);
    const Matrix C_tau = target.perturbed_covariance(a_tau, process.std(tau));
    const Matrix M_U = (c.alpha * rho - c.beta) * I - c.c_k * rho * precision_k + c.c_tau * C_tau.llt().solve(I);
    const Matrix M_Z = std::sqrt(v) * (c.alpha * I - c.c_k * precision_k);
    const Vector m = (c.alpha * a_k - c.beta * a_tau) * mu + c.c_k * score_bias;
    const double expected = (M_U * C_tau * M_U.transpose()).trace() + (M_Z * M_Z.transpose()).trace() + m.squaredNorm();
    total += weight * c.weight * expected;
  });
  return total;
}

}  // namespace sgm
