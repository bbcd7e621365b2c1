#include "sgm/numerics/optimal_assignment.hpp"

#include <algorithm>
#include <limits>
#include <string>
#include <utility>

#include "sgm/base/cancellation.hpp"
#include "sgm/base/error.hpp"
#include "sgm/numerics/constants.hpp"

namespace sgm {

namespace {

constexpr Eigen::Index kNone = -1;

// The initialisation of Jonker & Volgenant (1987, §4): column reduction, reduction transfer and two passes of
// augmenting row reduction. It sets column potentials v and a partial matching in which every matched row i holds a
// column of least reduced cost C(i, j) - v_j; it returns the rows left free, for the shortest-path phase.
std::vector<Eigen::Index> initial_matching(const CostMatrix& c, Vector& v, std::vector<Eigen::Index>& column_of_row,
                                           std::vector<Eigen::Index>& row_of_column) {
  const Eigen::Index n = c.rows();
  std::vector<int> matches(n, 0);
  // Column reduction: v_j = min_i C(i, j); each column goes to its cheapest row unless that row already holds a
  // column of smaller v (scanning columns from last to first, as in the paper).
  for (Eigen::Index j = n - 1; j >= 0; --j) {
    Eigen::Index best = 0;
    v(j) = c.col(j).minCoeff(&best);
    if (++matches[best] == 1) {
      column_of_row[best] = j;
      row_of_column[j] = best;
    } else if (v(j) < v(column_of_row[best])) {
      row_of_column[column_of_row[best]] = kNone;
      column_of_row[best] = j;
      row_of_column[j] = best;
    }
  }
  // Reduction transfer: a row matched once hands the slack to its second-best column over to its own column.
  std::vector<Eigen::Index> free_rows;
  for (Eigen::Index i = 0; i < n; ++i) {
    if (matches[i] == 0) {
      free_rows.push_back(i);
    } else if (matches[i] == 1 && n > 1) {
      const Eigen::Index own = column_of_row[i];
      double second = kInfinity;
      for (Eigen::Index j = 0; j < n; ++j)
        if (j != own) second = std::min(second, c(i, j) - v(j));
      v(own) -= second;
    }
  }
  // Augmenting row reduction: a free row takes its least reduced-cost column, lowering that column's potential until
  // the row is indifferent to its second best, and the row it displaces is served next. Each step keeps every matched
  // row on a column of least reduced cost. Capped at 4n steps per pass (ties could otherwise bounce rows back and
  // forth); whatever is still free goes to the shortest-path phase, which is exact from any such start.
  for (int pass = 0; pass < 2; ++pass) {
    std::vector<Eigen::Index> queue;
    queue.swap(free_rows);
    std::size_t k = 0;
    for (Eigen::Index steps = 0; k < queue.size() && steps < 4 * n; ++steps) {
      const Eigen::Index i = queue[k++];
      double first = kInfinity, second = first;
      Eigen::Index j1 = 0, j2 = 0;
      for (Eigen::Index j = 0; j < n; ++j) {
        const double h = c(i, j) - v(j);
        if (h < second) {
          if (h >= first) {
            second = h;
            j2 = j;
          } else {
            second = first;
            j2 = j1;
            first = h;
            j1 = j;
          }
        }
      }
      Eigen::Index displaced = row_of_column[j1];
      if (first < second) {
        v(j1) -= second - first;
      } else if (displaced != kNone) {  // tie: take the second column instead, without a price change
        j1 = j2;
        displaced = row_of_column[j1];
      }
      column_of_row[i] = j1;
      row_of_column[j1] = i;
      if (displaced != kNone) {
        column_of_row[displaced] = kNone;
        if (first < second)
          queue[--k] = displaced;  // serve it now
        else
          free_rows.push_back(displaced);  // next pass
      }
    }
    free_rows.insert(free_rows.end(), queue.begin() + static_cast<std::ptrdiff_t>(k), queue.end());
  }
  return free_rows;
}

}  // namespace

Assignment optimal_assignment(const CostMatrix& cost) {
  require(cost.rows() >= 1, "cost", static_cast<double>(cost.rows()), "a matrix with at least 1 row");
  require(cost.rows() == cost.cols(), "cost",
          "is " + std::to_string(cost.rows()) + "×" + std::to_string(cost.cols()) + ": must be square");
  require_finite(cost, "cost");
  const Eigen::Index n = cost.rows();
  const CostMatrix& c = cost;

  Vector u(n), v(n);
  std::vector<Eigen::Index> column_of_row(n, kNone), row_of_column(n, kNone), path(n, kNone), remaining(n);
  Vector shortest(n);
  std::vector<Eigen::Index> rows_seen, columns_seen;
  const std::vector<Eigen::Index> free_rows = initial_matching(c, v, column_of_row, row_of_column);
  // Row potentials u_i = min_j (C(i, j) - v_j): dual feasible, and tight on every matched pair (the initial matching
  // gives each matched row a column of least reduced cost).
  for (Eigen::Index i = 0; i < n; ++i) u(i) = (c.row(i).transpose() - v).minCoeff();

  for (Eigen::Index start : free_rows) {
    poll_cancellation([&] { return "in the exact assignment (metric \"w2\") of " + std::to_string(n) + " points"; });
    // Crouse (2016) Algorithm 1: Dijkstra over reduced costs C(i, j) - u_i - v_j ≥ 0 from row `start` until a free
    // column (the sink) is reached; `reached` is the length of the shortest path found so far. The columns not yet
    // reached are kept packed in remaining[0, left) so that each scan touches only them.
    shortest.setConstant(kInfinity);
    for (Eigen::Index j = 0; j < n; ++j) remaining[j] = j;
    Eigen::Index left = n;
    rows_seen.clear();
    columns_seen.clear();
    double reached = 0.0;
    Eigen::Index i = start, sink = kNone;
    while (sink == kNone) {
      rows_seen.push_back(i);
      double lowest = kInfinity;
      Eigen::Index slot = kNone;
      const double* row = c.data() + i * n;
      const double base = reached - u(i);
      for (Eigen::Index k = 0; k < left; ++k) {
        const Eigen::Index j = remaining[k];
        const double r = base + row[j] - v(j);
        if (r < shortest(j)) {
          path[j] = i;
          shortest(j) = r;
        }
        // Ties go to a free column: it ends the search one row earlier.
        if (shortest(j) < lowest || (shortest(j) == lowest && row_of_column[j] == kNone)) {
          lowest = shortest(j);
          slot = k;
        }
      }
      reached = lowest;
      const Eigen::Index next = remaining[slot];
      remaining[slot] = remaining[--left];
      columns_seen.push_back(next);
      if (row_of_column[next] == kNone)
        sink = next;
      else
        i = row_of_column[next];
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
