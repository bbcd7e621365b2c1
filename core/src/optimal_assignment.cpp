#include "sgm/optimal_assignment.hpp"

#include <algorithm>
#include <limits>
#include <string>
#include <utility>

#include "sgm/error.hpp"

namespace sgm {

Assignment optimal_assignment(const Matrix& cost) {
  require(cost.rows() >= 1, "cost", static_cast<double>(cost.rows()), "a matrix with at least 1 row");
  require(cost.rows() == cost.cols(), "cost",
          "is " + std::to_string(cost.rows()) + "×" + std::to_string(cost.cols()) + ": must be square");
  require(cost.allFinite(), "cost", "must contain only finite numbers (got NaN or Infinity)");
  const Eigen::Index n = cost.rows();
  // Row-major copy: the search scans one row of C at a time.
  const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> c = cost;
  constexpr double kInf = std::numeric_limits<double>::infinity();
  constexpr Eigen::Index kNone = -1;

  Vector u = Vector::Zero(n), v = Vector::Zero(n);
  std::vector<Eigen::Index> column_of_row(n, kNone), row_of_column(n, kNone), path(n, kNone);
  Vector shortest(n);
  std::vector<char> row_done(n), column_done(n);
  std::vector<Eigen::Index> rows_seen, columns_seen;

  for (Eigen::Index start = 0; start < n; ++start) {
    // Crouse (2016) Algorithm 1: Dijkstra over reduced costs C(i, j) - u_i - v_j ≥ 0 from row `start` until a free
    // column (the sink) is reached; `reached` is the length of the shortest path found so far.
    shortest.setConstant(kInf);
    std::fill(row_done.begin(), row_done.end(), 0);
    std::fill(column_done.begin(), column_done.end(), 0);
    rows_seen.clear();
    columns_seen.clear();
    double reached = 0.0;
    Eigen::Index i = start, sink = kNone;
    while (sink == kNone) {
      row_done[i] = 1;
      rows_seen.push_back(i);
      double lowest = kInf;
      Eigen::Index next = kNone;
      const double* row = c.data() + i * n;
      const double base = reached - u(i);
      for (Eigen::Index j = 0; j < n; ++j) {
        if (column_done[j]) continue;
        const double r = base + row[j] - v(j);
        if (r < shortest(j)) {
          path[j] = i;
          shortest(j) = r;
        }
        // Ties go to a free column: it ends the search one row earlier.
        if (shortest(j) < lowest || (shortest(j) == lowest && row_of_column[j] == kNone)) {
          lowest = shortest(j);
          next = j;
        }
      }
      reached = lowest;
      column_done[next] = 1;
      columns_seen.push_back(next);
      if (row_of_column[next] == kNone) sink = next;
      else i = row_of_column[next];
    }
    // Dual update keeps reduced costs non-negative and zero along the new matching.
    u(start) += reached;
    for (Eigen::Index r : rows_seen)
      if (r != start) u(r) += reached - shortest(column_of_row[r]);
    for (Eigen::Index j : columns_seen) v(j) -= reached - shortest(j);
    // Augment along the path back from the sink.
    for (Eigen::Index j = sink;;) {
      const Eigen::Index r = path[j];
      row_of_column[j] = r;
      std::swap(column_of_row[r], j);
      if (r == start) break;
    }
  }

  Assignment a;
  a.column_of_row = std::move(column_of_row);
  for (Eigen::Index r = 0; r < n; ++r) a.cost += c(r, a.column_of_row[r]);
  a.row_potential = std::move(u);
  a.column_potential = std::move(v);
  return a;
}

}  // namespace sgm
