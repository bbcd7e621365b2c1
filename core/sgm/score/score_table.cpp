#include "sgm/score/score_table.hpp"

#include <algorithm>
#include <cmath>

namespace sgm {

ScoreTable tabulate_score(const ScalarLaw& law, double a, double s, std::size_t max_nodes) {
  const auto cap = static_cast<int>(std::min<std::size_t>(max_nodes, ScoreTable::kMaxNodes));
  const double reach = a * (std::abs(law.mean()) + 10.0 * std::sqrt(law.variance())) + 8.0 * s;
  ScoreTable table;
  Vector nodes, scores;
  for (int n = ScoreTable::kMinNodes;; n = 2 * n - 1) {
    const double h = 2.0 * reach / (n - 1);
    nodes = Vector::LinSpaced(n, -reach, reach);
    scores.resize(n);
    law.score(a, s, nodes, scores);
    // The even nodes' cubic at each odd node (score_table.hpp): its miss / 16 estimates the error at spacing h.
    double estimate = 0.0;
    for (int j = 3; j + 3 < n; j += 2) {
      const double predicted = (-scores(j - 3) + 9.0 * scores(j - 1) + 9.0 * scores(j + 1) - scores(j + 3)) / 16.0;
      estimate = std::max(estimate, std::abs(predicted - scores(j)) / 16.0 / std::max(std::abs(scores(j)), 1.0));
    }
    if (estimate <= ScoreTable::kTolerance || 2 * n - 1 > cap) {
      table.lo = -reach;
      table.spacing = h;
      table.values.resize(static_cast<std::size_t>(n));
      for (int j = 0; j < n; ++j) table.values[static_cast<std::size_t>(j)] = static_cast<float>(scores(j));
      table.estimated_error = estimate;
      return table;
    }
  }
}

}  // namespace sgm
