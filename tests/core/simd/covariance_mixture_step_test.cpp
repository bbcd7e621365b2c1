// The float32 full-covariance kernel (simd/covariance_mixture_step.hpp) against the double score of
// GaussianMixture (the general path, gaussian_mixture.cpp) on one noiseless step, and against the isotropic kernel
// (simd/mixture_step.hpp, a second algorithm) where the covariances are isotropic.
#include <doctest/doctest.h>

#include <Eigen/Cholesky>
#include <cmath>
#include <vector>

#include "sgm/simd/covariance_mixture_step.hpp"
#include "sgm/simd/mixture_step.hpp"
#include "sgm/target/gaussian_mixture.hpp"

using namespace sgm;

namespace {

constexpr double kLogTwoPi = 1.8378770664093454835606594728112;
constexpr double kA = 0.8, kS = 0.6;  // the perturbation a X_0 + s Z of the step
constexpr double kState = 1.05, kLaneScore = 0.1;

// Three components in 3-D with correlated covariances.
GaussianMixture correlated(MixturePath path = MixturePath::general) {
  std::vector<Vector> means(3, Vector::Zero(3));
  means[0] << 1.5, 0.0, -0.5;
  means[1] << -1.0, 1.0, 0.5;
  means[2] << 0.0, -1.5, 1.0;
  std::vector<Matrix> covariances(3, Matrix::Zero(3, 3));
  covariances[0] << 0.5, 0.2, 0.0, 0.2, 0.3, 0.1, 0.0, 0.1, 0.4;
  covariances[1] << 0.2, -0.1, 0.05, -0.1, 0.6, 0.0, 0.05, 0.0, 0.3;
  covariances[2] << 0.09, 0.0, 0.0, 0.0, 0.09, 0.0, 0.0, 0.0, 0.09;
  return GaussianMixture({0.5, 0.3, 0.2}, means, covariances, path);
}

// Particles on a 10 × 10 × 10 grid over [-3, 3]³, n a multiple of the block.
Particles grid_particles(std::size_t n) {
  Particles x(static_cast<Eigen::Index>(n), 3);
  for (std::size_t i = 0; i < n; ++i)
    x.row(static_cast<Eigen::Index>(i)) << -3.0 + 6.0 * static_cast<double>(i % 10) / 9.0,
        -3.0 + 6.0 * static_cast<double>(i / 10 % 10) / 9.0, -3.0 + 6.0 * static_cast<double>(i / 100 % 10) / 9.0;
  return x;
}

std::vector<float> structure_of_arrays(const Particles& x) {
  std::vector<float> soa(static_cast<std::size_t>(x.size()));
  for (Eigen::Index m = 0; m < x.cols(); ++m)
    for (Eigen::Index i = 0; i < x.rows(); ++i) soa[static_cast<std::size_t>(m * x.rows() + i)] = float(x(i, m));
  return soa;
}

// One noiseless step X ← A X + B s(X) by the float32 kernel, coefficients from double as the sampler computes them.
std::vector<float> kernel_step(const GaussianMixture& q, const Particles& x0) {
  const int d = q.dim(), k = static_cast<int>(q.components());
  std::vector<float> centres(d * k), precisions(d * d * k), normalisers(k);
  for (int j = 0; j < k; ++j) {
    const Eigen::LLT<Matrix> llt(kA * kA * q.covariances()[j] + kS * kS * Matrix::Identity(d, d));
    const Matrix p = llt.solve(Matrix::Identity(d, d));
    const double log_det = 2.0 * llt.matrixL().toDenseMatrix().diagonal().array().log().sum();
    for (int m = 0; m < d; ++m) {
      centres[j * d + m] = static_cast<float>(kA * q.means()[j](m));
      for (int n = 0; n < d; ++n) precisions[(j * d + m) * d + n] = static_cast<float>(p(m, n));
    }
    normalisers[j] = static_cast<float>(std::log(q.weights()[j]) - 0.5 * (d * kLogTwoPi + log_det));
  }
  CovarianceMixtureStepCoefficients c;
  c.dim = d;
  c.components = k;
  c.centres = centres.data();
  c.precisions = precisions.data();
  c.log_normalisers = normalisers.data();
  c.step.state = static_cast<float>(kState);
  c.step.score = static_cast<float>(kLaneScore);
  std::vector<float> x = structure_of_arrays(x0);
  covariance_mixture_step(c, x.data(), static_cast<std::size_t>(x0.rows()), 0, static_cast<std::size_t>(x0.rows()));
  return x;
}

}  // namespace

TEST_CASE("float32 full-covariance step equals A x + B s(x) with the double score, to float rounding") {
  const std::size_t n = 1024;
  const GaussianMixture q = correlated();
  const Particles x0 = grid_particles(n);
  Particles score;
  q.score(kA, kS, x0, score);
  const std::vector<float> x = kernel_step(q, x0);
  // Float error of the score: every coefficient and coordinate rounded once (relative 2^-24) and ≈ 2d² + 4d + 10 = 40
  // float operations per component, each ≤ 2^-24 relative to the largest term; the largest term of the logit is
  // ½ rᵀPr ≤ ½ |r|² λ_max(P) ≤ ½ · 48 · 2.8 ≈ 70 here (|r| ≤ 4√3, λ_max(P) ≤ 1/s² = 2.8), so a logit is off by at most
  // 40 · 70 · 2^-24 ≈ 1.7e-4, which moves a softmax weight by that relative amount and the score by at most that times
  // max_j |P_j r| ≤ 2.8 · 4√3 ≈ 20, i.e. 3.4e-3; the exp polynomial adds ≤ 4 ulps. After the factor B = 0.1 and with
  // A x (≤ 3.2, 1 ulp) the step's error is ≤ 3.4e-4 + 4e-7. The bound is worst-case; the measured error is far below.
  double worst = 0.0;
  for (Eigen::Index m = 0; m < 3; ++m)
    for (Eigen::Index i = 0; i < x0.rows(); ++i) {
      const double exact = kState * x0(i, m) + kLaneScore * score(i, m);
      worst = std::max(worst, std::abs(double(x[static_cast<std::size_t>(m * x0.rows() + i)]) - exact));
    }
  CHECK(worst <= 3.5e-4);
}

TEST_CASE("float32 full-covariance step with isotropic covariances equals the isotropic kernel's") {
  // Two isotropic components (σ² = 0.3, 0.09): P_j = I / c_j, so both kernels compute the same logits and score by
  // different sums (d² products with zeros against d); they differ by float rounding only: ≈ 20 operations on terms
  // ≤ 70 (as above) give logits within 20 · 70 · 2^-24 ≈ 8.3e-5 and a step within B · 8.3e-5 · 20 ≈ 1.7e-4.
  std::vector<Vector> means(2, Vector::Zero(3));
  means[0] << 1.0, 0.0, -1.0;
  means[1] << -1.0, 0.5, 0.0;
  const GaussianMixture general({0.4, 0.6}, means, {0.3 * Matrix::Identity(3, 3), 0.09 * Matrix::Identity(3, 3)},
                                MixturePath::general);
  const std::size_t n = 1024;
  const Particles x0 = grid_particles(n);
  const std::vector<float> full = kernel_step(general, x0);
  std::vector<float> centres(6), inverse(2), normalisers(2);
  const double variances[2] = {0.3, 0.09};
  for (int j = 0; j < 2; ++j) {
    const double c = kA * kA * variances[j] + kS * kS;
    for (int m = 0; m < 3; ++m) centres[j * 3 + m] = static_cast<float>(kA * means[j](m));
    inverse[j] = static_cast<float>(1.0 / c);
    normalisers[j] = static_cast<float>(std::log(general.weights()[j]) - 1.5 * (std::log(c) + kLogTwoPi));
  }
  MixtureStepCoefficients c;
  c.dim = 3;
  c.components = 2;
  c.centres = centres.data();
  c.inverse_variances = inverse.data();
  c.log_normalisers = normalisers.data();
  c.step.state = static_cast<float>(kState);
  c.step.score = static_cast<float>(kLaneScore);
  std::vector<float> isotropic = structure_of_arrays(x0);
  mixture_step(c, isotropic.data(), n, 0, n);
  double worst = 0.0;
  for (std::size_t i = 0; i < full.size(); ++i) worst = std::max(worst, double(std::abs(full[i] - isotropic[i])));
  CHECK(worst <= 1.7e-4);
}
