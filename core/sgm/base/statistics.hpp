#pragma once
// Summary statistics of replicated measurements and log-log slope fits, with intervals.
#include <cstddef>
#include <vector>

#include "sgm/base/monte_carlo_estimate.hpp"

namespace sgm {

// Mean of replicates with the CLT interval mean ± z·se (monte_carlo_estimate.hpp). With one replicate the standard
// error is unknown: NaN, and so are the interval ends.
Estimate estimate_mean(const std::vector<double>& values, double level);

// Least-squares slope of log y against log x over the points (x_i, y_i ± se_i), all x_i, y_i > 0.
//   slope = Σ c_i log y_i with c_i = (log x_i - mean log x)/S_xx,
//   noise_std_error = sqrt(Σ c_i² (se_i/y_i)²)   (Monte Carlo noise propagated by the delta method),
//   fit_std_error = the usual residual standard error of the slope (measures curvature: departure from a power law).
// The interval is slope ± z·noise_std_error. Needs at least two distinct x.
struct SlopeFit {
  double slope = 0.0;
  double intercept = 0.0;  // of log y = intercept + slope log x
  double noise_std_error = 0.0;
  double fit_std_error = 0.0;
  double lower = 0.0;
  double upper = 0.0;
  std::size_t points = 0;
};
SlopeFit fit_loglog_slope(const std::vector<double>& x, const std::vector<double>& y, const std::vector<double>& se,
                          double level);

}  // namespace sgm
