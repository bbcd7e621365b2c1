#include "sgm/numerics/normal_cdf.hpp"

#include <cmath>

#include "sgm/base/error.hpp"

namespace sgm {

namespace {
constexpr double kHalfLogTwoPi = 0.91893853320467274178032973640562;
constexpr double kInvSqrt2 = 0.70710678118654752440084436210485;
constexpr double kContinuedFractionFrom = 5.0;  // below this erfc is accurate and does not underflow
}  // namespace

double mills_ratio(double t) {
  require(t >= kContinuedFractionFrom && std::isfinite(t), "Mills ratio argument", t, "a finite number ≥ 5");
  // f = t + 1/(t + 2/(t + 3/(t + ...))) by modified Lentz; R = 1/f.
  double f = t, c = t, d = 0.0;
  for (int k = 1; k <= 200; ++k) {
    d = 1.0 / (t + k * d);
    c = t + k / c;
    const double delta = c * d;
    f *= delta;
    if (std::abs(delta - 1.0) < 1e-16) break;
  }
  return 1.0 / f;
}

double log_normal_cdf(double z) {
  if (z > 0.0) return std::log1p(-0.5 * std::erfc(z * kInvSqrt2));
  if (z >= -kContinuedFractionFrom) return std::log(0.5 * std::erfc(-z * kInvSqrt2));
  return -0.5 * z * z - kHalfLogTwoPi + std::log(mills_ratio(-z));
}

double normal_pdf_over_cdf(double z) {
  if (z < -kContinuedFractionFrom) return 1.0 / mills_ratio(-z);
  return std::exp(-0.5 * z * z - kHalfLogTwoPi - log_normal_cdf(z));
}

}  // namespace sgm
