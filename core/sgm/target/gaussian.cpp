#include "sgm/target/gaussian.hpp"

#include "sgm/base/registry.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>

#include "sgm/base/error.hpp"

namespace sgm {

namespace {
// Check under the Gaussian's own field names before the mixture sees them as "means[0]", "covariances[0]".
Matrix validated(const Vector& mean, Matrix covariance) {
  require(mean.size() >= 1 && mean.size() <= 4096, "mean", static_cast<double>(mean.size()),
          "a vector of dimension in [1, 4096]");
  validate_mean(mean, mean.size(), "mean");
  require_magnitude_at_most(mean, kMaxLocation, "mean");
  require_magnitude_at_most(covariance, kMaxCovarianceEntry, "covariance");  // before the eigenvalues overflow
  validate_covariance(covariance, mean.size(), "covariance");
  return covariance;
}
}  // namespace

Gaussian::Gaussian(Vector mean, Matrix covariance)
    : GaussianMixture({1.0}, {mean}, {validated(mean, std::move(covariance))}) {}

Matrix Gaussian::perturbed_covariance(double a, double s) const {
  Matrix c = a * a * covariance_matrix();
  c.diagonal().array() += s * s;
  return c;
}

TargetFigures Gaussian::figures() const {
  TargetFigures f = GaussianMixture::figures();
  const Vector lambda =
      Eigen::SelfAdjointEigenSolver<Matrix>(covariance_matrix(), Eigen::EigenvaluesOnly).eigenvalues();
  const double lambda_min = lambda(0), lambda_max = lambda(lambda.size() - 1);
  f.lipschitz = std::max(1.0, 1.0 / lambda_min);  // theory §1
  f.semiconvexity = -1.0 / lambda_max;  // ∇²U = Σ^{-1} ⪰ I/λ_max: U + K|x|²/2 convex for K ≥ -1/λ_max
  f.convexity_at_infinity = 1.0 / lambda_max;
  const double d = static_cast<double>(dim());
  f.kl_to_standard_gaussian = 0.5 * (lambda.sum() + mean_vector().squaredNorm() - d - lambda.array().log().sum());
  return f;
}

}  // namespace sgm

namespace sgm {
namespace {

[[gnu::cold]] bool register_gaussian() {
  return Registry<Target>::add({
      "gaussian",
      "N(mean, covariance), full covariance, any dimension",
      "docs/theory.md §1",
      {Parameter::of_type(ParameterType::Vector, "mean", "the mean μ"),
       Parameter::of_type(ParameterType::Matrix, "covariance", "the covariance Σ (symmetric positive definite)")},
      [](const Arguments& a, const Context&) {
        return std::make_shared<Gaussian>(a.vector("mean"), a.matrix("covariance"));
      },
  });
}
const bool registered_gaussian = register_gaussian();

}  // namespace
}  // namespace sgm
