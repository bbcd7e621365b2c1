#include "sgm/target/point_cloud.hpp"

#include "sgm/base/registry.hpp"

#include <cmath>
#include <limits>

#include "sgm/base/error.hpp"

namespace sgm {

namespace {
Particles validated(Particles points) {
  require(points.rows() >= 1 && points.rows() <= 1000000, "points", static_cast<double>(points.rows()),
          "a list of 1 to 1000000 points (an empty cloud has no law)");
  require(points.cols() >= 1 && points.cols() <= 4096, "points",
          "have dimension " + std::to_string(points.cols()) + ": must have dimension in [1, 4096]");
  require_finite(points, "points");
  require_magnitude_at_most(points, kMaxLocation, "points");
  return points;
}
}  // namespace

// The kernel of (1/N) Σ_i N(a x_i, s² I): ln(1/N) for every point, the points as columns, zero variances.
PointCloud::PointCloud(Particles points, std::string name)
    : points_(validated(std::move(points))),
      name_(std::move(name)),
      kernel_(Vector::Constant(points_.rows(), -std::log(static_cast<double>(points_.rows()))), points_.transpose(),
              Vector::Zero(points_.rows())) {}

Particles PointCloud::sample_rows(std::size_t first, std::size_t count, const CounterRng& rng, Stream stream) const {
  const auto points = static_cast<std::size_t>(points_.rows());
  Particles x(static_cast<Eigen::Index>(count), points_.cols());
  for (std::size_t i = 0; i < count; ++i) {
    const double u = rng.uniform(static_cast<std::uint32_t>(first + i), 0, static_cast<std::uint32_t>(stream), 0, 0);
    const std::size_t k = std::min(points - 1, static_cast<std::size_t>(u * static_cast<double>(points)));
    x.row(static_cast<Eigen::Index>(i)) = points_.row(static_cast<Eigen::Index>(k));
  }
  return x;
}

void PointCloud::validate(double a, double s, const Particles& X) const {
  validate_perturbation(a, s);
  require(s > 0.0, "s", s, "> 0 for a point cloud (the law of a X_0 alone is discrete: it has no density)");
  validate_particles(X, dim());
}

void PointCloud::score(double a, double s, const Particles& X, Particles& out) const {
  validate(a, s, X);
  kernel_.score(a, s, X, out);
}

Vector PointCloud::log_density(double a, double s, const Particles& X) const {
  validate(a, s, X);
  return kernel_.log_density(a, s, X);
}

// Measured: the kernel is vectorised, about d + 2 operations per point.
ScoreCost PointCloud::score_cost() const { return {static_cast<double>(points_.rows()) * (dim() + 2.0), 0.0}; }

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

namespace sgm {
namespace {

[[gnu::cold]] bool register_point_cloud() {
  return Registry<Target>::add({
      "points",
      "empirical measure of the given points [[x, y, ...], ...], any dimension; perturbed law = mixture of N(a x_i, s² "
      "I)",
      "docs/theory.md §1, §9.8",
      {Parameter::of_type(ParameterType::Matrix, "points", "the points, one row each")},
      [](const Arguments& a, const Context&) { return std::make_shared<PointCloud>(a.matrix("points")); },
  });
}
const bool registered_point_cloud = register_point_cloud();

}  // namespace
}  // namespace sgm
