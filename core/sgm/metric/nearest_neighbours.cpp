#include "sgm/metric/nearest_neighbours.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <queue>
#include <string>
#include <vector>

#include "sgm/base/error.hpp"

namespace sgm {

namespace {

constexpr Eigen::Index kLeafSize = 16;

class KdTree {
public:
  explicit KdTree(const Particles& points) : points_(points), order_(static_cast<std::size_t>(points.rows())) {
    std::iota(order_.begin(), order_.end(), 0);
    build(0, points.rows());
  }

  // Squared distance from q to its k-th nearest point, skipping the point with index `skip` (-1: none).
  double kth_squared_distance(const Eigen::RowVectorXd& q, int k, Eigen::Index skip) const {
    std::priority_queue<double> best;  // the k smallest squared distances so far; top = the largest of them
    search(0, q, static_cast<std::size_t>(k), skip, best);
    return best.top();
  }

private:
  struct Node {
    Eigen::Index begin, end;  // points order_[begin, end)
    Eigen::Index axis = -1;   // -1: leaf
    double split = 0.0;
    std::size_t left = 0, right = 0;
  };

  std::size_t build(Eigen::Index begin, Eigen::Index end) {
    const std::size_t id = nodes_.size();
    nodes_.push_back({begin, end});
    if (end - begin <= kLeafSize) return id;
    // Split on the coordinate of largest spread, at the median.
    Eigen::Index axis = 0;
    double widest = -1.0;
    for (Eigen::Index a = 0; a < points_.cols(); ++a) {
      double lo = INFINITY, hi = -INFINITY;
      for (Eigen::Index i = begin; i < end; ++i) {
        const double x = points_(order_[static_cast<std::size_t>(i)], a);
        lo = std::min(lo, x);
        hi = std::max(hi, x);
      }
      if (hi - lo > widest) {
        widest = hi - lo;
        axis = a;
      }
    }
    const Eigen::Index middle = begin + (end - begin) / 2;
    auto first = order_.begin() + begin, nth = order_.begin() + middle, last = order_.begin() + end;
    std::nth_element(first, nth, last,
                     [&](Eigen::Index a, Eigen::Index b) { return points_(a, axis) < points_(b, axis); });
    const double split = points_(*nth, axis);
    const std::size_t left = build(begin, middle);
    const std::size_t right = build(middle, end);
    nodes_[id].axis = axis;
    nodes_[id].split = split;
    nodes_[id].left = left;
    nodes_[id].right = right;
    return id;
  }

  void search(std::size_t id, const Eigen::RowVectorXd& q, std::size_t k, Eigen::Index skip,
              std::priority_queue<double>& best) const {
    const Node& node = nodes_[id];
    if (node.axis < 0) {
      for (Eigen::Index i = node.begin; i < node.end; ++i) {
        const Eigen::Index p = order_[static_cast<std::size_t>(i)];
        if (p == skip) continue;
        const double d2 = (points_.row(p) - q).squaredNorm();
        if (best.size() < k)
          best.push(d2);
        else if (d2 < best.top()) {
          best.pop();
          best.push(d2);
        }
      }
      return;
    }
    // Points left of the split have coordinate ≤ split, right of it ≥ split: visit the query's side first, then the
    // other side only if the slab between them can still hold a closer point.
    const double gap = q(node.axis) - node.split;
    const std::size_t near = gap < 0.0 ? node.left : node.right, far = gap < 0.0 ? node.right : node.left;
    search(near, q, k, skip, best);
    if (best.size() < k || gap * gap < best.top()) search(far, q, k, skip, best);
  }

  const Particles& points_;
  std::vector<Eigen::Index> order_;
  std::vector<Node> nodes_;
};

}  // namespace

Vector kth_neighbour_distances(const Particles& X, int k) {
  require(k >= 1 && k <= X.rows() - 1, "k", k, "an integer in [1, n - 1] with n = " + std::to_string(X.rows()));
  require_finite(X, "X");
  const KdTree tree(X);
  Vector distance(X.rows());
  for (Eigen::Index i = 0; i < X.rows(); ++i) distance(i) = std::sqrt(tree.kth_squared_distance(X.row(i), k, i));
  return distance;
}

Vector kth_neighbour_distances(const Particles& points, const Particles& queries, int k) {
  require(k >= 1 && k <= points.rows(), "k", k, "an integer in [1, n] with n = " + std::to_string(points.rows()));
  require(points.cols() == queries.cols(), "queries",
          "have dimension " + std::to_string(queries.cols()) + ": the points have dimension " +
              std::to_string(points.cols()));
  require_finite(points, "points");
  require_finite(queries, "queries");
  const KdTree tree(points);
  Vector distance(queries.rows());
  for (Eigen::Index i = 0; i < queries.rows(); ++i)
    distance(i) = std::sqrt(tree.kth_squared_distance(queries.row(i), k, -1));
  return distance;
}

}  // namespace sgm
