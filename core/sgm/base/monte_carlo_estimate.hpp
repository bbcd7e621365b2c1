#pragma once
// A number with its confidence interval: either exact (closed form; the interval is the point) or a Monte Carlo mean
// of i.i.d. draws with the central-limit interval mean ± z_{(1+c)/2} · s/√n (s the sample standard deviation).
// Certified bounds report the upper end of this interval (theory §8: "report the upper end of a stated confidence
// level").
#include <cstddef>
#include <cstdint>

#include "sgm/base/types.hpp"

namespace sgm {

struct Estimate {
  double value = 0.0;       // point value: closed form or Monte Carlo mean
  double std_error = 0.0;   // s/√n; 0 when exact
  double lower = 0.0;       // value - z std_error
  double upper = 0.0;       // value + z std_error
  double confidence = 1.0;  // level c of [lower, upper]; 1 when exact
  std::size_t samples = 0;  // Monte Carlo draws; 0 when exact
  bool exact() const { return samples == 0; }
};

// Size, level and seed of a Monte Carlo estimate (kept configurable so that tests stay fast).
struct MonteCarloOptions {
  std::size_t samples = 2000;
  double confidence = 0.95;
  std::uint64_t seed = 0;
};

// Throws InvalidArgument unless 2 ≤ samples ≤ kMaxMonteCarloSamples and 0 < confidence < 1.
void validate_monte_carlo(const MonteCarloOptions& options);
constexpr std::size_t kMaxMonteCarloSamples = 10000000;

// A closed-form value: its own interval.
Estimate exact_estimate(double value);

// Mean of the draws with a two-sided CLT interval at level `confidence` in (0, 1). Needs at least 2 finite draws.
Estimate monte_carlo_estimate(const Vector& draws, double confidence);

// Standard normal quantile Φ^{-1}(p), p in (0, 1): Acklam's rational approximation (relative error 1.15e-9)
// refined by one Halley step on Φ(x) - p = ½ erfc(-x/√2) - p (relative error of Φ(x) below 1e-12, tails included).
double normal_quantile(double p);

}  // namespace sgm
