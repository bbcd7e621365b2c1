#include "sgm/learn/score_network.hpp"

#include <algorithm>
#include <cmath>

#include "sgm/base/error.hpp"
#include "sgm/numerics/constants.hpp"

namespace sgm {

namespace {
constexpr Eigen::Index kChunk = 2048;  // points per network pass when scoring a batch: bounded workspace
}  // namespace

ScoreNetwork::ScoreNetwork(std::shared_ptr<const Process> process, Mlp mlp, ScorePreconditioning preconditioning,
                           int frequencies)
    : process_(std::move(process)),
      mlp_(std::move(mlp)),
      preconditioning_(std::move(preconditioning)),
      frequencies_(frequencies) {
  require(process_ != nullptr, "process", "is missing: a learned score needs the process it was trained for");
  const Eigen::Index d = preconditioning_.mean.size();
  require(d >= 1, "preconditioning.mean", "must have one entry per coordinate, got none");
  require(preconditioning_.variance.size() == d, "preconditioning.variance",
          "must have " + std::to_string(d) + " entries (one per coordinate), got " +
              std::to_string(preconditioning_.variance.size()));
  require(preconditioning_.mean.allFinite(), "preconditioning.mean", "must be finite");
  require(preconditioning_.variance.allFinite() && (preconditioning_.variance.array() > 0.0).all(),
          "preconditioning.variance", "must be finite and > 0");
  require(frequencies_ >= 0 && frequencies_ <= kMaxFrequencies, "network.frequencies", frequencies_,
          "an integer in [0, " + std::to_string(kMaxFrequencies) + "]");
  const int inputs = input_size(static_cast<int>(d), frequencies_);
  require(mlp_.inputs() == inputs, "network.widths[0]", mlp_.inputs(),
          "the input size d + 1 + 2K = " + std::to_string(inputs) + " (d = " + std::to_string(d) +
              ", K = " + std::to_string(frequencies_) + " frequencies)");
  require(mlp_.outputs() == d, "network.widths[last]", mlp_.outputs(), "the dimension d = " + std::to_string(d));
}

void ScoreNetwork::network_input(const Vector& a, const Vector& sigma, const Particles& X, MatrixF& input) const {
  const Eigen::Index n = X.rows(), d = dim();
  input.resize(input_size(static_cast<int>(d), frequencies_), n);
  const Vector& m = preconditioning_.mean;
  const Vector& v = preconditioning_.variance;
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < d; ++j)
      input(j, i) = static_cast<float>((X(i, j) - a(i) * m(j)) / std::sqrt(a(i) * a(i) * v(j) + sigma(i) * sigma(i)));
    const double u = std::log(sigma(i)) / 4.0;  // EDM's c_noise
    input(d, i) = static_cast<float>(u);
    for (int k = 0; k < frequencies_; ++k) {
      const double angle = kPi * std::ldexp(u, k);
      input(d + 1 + 2 * k, i) = static_cast<float>(std::sin(angle));
      input(d + 2 + 2 * k, i) = static_cast<float>(std::cos(angle));
    }
  }
}

void ScoreNetwork::scaled_gaussian_part(const Vector& a, const Vector& sigma, const Particles& X, MatrixF& out) const {
  const Eigen::Index n = X.rows(), d = dim();
  out.resize(d, n);
  const Vector& m = preconditioning_.mean;
  const Vector& v = preconditioning_.variance;
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < d; ++j)
      out(j, i) = static_cast<float>(-sigma(i) * (X(i, j) - a(i) * m(j)) / (a(i) * a(i) * v(j) + sigma(i) * sigma(i)));
}

ScoreCost ScoreNetwork::cost() const {
  const double d = dim(), inputs = mlp_.inputs();
  return {20.0 * d + 40.0 * (1.0 + 2.0 * frequencies_) +
              Mlp::kBudgetOperationsPerFlop * Mlp::forward_operations(mlp_.sizes()),
          0.0,
          static_cast<double>(kChunk) *
              ((Mlp::workspace_floats(mlp_.sizes()) + inputs + d) * sizeof(float) + d * sizeof(double))};
}

void ScoreNetwork::score(double t, const Particles& X, Particles& out) const {
  require(X.cols() == dim(), "particles", static_cast<double>(X.cols()),
          "the dimension " + std::to_string(dim()) + " of the learned score");
  const double a = process_->mean_coeff(t), sigma = process_->std(t);
  require(sigma > 0.0, "t", t, "a time with σ(t) > 0 (the learned score divides by σ)");
  out.resize(X.rows(), X.cols());
  thread_local Mlp::Workspace ws;
  thread_local MatrixF input, gaussian;
  thread_local Particles chunk;
  for (Eigen::Index start = 0; start < X.rows(); start += kChunk) {
    const Eigen::Index n = std::min(kChunk, X.rows() - start);
    chunk = X.middleRows(start, n);
    const Vector av = Vector::Constant(n, a), sv = Vector::Constant(n, sigma);
    network_input(av, sv, chunk, input);
    scaled_gaussian_part(av, sv, chunk, gaussian);
    const MatrixF& f = mlp_.forward(input, ws);
    // s_θ = g + F_θ/σ = (σ g + F_θ)/σ.
    out.middleRows(start, n) = ((gaussian + f).transpose().cast<double>()) / sigma;
  }
}

}  // namespace sgm
