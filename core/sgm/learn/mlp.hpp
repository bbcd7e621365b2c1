#pragma once
// A multilayer perceptron in float32 for the learned score (docs/theory.md §14): dense layers
//     h_0 = input,   h_l = silu(W_l h_{l-1} + b_l) (l < L),   output = W_L h_{L-1} + b_L,
// with silu(z) = z σ(z) (σ the logistic function; Elfwing, Uchibe, Doya 2018), smooth so that the learned score is
// smooth in x. Batched: a batch is a matrix with one column per sample. The parameters live in one flat float vector
// (layer by layer: W_l column-major, then b_l), so that the optimiser, the weight files and the gradient checks see
// one array. Forward and backward write only into a Workspace that the caller keeps: once it has the batch's size,
// a pass allocates nothing (tests/core/learn/mlp_test.cpp checks it under EIGEN_RUNTIME_NO_MALLOC).
#include <Eigen/Core>
#include <vector>

#include "sgm/base/rng.hpp"

namespace sgm {

using MatrixF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic>;  // column-major
using VectorF = Eigen::Matrix<float, Eigen::Dynamic, 1>;

class Mlp {
public:
  // sizes = {inputs, hidden widths…, outputs}: at least 2 entries, each in [1, kMaxWidth] (InvalidArgument naming
  // "network.widths" otherwise). All parameters start at 0.
  explicit Mlp(std::vector<int> sizes);
  static constexpr int kMaxWidth = 4096;

  // What a network of these sizes costs, per column of a batch, for the work budget (work_estimate.hpp): the
  // parameters (W_l and b_l of every layer), the floating-point operations of a forward pass (2 n_l n_{l+1} for each
  // product, about 20 for each hidden unit's SiLU: an exp and a division; a backward pass costs about twice as much)
  // and the floats a Workspace holds (z_l, h_l and ∂L/∂z_l of every layer).
  static double parameter_count(const std::vector<int>& sizes);
  static double forward_operations(const std::vector<int>& sizes);
  static double workspace_floats(const std::vector<int>& sizes);
  // Dense float32 matrix products run many more floating-point operations per second than the scalar double code
  // the budget's operation counts are calibrated on (1.5–3 × 10^8 per second): examples/ring-learned.json's network
  // did 2.2 × 10^10 of them in 3.0 s of CPU (7.5 × 10^9 per second, `sgm run` on the development machine). The budget
  // counts a network's floating-point operation as 1/25 of an operation: the slow end of that ratio, on the high side.
  static constexpr double kBudgetOperationsPerFlop = 1.0 / 25.0;

  const std::vector<int>& sizes() const { return sizes_; }
  int inputs() const { return sizes_.front(); }
  int outputs() const { return sizes_.back(); }
  int layers() const { return static_cast<int>(sizes_.size()) - 1; }

  VectorF& parameters() { return parameters_; }
  const VectorF& parameters() const { return parameters_; }
  // Layer l in [0, layers()): W_l (sizes[l+1] × sizes[l]) and b_l, as views into parameters().
  Eigen::Map<const MatrixF> weight(int l) const;
  Eigen::Map<const VectorF> bias(int l) const;
  Eigen::Index weight_offset(int l) const { return offsets_[l]; }
  Eigen::Index bias_offset(int l) const { return offsets_[l] + Eigen::Index(sizes_[l + 1]) * sizes_[l]; }

  // Glorot-uniform weights W_l ~ U(-√(6/(fan_in + fan_out)), +) (Glorot, Bengio 2010), biases 0; the last layer's
  // weights scaled by `last_layer_gain` (0 makes the network start at output 0). Draw j of layer l is
  // rng.uniform(j, l, stream, ·).
  void initialise(const CounterRng& rng, Stream stream, float last_layer_gain = 1.0f);

  struct Workspace {
    std::vector<MatrixF> pre;         // z_l = W_l h_{l-1} + b_l
    std::vector<MatrixF> activation;  // h_l = silu(z_l); the last one is the output
    std::vector<MatrixF> gradient;    // ∂L/∂z_l
  };

  // The output (outputs × B) for input (inputs × B); kept in the workspace until the next pass.
  const MatrixF& forward(const MatrixF& input, Workspace& ws) const;
  // After forward(input, ws): the gradient of L with respect to every parameter (same layout as parameters()), for
  // ∂L/∂output = output_gradient (outputs × B). Overwrites `gradient` (resized once to parameters().size()).
  void backward(const MatrixF& input, const MatrixF& output_gradient, Workspace& ws, VectorF& gradient) const;

private:
  Eigen::Map<MatrixF> weight_of(VectorF& flat, int l) const;
  Eigen::Map<VectorF> bias_of(VectorF& flat, int l) const;

  std::vector<int> sizes_;
  std::vector<Eigen::Index> offsets_;  // start of layer l's parameters
  VectorF parameters_;
};

}  // namespace sgm
