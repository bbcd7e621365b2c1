#include "sgm/learn/mlp.hpp"

#include <cmath>
#include <string>

#include "sgm/base/error.hpp"

namespace sgm {

Mlp::Mlp(std::vector<int> sizes) : sizes_(std::move(sizes)) {
  require(sizes_.size() >= 2, "network.widths",
          "needs an input and an output size, got " + std::to_string(sizes_.size()) + " size(s)");
  Eigen::Index total = 0;
  for (std::size_t l = 0; l < sizes_.size(); ++l) {
    require(sizes_[l] >= 1 && sizes_[l] <= kMaxWidth, "network.widths[" + std::to_string(l) + "]", sizes_[l],
            "an integer in [1, " + std::to_string(kMaxWidth) + "]");
    if (l + 1 < sizes_.size()) {
      offsets_.push_back(total);
      total += Eigen::Index(sizes_[l + 1]) * (sizes_[l] + 1);
    }
  }
  parameters_ = VectorF::Zero(total);
}

double Mlp::parameter_count(const std::vector<int>& sizes) {
  double count = 0.0;
  for (std::size_t l = 0; l + 1 < sizes.size(); ++l) count += double(sizes[l + 1]) * (sizes[l] + 1);
  return count;
}

double Mlp::forward_operations(const std::vector<int>& sizes) {
  double operations = 0.0;
  for (std::size_t l = 0; l + 1 < sizes.size(); ++l)
    operations += 2.0 * sizes[l] * sizes[l + 1] + (l + 2 < sizes.size() ? 20.0 * sizes[l + 1] : 0.0);
  return operations;
}

double Mlp::workspace_floats(const std::vector<int>& sizes) {
  double floats = 0.0;
  for (std::size_t l = 1; l < sizes.size(); ++l) floats += 3.0 * sizes[l];
  return floats;
}

Eigen::Map<const MatrixF> Mlp::weight(int l) const {
  return {parameters_.data() + weight_offset(l), sizes_[l + 1], sizes_[l]};
}
Eigen::Map<const VectorF> Mlp::bias(int l) const { return {parameters_.data() + bias_offset(l), sizes_[l + 1]}; }
Eigen::Map<MatrixF> Mlp::weight_of(VectorF& flat, int l) const {
  return {flat.data() + weight_offset(l), sizes_[l + 1], sizes_[l]};
}
Eigen::Map<VectorF> Mlp::bias_of(VectorF& flat, int l) const { return {flat.data() + bias_offset(l), sizes_[l + 1]}; }

void Mlp::initialise(const CounterRng& rng, Stream stream, float last_layer_gain) {
  parameters_.setZero();
  for (int l = 0; l < layers(); ++l) {
    const double limit = std::sqrt(6.0 / (sizes_[l] + sizes_[l + 1])) * (l + 1 == layers() ? last_layer_gain : 1.0f);
    Eigen::Map<MatrixF> w = weight_of(parameters_, l);
    for (Eigen::Index j = 0; j < w.size(); ++j)
      w.data()[j] =
          static_cast<float>(limit * (2.0 * rng.uniform(static_cast<std::uint32_t>(j), static_cast<std::uint32_t>(l),
                                                        static_cast<std::uint32_t>(stream), 0, 0) -
                                      1.0));
  }
}

const MatrixF& Mlp::forward(const MatrixF& input, Workspace& ws) const {
  require(input.rows() == inputs(), "network input rows", static_cast<double>(input.rows()),
          "the network's input size " + std::to_string(inputs()));
  const int L = layers();
  ws.pre.resize(L);
  ws.activation.resize(L);
  ws.gradient.resize(L);
  for (int l = 0; l < L; ++l) {
    const MatrixF& h = l == 0 ? input : ws.activation[l - 1];
    MatrixF& z = ws.pre[l];
    z.resize(sizes_[l + 1], input.cols());  // no-op once the batch size is set
    z.noalias() = weight(l) * h;
    z.colwise() += bias(l);
    MatrixF& a = ws.activation[l];
    a.resize(z.rows(), z.cols());
    if (l + 1 < L)
      a.array() = z.array() / (1.0f + (-z.array()).exp());  // silu(z) = z σ(z)
    else
      a = z;
  }
  return ws.activation.back();
}

void Mlp::backward(const MatrixF& input, const MatrixF& output_gradient, Workspace& ws, VectorF& gradient) const {
  const int L = layers();
  require(static_cast<int>(ws.pre.size()) == L && output_gradient.rows() == outputs() &&
              output_gradient.cols() == ws.pre.back().cols(),
          "network backward", "needs a forward pass on the same batch first");
  gradient.resize(parameters_.size());
  ws.gradient[L - 1] = output_gradient;
  for (int l = L - 1; l >= 0; --l) {
    const MatrixF& g = ws.gradient[l];
    const MatrixF& h = l == 0 ? input : ws.activation[l - 1];
    weight_of(gradient, l).noalias() = g * h.transpose();
    bias_of(gradient, l) = g.rowwise().sum();
    if (l == 0) break;
    // ∂L/∂z_{l-1} = (W_lᵀ g) ⊙ silu'(z_{l-1}),  silu'(z) = σ(z) (1 + z (1 - σ(z))).
    MatrixF& below = ws.gradient[l - 1];
    below.resize(sizes_[l], g.cols());
    below.noalias() = weight(l).transpose() * g;
    const auto z = ws.pre[l - 1].array();
    const auto sigmoid = 1.0f / (1.0f + (-z).exp());
    below.array() *= sigmoid * (1.0f + z * (1.0f - sigmoid));
  }
}

}  // namespace sgm
