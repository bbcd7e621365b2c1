#include "sgm/base/statistics.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "sgm/base/error.hpp"

namespace sgm {

namespace {
void require_level(double level) { require(level > 0.0 && level < 1.0, "confidence", level, "a number in (0, 1)"); }
}  // namespace

Estimate estimate_mean(const std::vector<double>& values, double level) {
  require_level(level);
  require(!values.empty(), "replicates", "needs at least one value");
  if (values.size() == 1) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    return Estimate{values.front(), nan, nan, nan, level, 1};
  }
  return monte_carlo_estimate(Eigen::Map<const Vector>(values.data(), static_cast<Eigen::Index>(values.size())), level);
}

SlopeFit fit_loglog_slope(const std::vector<double>& x, const std::vector<double>& y, const std::vector<double>& se,
                          double level) {
  require_level(level);
  const std::size_t n = x.size();
  require(y.size() == n && se.size() == n, "slope fit", "needs as many y values and standard errors as x values");
  std::vector<double> lx(n), ly(n);
  double mx = 0.0, my = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    require(x[i] > 0.0 && std::isfinite(x[i]), "slope fit x[" + std::to_string(i) + "]", x[i], "a finite number > 0");
    require(y[i] > 0.0 && std::isfinite(y[i]), "slope fit y[" + std::to_string(i) + "]", y[i], "a finite number > 0");
    lx[i] = std::log(x[i]);
    ly[i] = std::log(y[i]);
    mx += lx[i] / static_cast<double>(n);
    my += ly[i] / static_cast<double>(n);
  }
  double sxx = 0.0;
  for (double v : lx) sxx += (v - mx) * (v - mx);
  require(n >= 2 && sxx > 0.0, "slope fit", "needs at least two distinct x values");
  SlopeFit f;
  f.points = n;
  double noise_var = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double c = (lx[i] - mx) / sxx;
    f.slope += c * ly[i];
    const double rel = std::isfinite(se[i]) ? se[i] / y[i] : 0.0;
    noise_var += c * c * rel * rel;
  }
  f.intercept = my - f.slope * mx;
  double rss = 0.0;
  for (std::size_t i = 0; i < n; ++i) rss += std::pow(ly[i] - f.intercept - f.slope * lx[i], 2);
  f.noise_std_error = std::sqrt(noise_var);
  f.fit_std_error = n > 2 ? std::sqrt(rss / static_cast<double>(n - 2) / sxx) : 0.0;
  const double z = normal_quantile(0.5 * (1.0 + level));
  f.lower = f.slope - z * f.noise_std_error;
  f.upper = f.slope + z * f.noise_std_error;
  return f;
}

}  // namespace sgm
