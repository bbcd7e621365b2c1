#include "sgm/metric/energy_distance.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "sgm/base/error.hpp"

namespace sgm {

namespace {

// Σ_{i<j} |z_i - z_j| for 1-D values, by sorting.
double pairwise_sum_1d(std::vector<double> z) {
  std::sort(z.begin(), z.end());
  const double N = static_cast<double>(z.size());
  double sum = 0.0;
  for (std::size_t k = 0; k < z.size(); ++k) sum += (2.0 * static_cast<double>(k) - N + 1.0) * z[k];
  return sum;
}

struct Sums {
  double within_x = 0.0, within_y = 0.0,
         cross = 0.0;  // Σ_{i<i'} |x_i - x_i'|, Σ_{j<j'} |y_j - y_j'|, Σ_{i,j} |x_i - y_j|
};

// Σ |a_i - b_j| over the columns (points) of A and B: over i < j when `same`, over all pairs otherwise.
double pairwise_sum(const Matrix& A, const Matrix& B, bool same) {
  double total = 0.0;
  for (Eigen::Index i = 0; i < A.cols(); ++i) {
    double row = 0.0;
    for (Eigen::Index j = same ? i + 1 : 0; j < B.cols(); ++j) row += (A.col(i) - B.col(j)).norm();
    total += row;
  }
  return total;
}

Sums distance_sums(const Particles& X, const Particles& Y) {
  require(X.rows() >= 1, "X", static_cast<double>(X.rows()), "a sample of size ≥ 1");
  require(Y.rows() >= 1, "Y", static_cast<double>(Y.rows()), "a sample of size ≥ 1");
  require(X.cols() == Y.cols(), "Y",
          "has dimension " + std::to_string(Y.cols()) + ": must have the dimension of X, " + std::to_string(X.cols()));
  require(X.allFinite() && Y.allFinite(), "X", "and Y must contain only finite numbers (got NaN or Infinity)");
  Sums s;
  if (X.cols() == 1) {
    std::vector<double> x(X.data(), X.data() + X.rows()), y(Y.data(), Y.data() + Y.rows()), all = x;
    all.insert(all.end(), y.begin(), y.end());
    s.within_x = pairwise_sum_1d(x);
    s.within_y = pairwise_sum_1d(y);
    s.cross = pairwise_sum_1d(all) - s.within_x - s.within_y;  // pairs of the union split into x-x, y-y and x-y
    return s;
  }
  const Matrix A = X.transpose(), B = Y.transpose();
  s.within_x = pairwise_sum(A, A, true);
  s.within_y = pairwise_sum(B, B, true);
  s.cross = pairwise_sum(A, B, false);
  return s;
}

}  // namespace

double energy_distance(const Particles& X, const Particles& Y) {
  const Sums s = distance_sums(X, Y);
  const double n = static_cast<double>(X.rows()), m = static_cast<double>(Y.rows());
  const double squared = 2.0 * s.cross / (n * m) - 2.0 * s.within_x / (n * n) - 2.0 * s.within_y / (m * m);
  return std::sqrt(std::max(squared, 0.0));  // ℰ_V ≥ 0 exactly (ℰ of two empirical laws); rounding can leave -1e-16
}

double squared_energy_distance_unbiased(const Particles& X, const Particles& Y) {
  require(X.rows() >= 2, "X", static_cast<double>(X.rows()), "a sample of size ≥ 2");
  require(Y.rows() >= 2, "Y", static_cast<double>(Y.rows()), "a sample of size ≥ 2");
  const Sums s = distance_sums(X, Y);
  const double n = static_cast<double>(X.rows()), m = static_cast<double>(Y.rows());
  return 2.0 * s.cross / (n * m) - 2.0 * s.within_x / (n * (n - 1.0)) - 2.0 * s.within_y / (m * (m - 1.0));
}

}  // namespace sgm
