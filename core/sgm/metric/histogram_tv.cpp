#include "sgm/metric/histogram_tv.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "sgm/base/error.hpp"

namespace sgm {

namespace {

constexpr int kSubdivisions = 8;  // sub-intervals per bin and axis for the bin masses

// One axis of the histogram: m equal bins over [lo, lo + m h], and the 2-point Gauss–Legendre nodes of its
// sub-intervals (node k lies in bin k / (2 kSubdivisions); every node has weight h / (2 kSubdivisions)).
struct Axis {
  double lo, width;
  int bins;
  Vector nodes;
  double weight;

  Axis(const Vector& x, int m) : bins(m) {
    lo = x.minCoeff();
    double hi = x.maxCoeff();
    if (hi == lo) {  // all points equal on this axis: a bin of width 1 around them
      lo -= 0.5;
      hi += 0.5;
    }
    width = (hi - lo) / m;
    const double sub = width / kSubdivisions, offset = sub / (2.0 * std::sqrt(3.0));
    nodes.resize(2 * kSubdivisions * m);
    for (int k = 0; k < kSubdivisions * m; ++k) {
      const double centre = lo + (k + 0.5) * sub;
      nodes(2 * k) = centre - offset;
      nodes(2 * k + 1) = centre + offset;
    }
    weight = 0.5 * sub;
  }

  int bin_of(double x) const { return std::min(bins - 1, static_cast<int>((x - lo) / width)); }
};

}  // namespace

double tv_histogram(const Particles& X, const LogDensity& log_density) {
  const Eigen::Index n = X.rows(), d = X.cols();
  require(d == 1 || d == 2, "dimension", static_cast<double>(d), "1 or 2 for the histogram TV estimate");
  require(n >= 1, "X", static_cast<double>(n), "a sample of size ≥ 1");
  require_finite(X, "X");
  // m = ⌈n^{1/(d+2)}⌉: the smallest m with m^{d+2} ≥ n, in integers.
  int m = 1;
  while (std::pow(static_cast<double>(m), static_cast<double>(d + 2)) < static_cast<double>(n)) ++m;

  std::vector<Axis> axes;
  for (Eigen::Index a = 0; a < d; ++a) axes.emplace_back(X.col(a), m);
  const int bins = d == 1 ? m : m * m;
  Vector sample_mass = Vector::Zero(bins);
  for (Eigen::Index i = 0; i < n; ++i) {
    int b = axes[0].bin_of(X(i, 0));
    if (d == 2) b = b * m + axes[1].bin_of(X(i, 1));
    sample_mass(b) += 1.0 / static_cast<double>(n);
  }

  // Q(b) by tensor-product quadrature: all nodes in one batch for the density.
  const Eigen::Index per_axis = axes[0].nodes.size();
  const Eigen::Index total = d == 1 ? per_axis : per_axis * per_axis;
  Particles nodes(total, d);
  for (Eigen::Index k = 0; k < total; ++k) {
    nodes(k, 0) = axes[0].nodes(d == 1 ? k : k / per_axis);
    if (d == 2) nodes(k, 1) = axes[1].nodes(k % per_axis);
  }
  const Vector log_q = log_density(nodes);
  require(log_q.size() == total, "log_density",
          "returned " + std::to_string(log_q.size()) + " values for " + std::to_string(total) + " points");
  require(!log_q.array().isNaN().any() && (log_q.array() < INFINITY).all(), "log_density",
          "must be finite or -Infinity at every quadrature node (got NaN or +Infinity)");
  const double node_weight = d == 1 ? axes[0].weight : axes[0].weight * axes[1].weight;
  const int nodes_per_bin = 2 * kSubdivisions;
  Vector law_mass = Vector::Zero(bins);
  for (Eigen::Index k = 0; k < total; ++k) {
    const int bx = static_cast<int>((d == 1 ? k : k / per_axis) / nodes_per_bin);
    const int b = d == 1 ? bx : bx * m + static_cast<int>((k % per_axis) / nodes_per_bin);
    law_mass(b) += node_weight * std::exp(log_q(k));
  }
  const double outside = std::max(0.0, 1.0 - law_mass.sum());  // ≥ 0 exactly; quadrature can overshoot by ~1e-12
  return 0.5 * ((sample_mass - law_mass).cwiseAbs().sum() + outside);
}

}  // namespace sgm
