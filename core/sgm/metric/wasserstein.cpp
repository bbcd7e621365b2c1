#include "sgm/metric/wasserstein.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "sgm/base/error.hpp"
#include "sgm/numerics/constants.hpp"
#include "sgm/numerics/optimal_assignment.hpp"

namespace sgm {

double w2_1d(Vector x, Vector y) {
  require(x.size() >= 1, "x", static_cast<double>(x.size()), "a sample of size ≥ 1");
  require(y.size() >= 1, "y", static_cast<double>(y.size()), "a sample of size ≥ 1");
  std::sort(x.data(), x.data() + x.size());
  std::sort(y.data(), y.data() + y.size());
  const double n = static_cast<double>(x.size()), m = static_cast<double>(y.size());
  double sum = 0.0, u = 0.0;
  Eigen::Index i = 0, j = 0;
  // Walk the merged quantile breakpoints: on (u, next) both quantile functions are constant.
  while (i < x.size() && j < y.size()) {
    const double next_x = static_cast<double>(i + 1) / n, next_y = static_cast<double>(j + 1) / m;
    const double next = std::min(next_x, next_y);
    const double diff = x(i) - y(j);
    sum += (next - u) * diff * diff;
    u = next;
    if (next_x <= next) ++i;
    if (next_y <= next) ++j;
  }
  return std::sqrt(sum);
}

double w2(const Particles& X, const Particles& Y) {
  require(X.rows() >= 1, "X", static_cast<double>(X.rows()), "a sample of size ≥ 1");
  require(X.rows() == Y.rows() && X.cols() == Y.cols(), "Y",
          "is " + std::to_string(Y.rows()) + "×" + std::to_string(Y.cols()) + ": must have the shape of X, " +
              std::to_string(X.rows()) + "×" + std::to_string(X.cols()) + " (equal sizes)");
  // Cost |x_i - y_j|^2 summed coordinate by coordinate (not |x|^2 + |y|^2 - 2x·y, which cancels far from 0).
  const Eigen::Index n = X.rows();
  CostMatrix cost = CostMatrix::Zero(n, n);
  for (Eigen::Index k = 0; k < X.cols(); ++k)
    cost.array() += (X.col(k).replicate(1, n).rowwise() - Y.col(k).transpose()).array().square();
  return std::sqrt(optimal_assignment(cost).cost / static_cast<double>(X.rows()));
}

double w2_to_law_1d(Vector x, const NormalMixture1d& law) {
  require(x.size() >= 1, "x", static_cast<double>(x.size()), "a sample of size ≥ 1");
  require_finite(x, "x");
  std::sort(x.data(), x.data() + x.size());
  const Vector y = law.quantile_grid(x.size());
  double sum = 0.0;
  for (Eigen::Index i = 0; i < x.size(); ++i)
    sum += law.second_moment_about(x(i), i == 0 ? -kInfinity : y(i - 1), i + 1 == x.size() ? kInfinity : y(i));
  return std::sqrt(sum);
}

Matrix uniform_directions(int d, std::size_t m, const CounterRng& rng) {
  Particles z(static_cast<Eigen::Index>(m), d);
  rng.fill_normal(z, 0, Stream::Projection);
  z.rowwise().normalize();
  return z.transpose();
}

double sliced_w2(const Particles& X, const Particles& Y, const Matrix& directions) {
  require(X.cols() == Y.cols() && X.cols() == directions.rows(), "directions",
          "dimension mismatch: samples have " + std::to_string(X.cols()) + " and " + std::to_string(Y.cols()) +
              " columns, directions have " + std::to_string(directions.rows()) + " rows");
  require(directions.cols() >= 1, "projections", static_cast<double>(directions.cols()), "an integer ≥ 1");
  double sum = 0.0;
  for (Eigen::Index k = 0; k < directions.cols(); ++k) {
    const double w = w2_1d(X * directions.col(k), Y * directions.col(k));
    sum += w * w;
  }
  return std::sqrt(sum / static_cast<double>(directions.cols()));
}

}  // namespace sgm
