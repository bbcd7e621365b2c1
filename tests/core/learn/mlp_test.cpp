// The float32 MLP (mlp.hpp): back-propagated gradients against central finite differences for every parameter of
// every layer, and passes without allocation once the workspace has the batch's size.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "sgm/base/error.hpp"
#include "sgm/learn/mlp.hpp"

namespace {

using namespace sgm;

// Random parameters (weights and biases, all layers) and inputs from a fixed seed.
Mlp random_mlp(std::vector<int> sizes) {
  Mlp mlp(std::move(sizes));
  const CounterRng rng(5);
  for (Eigen::Index j = 0; j < mlp.parameters().size(); ++j)
    mlp.parameters()(j) = static_cast<float>(2.0 * rng.uniform(static_cast<std::uint32_t>(j), 0, 1, 0, 0) - 1.0);
  return mlp;
}

MatrixF random_matrix(Eigen::Index rows, Eigen::Index cols, std::uint32_t stream) {
  const CounterRng rng(9);
  MatrixF m(rows, cols);
  for (Eigen::Index j = 0; j < m.size(); ++j)
    m.data()[j] = static_cast<float>(2.0 * rng.uniform(static_cast<std::uint32_t>(j), 0, stream, 0, 0) - 1.0);
  return m;
}

// L(θ) = Σ G ⊙ output(θ), summed in double.
double functional(const Mlp& mlp, const MatrixF& input, const MatrixF& weights) {
  Mlp::Workspace ws;
  return (mlp.forward(input, ws).cast<double>().array() * weights.cast<double>().array()).sum();
}

}  // namespace

TEST_CASE("MLP gradients: back-propagation equals central finite differences for every weight and bias") {
  // Three hidden SiLU layers, so that every kind of layer (first, inner, last) is checked.
  Mlp mlp = random_mlp({3, 6, 5, 4, 2});
  const MatrixF input = random_matrix(3, 7, 2), weights = random_matrix(2, 7, 3);
  Mlp::Workspace ws;
  mlp.forward(input, ws);
  VectorF gradient;
  mlp.backward(input, weights, ws, gradient);
  REQUIRE(gradient.size() == mlp.parameters().size());
  // Central difference (f(θ + h) - f(θ - h))/(2h) in float32: truncation h² |f'''|/6 ≈ 2e-5 for h = 1e-2 and
  // |f'''| = O(10) here; rounding: each of the 14 outputs carries a relative error of about (fan-in + depth) × 2^-24,
  // so |L| ≈ 10 is off by about 14 × 10 × 1e-6 ≈ 1e-4 at most, i.e. 1e-4/(2h) = 5e-3 in the difference quotient.
  // Tolerance 2e-2 absolute + 1e-2 relative: four times the larger of these.
  const float h = 1e-2f;
  for (Eigen::Index j = 0; j < mlp.parameters().size(); ++j) {
    const float keep = mlp.parameters()(j);
    mlp.parameters()(j) = keep + h;
    const double up = functional(mlp, input, weights);
    mlp.parameters()(j) = keep - h;
    const double down = functional(mlp, input, weights);
    mlp.parameters()(j) = keep;
    const double difference = (up - down) / (2.0 * static_cast<double>(h));
    INFO("parameter " << j << " of " << mlp.parameters().size());
    CHECK(std::abs(gradient(j) - difference) <= 2e-2 + 1e-2 * std::abs(difference));
  }
}

TEST_CASE("MLP: Glorot initialisation within its limits, last layer scaled, invalid sizes named") {
  Mlp mlp({4, 8, 3});
  mlp.initialise(CounterRng(1), Stream::NetworkInit, 0.0f);
  CHECK(mlp.weight(0).cwiseAbs().maxCoeff() <= std::sqrt(6.0f / 12.0f));
  CHECK(mlp.weight(0).cwiseAbs().maxCoeff() > 0.5f * std::sqrt(6.0f / 12.0f));
  CHECK(mlp.weight(1).isZero());
  CHECK(mlp.bias(0).isZero());
  CHECK_THROWS_WITH_AS(Mlp({4, 0, 3}), "network.widths[1] = 0 is out of range: must be an integer in [1, 4096]",
                       InvalidArgument);
}

TEST_CASE("MLP passes allocate nothing once the workspace has the batch's size") {
  // Checked where it can be: under -DEIGEN_RUNTIME_NO_MALLOC (set for the whole build, e.g.
  // cmake -DCMAKE_CXX_FLAGS=-DEIGEN_RUNTIME_NO_MALLOC) Eigen aborts on any heap allocation while it is disallowed;
  // in the ordinary build this case runs the same passes and checks their outputs repeat.
  Mlp mlp = random_mlp({5, 64, 64, 2});
  const MatrixF input = random_matrix(5, 256, 2), weights = random_matrix(2, 256, 3);
  Mlp::Workspace ws;
  VectorF gradient;
  mlp.forward(input, ws);
  mlp.backward(input, weights, ws, gradient);  // sizes the workspace
  const VectorF first = gradient;
#ifdef EIGEN_RUNTIME_NO_MALLOC
  Eigen::internal::set_is_malloc_allowed(false);
#endif
  for (int repeat = 0; repeat < 3; ++repeat) {
    mlp.forward(input, ws);
    mlp.backward(input, weights, ws, gradient);
  }
#ifdef EIGEN_RUNTIME_NO_MALLOC
  Eigen::internal::set_is_malloc_allowed(true);
#endif
  CHECK(gradient == first);
}
