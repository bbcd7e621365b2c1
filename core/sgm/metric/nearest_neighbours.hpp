#pragma once
// Distances to the k-th nearest neighbour (Euclidean), for the k-NN divergence estimators (kl_estimate.hpp).
// A k-d tree (Friedman, Bentley & Finkel, "An algorithm for finding best matches in logarithmic expected time",
// ACM TOMS 3(3) 1977): median splits on the coordinate of largest spread, leaves of at most 16 points, branch and
// bound with the k best distances so far. O(n log n) to build, about O(log n) per query in low dimension.
// When not to use: in high dimension (d ≳ 10) the pruning fails and a query visits most points.
#include "sgm/base/types.hpp"

namespace sgm {

// For each row x_i of X: the distance to its k-th nearest neighbour among the other rows (the point itself, by
// index, is excluded; duplicates of it are not). Validates 1 ≤ k ≤ n - 1 and finite entries. The queries are shared
// out among `threads` threads (0 = all cores); each distance is the same whichever thread computes it.
Vector kth_neighbour_distances(const Particles& X, int k, unsigned threads = 1);

// For each row of `queries`: the distance to its k-th nearest row of `points`. Validates 1 ≤ k ≤ rows of points,
// equal dimensions and finite entries. Threads as above.
Vector kth_neighbour_distances(const Particles& points, const Particles& queries, int k, unsigned threads = 1);

}  // namespace sgm
