#include "sgm/numerics/standard_normal.hpp"

#include <cmath>

namespace sgm {

namespace {
constexpr double kInvSqrtTwoPi = 0.39894228040143267793994605993438;
constexpr double kInvSqrtTwo = 0.70710678118654752440084436210485;
}  // namespace

double standard_normal_pdf(double z) { return std::isinf(z) ? 0.0 : kInvSqrtTwoPi * std::exp(-0.5 * z * z); }

double standard_normal_cdf(double z) { return 0.5 * std::erfc(-z * kInvSqrtTwo); }

double standard_normal_upper_tail(double z) { return 0.5 * std::erfc(z * kInvSqrtTwo); }

double standard_normal_mass(double a, double b) {
  // In the upper half both Φ values are near 1: take the difference of upper tails instead.
  return a >= 0.0 ? standard_normal_upper_tail(a) - standard_normal_upper_tail(b)
                  : standard_normal_cdf(b) - standard_normal_cdf(a);
}

}  // namespace sgm
