#include "sgm/target/mixture_kernel.hpp"
#include "sgm/numerics/constants.hpp"

#include <cmath>
#include <limits>

namespace sgm {

namespace {
constexpr Eigen::Index L = IsotropicMixtureKernel::kLanes;

// Buffers reused across calls (one set per thread), so that the loops never allocate (docs/development.md, pitfall 9).
struct KernelWorkspace {
  Matrix centre;               // d × K: a μ_j
  Vector inverse_variance;     // 1 / c_j
  Vector log_normaliser;       // ln π_j - ½ d ln(2π c_j)
  std::vector<double> weight;  // K × L: ℓ_j, then exp(ℓ_j - max), then w_j (lane l of component j at j L + l)
  std::vector<double> x_tail;  // d × L: the last n mod L particles, zero-padded (lane l of coordinate k at k L + l)
};
thread_local KernelWorkspace kernel_workspace;

// Per-call coefficients: c_j = a² σ_j² + s², as a² Σ_j + s² I in the general path.
KernelWorkspace& prepare(double a, double s, const Vector& log_weights, const Matrix& means, const Vector& variances) {
  KernelWorkspace& ws = kernel_workspace;
  const Eigen::Index k = log_weights.size();
  const Eigen::Index d = means.rows();
  ws.centre.resize(d, k);
  ws.inverse_variance.resize(k);
  ws.log_normaliser.resize(k);
  ws.weight.resize(static_cast<std::size_t>(k * L));
  for (Eigen::Index j = 0; j < k; ++j) {
    const double c = a * a * variances(j) + s * s;
    ws.centre.col(j) = a * means.col(j);
    ws.inverse_variance(j) = 1.0 / c;
    ws.log_normaliser(j) = log_weights(j) - 0.5 * (d * std::log(c) + d * kLogTwoPi);
  }
  return ws;
}

// One block of L particles, coordinate k of lane l at x[k * stride + l]: leaves exp(ℓ_j - top) in ws.weight and returns
// per lane top = max_j ℓ_j and total = Σ_j exp(ℓ_j - top).
void block_softmax(KernelWorkspace& ws, const double* x, Eigen::Index stride, double* top, double* total) {
  const Eigen::Index k = ws.inverse_variance.size();
  const Eigen::Index d = ws.centre.rows();
  for (Eigen::Index l = 0; l < L; ++l) top[l] = -std::numeric_limits<double>::infinity();
  for (Eigen::Index j = 0; j < k; ++j) {
    double quad[L] = {};
    const double* centre = ws.centre.data() + j * d;
    for (Eigen::Index m = 0; m < d; ++m) {
      const double* xm = x + m * stride;
      for (Eigen::Index l = 0; l < L; ++l) {
        const double r = xm[l] - centre[m];
        quad[l] += r * r;
      }
    }
    double* logit = ws.weight.data() + j * L;
    const double norm = ws.log_normaliser(j);
    const double inverse = ws.inverse_variance(j);
    for (Eigen::Index l = 0; l < L; ++l) {
      logit[l] = norm - 0.5 * (quad[l] * inverse);
      top[l] = logit[l] > top[l] ? logit[l] : top[l];
    }
  }
  for (Eigen::Index l = 0; l < L; ++l) total[l] = 0.0;
  for (Eigen::Index j = 0; j < k; ++j) {
    double* w = ws.weight.data() + j * L;
    for (Eigen::Index l = 0; l < L; ++l) {
      w[l] = std::exp(w[l] - top[l]);
      total[l] += w[l];
    }
  }
}

// Calls block(x, stride, first, lanes) for every block of L rows of X; the last partial block goes through the
// zero-padded ws.x_tail, and only its first `lanes` lanes are meaningful.
template <class Block>
void for_each_block(const Particles& X, KernelWorkspace& ws, Block&& block) {
  const Eigen::Index n = X.rows();
  const Eigen::Index d = X.cols();
  Eigen::Index first = 0;
  for (; first + L <= n; first += L) block(X.data() + first, n, first, L);
  if (first == n) return;
  ws.x_tail.assign(static_cast<std::size_t>(d * L), 0.0);
  for (Eigen::Index m = 0; m < d; ++m)
    for (Eigen::Index l = 0; first + l < n; ++l) ws.x_tail[static_cast<std::size_t>(m * L + l)] = X(first + l, m);
  block(ws.x_tail.data(), L, first, n - first);
}
}  // namespace

bool all_isotropic(const std::vector<Matrix>& covariances) {
  for (const Matrix& c : covariances) {
    const double variance = c(0, 0);
    for (Eigen::Index i = 0; i < c.rows(); ++i)
      for (Eigen::Index j = 0; j < c.cols(); ++j)
        if (c(i, j) != (i == j ? variance : 0.0)) return false;
  }
  return true;
}

IsotropicMixtureKernel::IsotropicMixtureKernel(Vector log_weights, Matrix means, Vector variances)
    : log_weights_(std::move(log_weights)), means_(std::move(means)), variances_(std::move(variances)) {}

IsotropicMixtureKernel::IsotropicMixtureKernel(const std::vector<double>& weights, const std::vector<Vector>& means,
                                               const std::vector<Matrix>& covariances)
    : log_weights_(static_cast<Eigen::Index>(weights.size())),
      means_(means.front().size(), static_cast<Eigen::Index>(means.size())),
      variances_(static_cast<Eigen::Index>(covariances.size())) {
  for (std::size_t j = 0; j < weights.size(); ++j) {
    const auto column = static_cast<Eigen::Index>(j);
    log_weights_(column) = std::log(weights[j]);
    means_.col(column) = means[j];
    variances_(column) = covariances[j](0, 0);
  }
}

void IsotropicMixtureKernel::score(double a, double s, const Particles& X, Particles& out) const {
  KernelWorkspace& ws = prepare(a, s, log_weights_, means_, variances_);
  const Eigen::Index k = log_weights_.size();
  const Eigen::Index d = X.cols();
  out.resize(X.rows(), d);
  for_each_block(X, ws, [&](const double* x, Eigen::Index stride, Eigen::Index first, Eigen::Index lanes) {
    double top[L], total[L];
    block_softmax(ws, x, stride, top, total);
    for (Eigen::Index j = 0; j < k; ++j) {
      double* w = ws.weight.data() + j * L;
      for (Eigen::Index l = 0; l < L; ++l) w[l] /= total[l];
    }
    for (Eigen::Index m = 0; m < d; ++m) {
      const double* xm = x + m * stride;
      double sum[L] = {};
      for (Eigen::Index j = 0; j < k; ++j) {
        const double* w = ws.weight.data() + j * L;
        const double centre = ws.centre(m, j);
        const double inverse = ws.inverse_variance(j);
        for (Eigen::Index l = 0; l < L; ++l) sum[l] -= ((xm[l] - centre) * inverse) * w[l];
      }
      for (Eigen::Index l = 0; l < lanes; ++l) out(first + l, m) = sum[l];
    }
  });
}

Vector IsotropicMixtureKernel::log_density(double a, double s, const Particles& X) const {
  KernelWorkspace& ws = prepare(a, s, log_weights_, means_, variances_);
  Vector result(X.rows());
  for_each_block(X, ws, [&](const double* x, Eigen::Index stride, Eigen::Index first, Eigen::Index lanes) {
    double top[L], total[L];
    block_softmax(ws, x, stride, top, total);
    for (Eigen::Index l = 0; l < lanes; ++l) result(first + l) = top[l] + std::log(total[l]);
  });
  return result;
}

}  // namespace sgm
