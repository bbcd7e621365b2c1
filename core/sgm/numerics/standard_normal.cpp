#include "sgm/numerics/standard_normal.hpp"

#include <cmath>

#include "sgm/base/error.hpp"
#include "sgm/numerics/constants.hpp"

namespace sgm {

namespace {
constexpr double kInvSqrtTwoPi = 0.39894228040143267793994605993438;
constexpr double kInvSqrtTwo = 0.70710678118654752440084436210485;
constexpr double kContinuedFractionFrom = 5.0;  // below this erfc is accurate and does not underflow
}  // namespace

double standard_normal_pdf(double z) { return std::isinf(z) ? 0.0 : kInvSqrtTwoPi * std::exp(-0.5 * z * z); }

double standard_normal_cdf(double z) { return 0.5 * std::erfc(-z * kInvSqrtTwo); }

double standard_normal_upper_tail(double z) { return 0.5 * std::erfc(z * kInvSqrtTwo); }

double standard_normal_mass(double a, double b) {
  // In the upper half both Φ values are near 1: take the difference of upper tails instead.
  return a >= 0.0 ? standard_normal_upper_tail(a) - standard_normal_upper_tail(b)
                  : standard_normal_cdf(b) - standard_normal_cdf(a);
}

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
  if (z > 0.0) return std::log1p(-0.5 * std::erfc(z * kInvSqrtTwo));
  if (z >= -kContinuedFractionFrom) return std::log(0.5 * std::erfc(-z * kInvSqrtTwo));
  return -0.5 * z * z - kHalfLogTwoPi + std::log(mills_ratio(-z));
}

double normal_pdf_over_cdf(double z) {
  if (z < -kContinuedFractionFrom) return 1.0 / mills_ratio(-z);
  return std::exp(-0.5 * z * z - kHalfLogTwoPi - log_normal_cdf(z));
}

}  // namespace sgm
