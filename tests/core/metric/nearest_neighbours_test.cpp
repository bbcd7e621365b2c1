// k-th nearest-neighbour distances by the k-d tree against brute force (sort all distances).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "sgm/base/error.hpp"
#include "sgm/base/rng.hpp"
#include "sgm/metric/nearest_neighbours.hpp"
#include "support/test_support.hpp"

namespace {

using sgm::test::normal_particles;

// k-th smallest of |q - p_j| over the rows p_j of P, skipping row `skip`.
double brute_force(const sgm::Particles& P, const Eigen::RowVectorXd& q, int k, Eigen::Index skip) {
  std::vector<double> d;
  for (Eigen::Index j = 0; j < P.rows(); ++j)
    if (j != skip) d.push_back((P.row(j) - q).norm());
  std::nth_element(d.begin(), d.begin() + (k - 1), d.end());
  return d[static_cast<std::size_t>(k - 1)];
}

}  // namespace

TEST_CASE("k-th neighbour distances equal brute force (d = 1, 2, 3, 5; k = 1, 4, 20; with duplicate points)") {
  for (Eigen::Index d : {1, 2, 3, 5}) {
    sgm::Particles X = normal_particles(600, d, 3 + d);
    X.row(10) = X.row(11);              // a duplicate: distance 0 to it, the point itself excluded by index only
    X.bottomRows(100).array() *= 0.01;  // a dense cluster and a sparse cloud
    const sgm::Particles Q = 1.5 * normal_particles(200, d, 9 + d);
    for (int k : {1, 4, 20}) {
      const sgm::Vector within = sgm::kth_neighbour_distances(X, k);
      const sgm::Vector to = sgm::kth_neighbour_distances(X, Q, k);
      double worst = 0.0;
      for (Eigen::Index i = 0; i < X.rows(); ++i)
        worst = std::max(worst, std::abs(within(i) - brute_force(X, X.row(i), k, i)));
      for (Eigen::Index i = 0; i < Q.rows(); ++i)
        worst = std::max(worst, std::abs(to(i) - brute_force(X, Q.row(i), k, -1)));
      INFO("d = " << d << ", k = " << k);
      CHECK(worst == 0.0);  // same arithmetic on the same pairs: bit-identical
      if (k == 1) CHECK(within(10) == 0.0);
      for (unsigned threads : {0u, 2u, 3u}) {
        INFO("threads = " << threads);
        CHECK(sgm::kth_neighbour_distances(X, k, threads) == within);
        CHECK(sgm::kth_neighbour_distances(X, Q, k, threads) == to);
      }
    }
  }
}

TEST_CASE("k-th neighbour distances reject bad input with the parameter named") {
  const sgm::Particles X = normal_particles(5, 2, 1);
  CHECK_THROWS_WITH_AS(sgm::kth_neighbour_distances(X, 5),
                       "k = 5 is out of range: must be an integer in [1, n - 1] with n = 5", sgm::InvalidArgument);
  CHECK_THROWS_WITH_AS(sgm::kth_neighbour_distances(X, normal_particles(3, 1, 2), 1),
                       "queries: have dimension 1: the points have dimension 2", sgm::InvalidArgument);
  sgm::Particles bad = X;
  bad(2, 1) = NAN;
  CHECK_THROWS_WITH_AS(sgm::kth_neighbour_distances(bad, 1),
                       "X: must contain only finite numbers (got NaN or Infinity)", sgm::InvalidArgument);
}
