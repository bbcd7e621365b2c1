#include "sgm/metric/nearest_neighbours.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "sgm/base/error.hpp"
#include "sgm/base/parallel_blocks.hpp"

namespace sgm {

namespace {

constexpr Eigen::Index kLeafSize = 16;

// The k smallest squared distances seen so far, ascending in a fixed array (k is small: 1 and 5 in the experiment).
class KBest {
public:
  explicit KBest(std::size_t k) : values_(k) {}
  void reset() { size_ = 0; }
  bool full() const { return size_ == values_.size(); }
  double largest() const { return values_[size_ - 1]; }
  void offer(double d2) {
    if (full() && d2 >= largest()) return;
    std::size_t i = full() ? size_ - 1 : size_++;
    for (; i > 0 && values_[i - 1] > d2; --i) values_[i] = values_[i - 1];
    values_[i] = d2;
  }

private:
  std::vector<double> values_;
  std::size_t size_ = 0;
};

class KdTree {
public:
  explicit KdTree(const Particles& points)
      : points_(points), dim_(points.cols()), order_(static_cast<std::size_t>(points.rows())) {
    std::iota(order_.begin(), order_.end(), 0);
    build(0, points.rows());
    // The points in the tree's order, each row contiguous: a leaf is one run of memory.
    coordinates_.resize(order_.size() * static_cast<std::size_t>(dim_));
    for (std::size_t i = 0; i < order_.size(); ++i)
      for (Eigen::Index a = 0; a < dim_; ++a)
        coordinates_[i * static_cast<std::size_t>(dim_) + a] = points_(order_[i], a);
  }

  // The points' indices in the tree's order: neighbouring positions are neighbouring points.
  const std::vector<Eigen::Index>& order() const { return order_; }

  // Squared distance from q (dim coordinates) to its k-th nearest point, skipping the point with index `skip` (-1:
  // none); `best` holds k.
  double kth_squared_distance(const double* q, Eigen::Index skip, KBest& best) const {
    best.reset();
    search(0, q, skip, best);
    return best.largest();
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

  void search(std::size_t id, const double* q, Eigen::Index skip, KBest& best) const {
    const Node& node = nodes_[id];
    if (node.axis < 0) {
      for (Eigen::Index i = node.begin; i < node.end; ++i) {
        if (order_[static_cast<std::size_t>(i)] == skip) continue;
        // |p - q|² summed coordinate by coordinate in order, as Eigen's squaredNorm of a matrix row does.
        const double* p = coordinates_.data() + static_cast<std::size_t>(i * dim_);
        double d2 = (p[0] - q[0]) * (p[0] - q[0]);
        for (Eigen::Index a = 1; a < dim_; ++a) d2 += (p[a] - q[a]) * (p[a] - q[a]);
        best.offer(d2);
      }
      return;
    }
    // Points left of the split have coordinate ≤ split, right of it ≥ split: visit the query's side first, then the
    // other side only if the slab between them can still hold a closer point.
    const double gap = q[node.axis] - node.split;
    const std::size_t near = gap < 0.0 ? node.left : node.right, far = gap < 0.0 ? node.right : node.left;
    search(near, q, skip, best);
    if (!best.full() || gap * gap < best.largest()) search(far, q, skip, best);
  }

  const Particles& points_;
  Eigen::Index dim_;
  std::vector<Eigen::Index> order_;
  std::vector<Node> nodes_;
  std::vector<double> coordinates_;
};

constexpr std::size_t kQueriesPerTask = 16384;

// distance(query(j)) = the k-th nearest distance from row query(j) of Q, j < count, skipping point skip(j) of the
// tree (-1: none), on `threads` threads.
template <class Query, class Skip>
void kth_distances(const KdTree& tree, const Particles& Q, std::size_t count, int k, unsigned threads, Query query,
                   Skip skip, Vector& distance) {
  parallel_ranges(count, kQueriesPerTask, threads, [&](std::size_t first, std::size_t length) {
    KBest best(static_cast<std::size_t>(k));
    Eigen::RowVectorXd q(Q.cols());
    for (std::size_t j = first; j < first + length; ++j) {
      const Eigen::Index i = query(j);
      q = Q.row(i);
      distance(i) = std::sqrt(tree.kth_squared_distance(q.data(), skip(i), best));
    }
  });
}

}  // namespace

Vector kth_neighbour_distances(const Particles& X, int k, unsigned threads) {
  require(k >= 1 && k <= X.rows() - 1, "k", k, "an integer in [1, n - 1] with n = " + std::to_string(X.rows()));
  require_finite(X, "X");
  const KdTree tree(X);
  Vector distance(X.rows());
  // Queries in the tree's order, so that consecutive searches walk the same nodes and leaves (in cache).
  kth_distances(
      tree, X, tree.order().size(), k, threads, [&tree](std::size_t j) { return tree.order()[j]; },
      [](Eigen::Index i) { return i; }, distance);
  return distance;
}

Vector kth_neighbour_distances(const Particles& points, const Particles& queries, int k, unsigned threads) {
  require(k >= 1 && k <= points.rows(), "k", k, "an integer in [1, n] with n = " + std::to_string(points.rows()));
  require(points.cols() == queries.cols(), "queries",
          "have dimension " + std::to_string(queries.cols()) + ": the points have dimension " +
              std::to_string(points.cols()));
  require_finite(points, "points");
  require_finite(queries, "queries");
  const KdTree tree(points);
  Vector distance(queries.rows());
  kth_distances(
      tree, queries, static_cast<std::size_t>(queries.rows()), k, threads,
      [](std::size_t j) { return static_cast<Eigen::Index>(j); }, [](Eigen::Index) { return Eigen::Index{-1}; },
      distance);
  return distance;
}

}  // namespace sgm
