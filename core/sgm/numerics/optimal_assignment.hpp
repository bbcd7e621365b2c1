#pragma once
// The linear assignment problem: given an n × n cost matrix C, the permutation σ minimising Σ_i C(i, σ(i)).
//
// Algorithm: shortest augmenting paths with dual potentials (Jonker & Volgenant, "A shortest augmenting path algorithm
// for dense and sparse linear assignment problems", Computing 38 (1987) 325–340), in the form of Crouse, "On
// implementing 2D rectangular assignment algorithms", IEEE Trans. Aerosp. Electron. Syst. 52(4) (2016), Algorithm 1
// (the one SciPy's linear_sum_assignment uses). One Dijkstra-like search per row: O(n³) time in the worst case,
// O(n²) memory for the cost matrix.
//
// The result carries the dual potentials (u, v): u_i + v_j ≤ C(i, j) for every pair with equality on the assignment,
// so Σu + Σv = cost certifies optimality (LP duality) without trusting the search.
//
// When not to use: for n beyond a few thousand (O(n³)); in 1-D, sorting gives the optimal coupling for convex costs.
#include <vector>

#include "sgm/base/types.hpp"

namespace sgm {

// Costs row by row (the search scans one row at a time); a column-major Matrix converts to it by a copy.
using CostMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct Assignment {
  std::vector<Eigen::Index> column_of_row;  // σ(i)
  double cost = 0.0;                        // Σ_i C(i, σ(i)), summed from C itself
  Vector row_potential;                     // u
  Vector column_potential;                  // v
};

// Throws InvalidArgument when C is empty, not square or not finite.
Assignment optimal_assignment(const CostMatrix& cost);

}  // namespace sgm
