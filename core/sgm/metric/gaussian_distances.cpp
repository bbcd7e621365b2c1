#include "sgm/metric/gaussian_distances.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <utility>

#include "sgm/base/error.hpp"
#include "sgm/numerics/standard_normal.hpp"
#include "sgm/target/gaussian_mixture.hpp"

namespace sgm {

void validate_gaussian_pair(const Vector& m0, const Matrix& S0, const Vector& m1, const Matrix& S1) {
  const Eigen::Index d = m0.size();
  validate_mean(m0, d, "m0");
  validate_mean(m1, d, "m1");
  validate_covariance(S0, d, "S0");
  validate_covariance(S1, d, "S1");
}

double gaussian_w2(const Vector& m0, const Matrix& S0, const Vector& m1, const Matrix& S1) {
  validate_gaussian_pair(m0, S0, m1, S1);
  const Eigen::SelfAdjointEigenSolver<Matrix> e0(S0);
  const Matrix root0 = e0.operatorSqrt();
  Matrix middle = root0 * S1 * root0;
  middle = 0.5 * (middle + middle.transpose());  // symmetric up to rounding; make it exactly so
  const Vector lambda = Eigen::SelfAdjointEigenSolver<Matrix>(middle, Eigen::EigenvaluesOnly).eigenvalues();
  const double cross = lambda.cwiseMax(0.0).cwiseSqrt().sum();  // tr (S0^{1/2} S1 S0^{1/2})^{1/2}; λ ≥ 0 up to rounding
  const double squared = (m0 - m1).squaredNorm() + S0.trace() + S1.trace() - 2.0 * cross;
  return std::sqrt(std::max(squared, 0.0));  // ≥ 0 exactly; rounding can leave -1e-16 tr S
}

double gaussian_tv_1d(double m0, double s0, double m1, double s1) {
  require(std::isfinite(m0), "m0", m0, "a finite number");
  require(std::isfinite(m1), "m1", m1, "a finite number");
  require(std::isfinite(s0) && s0 > 0.0, "s0", s0, "a positive finite number");
  require(std::isfinite(s1) && s1 > 0.0, "s1", s1, "a positive finite number");
  if (s0 == s1) return std::erf(std::abs(m0 - m1) / (2.0 * std::sqrt(2.0) * s0));
  // a: the narrower law, b: the wider one. In t = (x - m_a)/s_a, with ρ = s_a/s_b < 1 and δ = (m_a - m_b)/s_b,
  //     ln p_a - ln p_b = ½[(ρ² - 1) t² + 2ρδ t + δ²] - ln ρ,
  // so p_a > p_b exactly between the roots of (1 - ρ²) t² - 2ρδ t - (δ² - 2 ln ρ) = 0, whose discriminant is 4D,
  // D = δ² - 2(1 - ρ²) ln ρ > 0. Roots without cancellation: q = ρδ + sign(ρδ)√D, t = q/(1 - ρ²) and -(δ² - 2 ln ρ)/q.
  if (s0 > s1) {
    std::swap(m0, m1);
    std::swap(s0, s1);
  }
  const double one_minus_rho = (s1 - s0) / s1;  // exact subtraction when s0 ≈ s1 (Sterbenz)
  const double rho = s0 / s1, delta = (m0 - m1) / s1;
  const double log_rho = std::log1p(-one_minus_rho);
  const double a = one_minus_rho * (1.0 + rho);
  const double c = delta * delta - 2.0 * log_rho;
  const double D = delta * delta - 2.0 * a * log_rho;
  const double q = rho * delta + (rho * delta >= 0.0 ? 1.0 : -1.0) * std::sqrt(D);
  const double r1 = q / a, r2 = -c / q;
  const double lo = std::min(r1, r2), hi = std::max(r1, r2);
  // P_a(A) - P_b(A), A = (lo, hi) in t; under p_b the standardised variable is δ + ρ t.
  return standard_normal_mass(lo, hi) - standard_normal_mass(delta + rho * lo, delta + rho * hi);
}

}  // namespace sgm
