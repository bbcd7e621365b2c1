#include "sgm/point_cloud.hpp"

#include <cmath>
#include <limits>

#include "sgm/error.hpp"

namespace sgm {

namespace {
constexpr double kLogTwoPi = 1.8378770664093454835606594728112;

// Buffers reused across calls (one set per thread), as in the Gaussian mixture: N × d differences and N exponents.
struct CloudWorkspace {
  Matrix difference;  // a x_i - x, one row per point
  Eigen::ArrayXd exponent;
};
thread_local CloudWorkspace workspace;
}  // namespace

PointCloud::PointCloud(Particles points, std::string name) : points_(std::move(points)), name_(std::move(name)) {
  require(points_.rows() >= 1 && points_.rows() <= 1000000, "points", static_cast<double>(points_.rows()),
          "a list of 1 to 1000000 points (an empty cloud has no law)");
  require(points_.cols() >= 1 && points_.cols() <= 4096, "points", "have dimension " + std::to_string(points_.cols()) +
                                                                   ": must have dimension in [1, 4096]");
  require(points_.allFinite(), "points", "must contain only finite numbers (got NaN or Infinity)");
}

Particles PointCloud::sample(std::size_t n, const CounterRng& rng, Stream stream) const {
  const auto count = static_cast<std::size_t>(points_.rows());
  Particles x(static_cast<Eigen::Index>(n), points_.cols());
  for (std::size_t i = 0; i < n; ++i) {
    const double u = rng.uniform(static_cast<std::uint32_t>(i), 0, static_cast<std::uint32_t>(stream), 0, 0);
    const std::size_t k = std::min(count - 1, static_cast<std::size_t>(u * static_cast<double>(count)));
    x.row(static_cast<Eigen::Index>(i)) = points_.row(static_cast<Eigen::Index>(k));
  }
  return x;
}

void PointCloud::evaluate(double a, double s, const Particles& X, Vector& log_sum, Particles* score) const {
  validate_perturbation(a, s);
  require(s > 0.0, "s", s, "> 0 for a point cloud (the law of a X_0 alone is discrete: it has no density)");
  validate_particles(X, dim());
  const Eigen::Index d = dim();
  const double inverse_two_var = 0.5 / (s * s);
  CloudWorkspace& ws = workspace;
  ws.difference.resize(points_.rows(), d);
  log_sum.resize(X.rows());
  if (score) score->resize(X.rows(), d);
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    ws.exponent.setZero(points_.rows());
    for (Eigen::Index j = 0; j < d; ++j) {
      ws.difference.col(j).array() = a * points_.col(j).array() - X(i, j);
      ws.exponent -= ws.difference.col(j).array().square();
    }
    ws.exponent *= inverse_two_var;
    const double top = ws.exponent.maxCoeff();
    ws.exponent = (ws.exponent - top).exp();
    const double total = ws.exponent.sum();
    log_sum(i) = top + std::log(total);
    if (score)
      for (Eigen::Index j = 0; j < d; ++j)
        (*score)(i, j) = (ws.exponent * ws.difference.col(j).array()).sum() / (total * s * s);
  }
}

void PointCloud::score(double a, double s, const Particles& X, Particles& out) const {
  Vector log_sum;
  evaluate(a, s, X, log_sum, &out);
}

Vector PointCloud::log_density(double a, double s, const Particles& X) const {
  Vector log_sum;
  evaluate(a, s, X, log_sum, nullptr);
  const double n = static_cast<double>(points_.rows()), d = static_cast<double>(dim());
  return log_sum.array() - std::log(n) - 0.5 * d * (kLogTwoPi + 2.0 * std::log(s));
}

Vector PointCloud::mean() const { return points_.colwise().mean().transpose(); }

Matrix PointCloud::covariance() const {
  // The law is the empirical measure itself, so its covariance divides by N.
  const Particles centred = points_.rowwise() - points_.colwise().mean();
  return centred.transpose() * centred / static_cast<double>(points_.rows());
}

TargetFigures PointCloud::figures() const {
  TargetFigures f;
  const Vector norms2 = points_.rowwise().squaredNorm();
  f.m2 = norms2.mean();
  f.support_radius = std::sqrt(norms2.maxCoeff());
  f.lipschitz = std::numeric_limits<double>::infinity();
  f.semiconvexity = std::numeric_limits<double>::infinity();
  f.kl_to_standard_gaussian = std::numeric_limits<double>::infinity();
  return f;
}

}  // namespace sgm
