#include "sgm/base/monte_carlo_estimate.hpp"

#include <cmath>
#include <string>

#include "sgm/base/error.hpp"
#include "sgm/numerics/constants.hpp"

namespace sgm {

void validate_monte_carlo(const MonteCarloOptions& options) {
  require(options.samples >= 2 && options.samples <= kMaxMonteCarloSamples, "samples",
          static_cast<double>(options.samples), "an integer in [2, " + std::to_string(kMaxMonteCarloSamples) + "]");
  require(options.confidence > 0.0 && options.confidence < 1.0, "confidence", options.confidence, "a number in (0, 1)");
}

Estimate exact_estimate(double value) { return Estimate{value, 0.0, value, value, 1.0, 0}; }

Estimate monte_carlo_estimate(const Vector& draws, double confidence) {
  require(confidence > 0.0 && confidence < 1.0, "confidence", confidence, "a number in (0, 1)");
  require(draws.size() >= 2, "samples", static_cast<double>(draws.size()), "at least 2 Monte Carlo draws");
  require(draws.allFinite(), "samples", "a Monte Carlo draw is not finite (NaN or infinite)");
  const double n = static_cast<double>(draws.size());
  const double mean = draws.mean();
  const double variance = (draws.array() - mean).square().sum() / (n - 1.0);
  const double se = std::sqrt(variance / n);
  const double z = normal_quantile(0.5 * (1.0 + confidence));
  return Estimate{mean, se, mean - z * se, mean + z * se, confidence, static_cast<std::size_t>(draws.size())};
}

double normal_quantile(double p) {
  require(p > 0.0 && p < 1.0, "p", p, "a probability in (0, 1)");
  // P. J. Acklam, "An algorithm for computing the inverse normal cumulative distribution function" (2003).
  static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                             1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                             6.680131188771972e+01, -1.328068155288572e+01};
  static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                             -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                             3.754408661907416e+00};
  const double low = 0.02425;
  double x;
  if (p < low) {
    const double q = std::sqrt(-2.0 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
  } else if (p <= 1.0 - low) {
    const double q = p - 0.5, r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
  } else {
    const double q = std::sqrt(-2.0 * std::log1p(-p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
  }
  // Halley step: e = Φ(x) - p, u = e √(2π) e^{x²/2}, x ← x - u / (1 + x u / 2).
  const double e = 0.5 * std::erfc(-x / std::sqrt(2.0)) - p;
  const double u = e * std::sqrt(2.0 * kPi) * std::exp(0.5 * x * x);
  return x - u / (1.0 + 0.5 * x * u);
}

}  // namespace sgm
