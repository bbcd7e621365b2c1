#include "sgm/metric/wasserstein.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "sgm/base/error.hpp"
#include "sgm/base/parallel_blocks.hpp"
#include "sgm/numerics/constants.hpp"
#include "sgm/numerics/optimal_assignment.hpp"
#include "sgm/numerics/radix_sort.hpp"

namespace sgm {

namespace {

// W2 between the empirical laws of the samples whose sorted order keys are x[0, n) and y[0, m) (w2_1d's walk).
double w2_sorted_1d(const std::uint64_t* x, Eigen::Index n_x, const std::uint64_t* y, Eigen::Index n_y) {
  const double n = static_cast<double>(n_x), m = static_cast<double>(n_y);
  double sum = 0.0, u = 0.0;
  if (n_x == n_y) {
    // Equal sizes: both breakpoints coincide at every step, and the walk below reduces to this loop, operation for
    // operation; without its data-dependent branches the divisions overlap (a third of the time at 10^5).
    for (Eigen::Index i = 0; i < n_x; ++i) {
      const double next = static_cast<double>(i + 1) / n;
      const double diff = key_value(x[i]) - key_value(y[i]);
      sum += (next - u) * diff * diff;
      u = next;
    }
    return std::sqrt(sum);
  }
  Eigen::Index i = 0, j = 0;
  // Walk the merged quantile breakpoints: on (u, next) both quantile functions are constant.
  while (i < n_x && j < n_y) {
    const double next_x = static_cast<double>(i + 1) / n, next_y = static_cast<double>(j + 1) / m;
    const double next = std::min(next_x, next_y);
    const double diff = key_value(x[i]) - key_value(y[j]);
    sum += (next - u) * diff * diff;
    u = next;
    if (next_x <= next) ++i;
    if (next_y <= next) ++j;
  }
  return std::sqrt(sum);
}

// The sorted order keys of the sample x.
const std::uint64_t* sorted_keys(const Eigen::Ref<const Vector>& x, RadixSorter& sorter) {
  return sorter.sort(static_cast<std::size_t>(x.size()), [&x](std::size_t first, std::size_t count, double* out) {
    Eigen::Map<Vector>(out, static_cast<Eigen::Index>(count)) =
        x.segment(static_cast<Eigen::Index>(first), static_cast<Eigen::Index>(count));
  });
}

// The sorted order keys of the projection θ·X of the rows of X, projected block by block as the sort reads them:
// each block's product is Eigen's X * θ restricted to those rows, operation for operation (its matrix-vector kernel
// treats every row alike), so the keys are those of the whole product, which is never stored.
const std::uint64_t* sorted_projection_keys(const Particles& X, const Eigen::Ref<const Vector>& theta,
                                            RadixSorter& sorter) {
  return sorter.sort(static_cast<std::size_t>(X.rows()), [&](std::size_t first, std::size_t count, double* out) {
    Eigen::Map<Vector>(out, static_cast<Eigen::Index>(count)).noalias() =
        X.middleRows(static_cast<Eigen::Index>(first), static_cast<Eigen::Index>(count)) * theta;
  });
}

}  // namespace

double w2_1d(const Eigen::Ref<const Vector>& x, const Eigen::Ref<const Vector>& y) {
  require(x.size() >= 1, "x", static_cast<double>(x.size()), "a sample of size ≥ 1");
  require(y.size() >= 1, "y", static_cast<double>(y.size()), "a sample of size ≥ 1");
  RadixSorter x_sorter, y_sorter;
  return w2_sorted_1d(sorted_keys(x, x_sorter), x.size(), sorted_keys(y, y_sorter), y.size());
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

double w2_to_law_1d(const Eigen::Ref<const Vector>& x, const NormalMixture1d& law) {
  require(x.size() >= 1, "x", static_cast<double>(x.size()), "a sample of size ≥ 1");
  require_finite(x, "x");
  RadixSorter sorter;
  const std::uint64_t* sorted = sorted_keys(x, sorter);
  const Vector y = law.quantile_grid(x.size());
  double sum = 0.0;
  for (Eigen::Index i = 0; i < x.size(); ++i)
    sum += law.second_moment_about(key_value(sorted[i]), i == 0 ? -kInfinity : y(i - 1),
                                   i + 1 == x.size() ? kInfinity : y(i));
  return std::sqrt(sum);
}

Matrix uniform_directions(int d, std::size_t m, const CounterRng& rng) {
  Particles z(static_cast<Eigen::Index>(m), d);
  rng.fill_normal(z, 0, Stream::Projection);
  z.rowwise().normalize();
  return z.transpose();
}

std::vector<double> sliced_w2_terms(const std::vector<const Particles*>& samples, const Particles& Y,
                                    const Matrix& directions, std::size_t first, std::size_t last, unsigned threads) {
  for (const Particles* X : samples)
    require(X->cols() == Y.cols() && X->cols() == directions.rows(), "directions",
            "dimension mismatch: samples have " + std::to_string(X->cols()) + " and " + std::to_string(Y.cols()) +
                " columns, directions have " + std::to_string(directions.rows()) + " rows");
  require(directions.cols() >= 1, "projections", static_cast<double>(directions.cols()), "an integer ≥ 1");
  const auto m = static_cast<std::size_t>(directions.cols());
  require(first <= last && last <= m, "directions", [&] {
    return "first = " + std::to_string(first) + ", last = " + std::to_string(last) +
           " is out of range: must satisfy first ≤ last ≤ " + std::to_string(m) + " (the number of directions)";
  });
  const std::size_t count = last - first, per_direction = samples.size();
  std::vector<double> terms(count * per_direction);
  if (count == 0) return terms;
  // Block b takes the directions first + b, first + b + blocks, … with buffers of its own.
  const std::size_t blocks = std::min<std::size_t>(count, resolve_threads(threads));
  parallel_blocks(blocks, threads, [&](std::size_t b) {
    RadixSorter reference_sorter, sample_sorter;  // the sorts' buffers, allocated once per block
    for (std::size_t k = first + b; k < last; k += blocks) {
      const auto theta = directions.col(static_cast<Eigen::Index>(k));
      const std::uint64_t* reference = sorted_projection_keys(Y, theta, reference_sorter);
      for (std::size_t s = 0; s < per_direction; ++s) {
        const std::uint64_t* sample = sorted_projection_keys(*samples[s], theta, sample_sorter);
        const double w = w2_sorted_1d(sample, samples[s]->rows(), reference, Y.rows());
        terms[(k - first) * per_direction + s] = w * w;
      }
    }
  });
  return terms;
}

std::vector<double> sliced_w2_from_terms(const std::vector<double>& terms, std::size_t samples) {
  require(samples >= 1 && !terms.empty() && terms.size() % samples == 0, "terms", static_cast<double>(terms.size()),
          "a positive multiple of the number of samples, " + std::to_string(samples) + " (m directions × samples)");
  const std::size_t m = terms.size() / samples;
  std::vector<double> distances;
  for (std::size_t s = 0; s < samples; ++s) {
    double sum = 0.0;
    for (std::size_t k = 0; k < m; ++k) sum += terms[k * samples + s];
    distances.push_back(std::sqrt(sum / static_cast<double>(m)));
  }
  return distances;
}

std::vector<double> sliced_w2_to_reference(const std::vector<const Particles*>& samples, const Particles& Y,
                                           const Matrix& directions, unsigned threads) {
  if (samples.empty()) return {};
  const std::vector<double> terms =
      sliced_w2_terms(samples, Y, directions, 0, static_cast<std::size_t>(directions.cols()), threads);
  return sliced_w2_from_terms(terms, samples.size());
}

double sliced_w2(const Particles& X, const Particles& Y, const Matrix& directions) {
  return sliced_w2_to_reference({&X}, Y, directions, 1).front();
}

}  // namespace sgm
