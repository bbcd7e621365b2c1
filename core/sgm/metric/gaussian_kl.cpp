#include "sgm/metric/gaussian_kl.hpp"

#include <Eigen/Cholesky>
#include <cmath>

#include "sgm/base/error.hpp"
#include "sgm/metric/gaussian_distances.hpp"
#include "sgm/numerics/constants.hpp"
#include "sgm/target/gaussian.hpp"

namespace sgm {

double gaussian_kl(const Vector& m0, const Matrix& S0, const Vector& m1, const Matrix& S1) {
  const Eigen::Index d = m0.size();
  validate_gaussian_pair(m0, S0, m1, S1);
  const Eigen::LLT<Matrix> l0(S0), l1(S1);
  const double log_det0 = 2.0 * l0.matrixL().toDenseMatrix().diagonal().array().log().sum();
  const double log_det1 = 2.0 * l1.matrixL().toDenseMatrix().diagonal().array().log().sum();
  const Vector diff = m1 - m0;
  const double trace = l1.solve(S0).trace();
  return 0.5 * (trace + diff.dot(l1.solve(diff)) - static_cast<double>(d) + log_det1 - log_det0);
}

Estimate kl_to_isotropic_gaussian(const Target& target, double a, double s, double r,
                                  const MonteCarloOptions& options) {
  require(std::isfinite(a), "a", a, "a finite number");
  require(std::isfinite(s) && s >= 0.0 && (s > 0.0 || a != 0.0), "s", s, "a finite number ≥ 0 (> 0 when a = 0)");
  require(std::isfinite(r) && r > 0.0, "r", r, "a finite number > 0");
  const int d = target.dim();
  if (const auto* gaussian = target.gaussian_form()) {
    return exact_estimate(gaussian_kl(a * gaussian->mean_vector(), gaussian->perturbed_covariance(a, s),
                                      Vector::Zero(d), r * r * Matrix::Identity(d, d)));
  }
  validate_monte_carlo(options);
  const CounterRng rng(options.seed);
  const Particles X = target.sample_perturbed(options.samples, a, s, rng, Stream::BoundSample, Stream::BoundNoise);
  // ln N(x; 0, r² I) = -|x|²/(2r²) - (d/2) ln(2π r²).
  const double log_norm = 0.5 * d * std::log(2.0 * kPi * r * r);
  const Vector log_ratio =
      target.log_density(a, s, X).array() + X.rowwise().squaredNorm().array() / (2.0 * r * r) + log_norm;
  return monte_carlo_estimate(log_ratio, options.confidence);
}

}  // namespace sgm
