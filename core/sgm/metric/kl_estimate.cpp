#include "sgm/metric/kl_estimate.hpp"

#include <cmath>
#include <string>

#include "sgm/base/error.hpp"
#include "sgm/metric/nearest_neighbours.hpp"

namespace sgm {

namespace {

constexpr double kEulerGamma = 0.57721566490153286060651209008240;

// ψ(k) = -γ + Σ_{j<k} 1/j for integers k ≥ 1.
double digamma(int k) {
  double psi = -kEulerGamma;
  for (int j = 1; j < k; ++j) psi += 1.0 / j;
  return psi;
}

// ln V_d, V_d = π^{d/2}/Γ(d/2 + 1) the volume of the unit ball.
double log_unit_ball_volume(Eigen::Index d) {
  const double half = 0.5 * static_cast<double>(d);
  return half * std::log(M_PI) - std::lgamma(half + 1.0);
}

void require_log_density(const Vector& log_q, Eigen::Index n, const std::string& name) {
  require(
      log_q.size() == n, name,
      "has " + std::to_string(log_q.size()) + " entries: must have one per sample point (" + std::to_string(n) + ")");
  require(log_q.allFinite(), name, "must be finite (the known density vanishes or is infinite at a sample point)");
}

// Mean of d ln ρ over the k-th neighbour distances; throws when one is 0 (coincident points).
double mean_log_distance(const Vector& rho, Eigen::Index d, const std::string& name) {
  require(rho.minCoeff() > 0.0, name,
          "has coincident points (a k-th neighbour distance is 0): the k-NN estimate is undefined");
  return static_cast<double>(d) * rho.array().log().mean();
}

}  // namespace

double knn_kl_sample_to_density(const Particles& X, const Vector& log_q_at_X, int k, unsigned threads) {
  require(k >= 1, "k", k, "an integer ≥ 1");
  require(X.rows() >= k + 1, "X", static_cast<double>(X.rows()), "a sample of size ≥ k + 1 = " + std::to_string(k + 1));
  require_log_density(log_q_at_X, X.rows(), "log_q");
  const Eigen::Index n = X.rows(), d = X.cols();
  const double mean_log_p = digamma(k) - std::log(static_cast<double>(n - 1)) - log_unit_ball_volume(d) -
                            mean_log_distance(kth_neighbour_distances(X, k, threads), d, "X");
  return mean_log_p - log_q_at_X.mean();
}

double knn_kl_density_to_sample(const Particles& Y, const Vector& log_q_at_Y, const Particles& X, int k,
                                unsigned threads) {
  require(Y.rows() >= 1, "Y", static_cast<double>(Y.rows()), "a sample of size ≥ 1");
  require_log_density(log_q_at_Y, Y.rows(), "log_q");
  const Eigen::Index n = X.rows(), d = X.cols();
  const Vector nu = kth_neighbour_distances(X, Y, k, threads);  // validates k, dimensions, finiteness
  const double mean_log_p =
      digamma(k) - std::log(static_cast<double>(n)) - log_unit_ball_volume(d) - mean_log_distance(nu, d, "X");
  return log_q_at_Y.mean() - mean_log_p;
}

}  // namespace sgm
