#include "sgm/numerics/normal_mixture_1d.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "sgm/base/error.hpp"
#include "sgm/numerics/standard_normal.hpp"

namespace sgm {

NormalMixture1d::NormalMixture1d(std::vector<double> weights, std::vector<double> means, std::vector<double> stds)
    : weights_(std::move(weights)), means_(std::move(means)), stds_(std::move(stds)) {
  const std::size_t k = weights_.size();
  require(k >= 1, "weights", static_cast<double>(k), "a list of at least 1 component");
  require(means_.size() == k && stds_.size() == k, "means",
          "need one mean and one standard deviation per weight (got " + std::to_string(k) + " weights, " +
              std::to_string(means_.size()) + " means, " + std::to_string(stds_.size()) + " standard deviations)");
  double total = 0.0;
  for (std::size_t j = 0; j < k; ++j) {
    require(std::isfinite(weights_[j]) && weights_[j] > 0.0, indexed("weights", j), weights_[j],
            "a positive finite number");
    require(std::isfinite(means_[j]), indexed("means", j), means_[j], "a finite number");
    require(std::isfinite(stds_[j]) && stds_[j] > 0.0, indexed("stds", j), stds_[j], "a positive finite number");
    total += weights_[j];
  }
  require(std::abs(total - 1.0) <= 1e-9, "weights", total, "weights summing to 1 (sum shown)");
  for (double& w : weights_) w /= total;
}

double NormalMixture1d::density(double y) const {
  double p = 0.0;
  for (std::size_t k = 0; k < weights_.size(); ++k)
    p += weights_[k] / stds_[k] * standard_normal_pdf((y - means_[k]) / stds_[k]);
  return p;
}

double NormalMixture1d::cdf(double y) const {
  double f = 0.0;
  for (std::size_t k = 0; k < weights_.size(); ++k) f += weights_[k] * standard_normal_cdf((y - means_[k]) / stds_[k]);
  return f;
}

double NormalMixture1d::upper_tail(double y) const {
  double f = 0.0;
  for (std::size_t k = 0; k < weights_.size(); ++k)
    f += weights_[k] * standard_normal_upper_tail((y - means_[k]) / stds_[k]);
  return f;
}

Vector NormalMixture1d::quantile_grid(Eigen::Index n) const {
  require(n >= 1, "n", static_cast<double>(n), "an integer ≥ 1");
  // Bracket: 40 standard deviations beyond every component, where Q of the outer side is below 1e-300.
  const double spread = *std::max_element(stds_.begin(), stds_.end());
  double lo = *std::min_element(means_.begin(), means_.end()) - 40.0 * spread;
  const double top = *std::max_element(means_.begin(), means_.end()) + 40.0 * spread;
  const double nd = static_cast<double>(n);
  Vector y(n - 1);
  double guess = 0.5 * (lo + top);
  for (Eigen::Index i = 1; i < n; ++i) {
    // g increasing in y, g(root) = 0: F(y) - i/n below the median, (n - i)/n - Q((y, ∞)) above it.
    const bool lower = 2 * i <= n;
    const double target = lower ? static_cast<double>(i) / nd : static_cast<double>(n - i) / nd;
    auto g = [&](double x) { return lower ? cdf(x) - target : target - upper_tail(x); };
    double a = lo, b = top, x = std::clamp(guess, a, b);
    for (int iteration = 0; iteration < 200; ++iteration) {
      const double gx = g(x);
      if (gx == 0.0) break;
      (gx < 0.0 ? a : b) = x;
      const double p = density(x);
      double next = p > 0.0 ? x - gx / p : 0.5 * (a + b);
      if (!(next > a && next < b)) next = 0.5 * (a + b);  // Newton left the bracket: bisect
      const double tolerance = 4.0 * std::numeric_limits<double>::epsilon() * (std::abs(next) + spread);
      const bool done = std::abs(next - x) <= tolerance || b - a <= tolerance;
      x = next;
      if (done) break;
    }
    y(i - 1) = x;
    lo = x;  // the quantiles increase with i
    const double p = density(x);
    guess = p > 0.0 ? x + 1.0 / (nd * p) : x;  // one Newton step ahead: F(y_{i+1}) - F(y_i) = 1/n
  }
  return y;
}

double NormalMixture1d::second_moment_about(double x, double lo, double hi) const {
  double total = 0.0;
  for (std::size_t k = 0; k < weights_.size(); ++k) {
    const double m = means_[k], s = stds_[k], c = x - m;
    const double za = (lo - m) / s, zb = (hi - m) / s;
    const double pa = standard_normal_pdf(za), pb = standard_normal_pdf(zb);
    const double mass = standard_normal_mass(za, zb);
    const double za_pa = std::isinf(za) ? 0.0 : za * pa, zb_pb = std::isinf(zb) ? 0.0 : zb * pb;
    const double moment = c * c * mass - 2.0 * c * s * (pa - pb) + s * s * (mass + za_pa - zb_pb);
    total += weights_[k] * std::max(moment, 0.0);  // ≥ 0 exactly; rounding can leave -1e-17
  }
  return total;
}

}  // namespace sgm
