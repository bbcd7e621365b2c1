#pragma once
// A 1-D normal mixture law Q = Σ_k π_k N(m_k, s_k²) with its distribution function, its quantiles on a grid and its
// partial second moments, all in closed form through the standard normal Φ, φ (standard_normal.hpp).
// It is the exact law of one coordinate of q_δ for every Gaussian and Gaussian-mixture target: coordinate j of
// a X_0 + s Z, X_0 ~ Σ π_k N(μ_k, Σ_k), is Σ_k π_k N(a μ_k[j], a² Σ_k[j][j] + s²).
#include <vector>

#include "sgm/base/types.hpp"

namespace sgm {

class NormalMixture1d {
public:
  // Validates: at least one component; one mean and one standard deviation per weight; weights positive, finite and
  // summing to 1 (within 1e-9, then renormalised); means finite; standard deviations positive and finite.
  NormalMixture1d(std::vector<double> weights, std::vector<double> means, std::vector<double> stds);

  double density(double y) const;
  double cdf(double y) const;         // Q((-∞, y])
  double upper_tail(double y) const;  // Q((y, ∞)), accurate where cdf(y) is near 1

  // The n - 1 interior quantiles y_1 < … < y_{n-1} with Q((-∞, y_i]) = i/n (n ≥ 1), solved by Newton's method
  // safeguarded by bisection to a relative accuracy of a few ulps; above the median the equation is written on the
  // upper tail, (n - i)/n = Q((y, ∞)), so that no precision is lost near 1.
  Vector quantile_grid(Eigen::Index n) const;

  // ∫_{lo}^{hi} (x - y)² dQ(y) for lo ≤ hi (either may be infinite). Per component, with z = (y - m)/s, c = x - m:
  //   ∫ (c - s z)² φ(z) dz = c² [Φ]  - 2 c s [-φ]  + s² [Φ - z φ]   over [z_lo, z_hi]
  // (∫ z φ = -φ, ∫ z² φ = Φ - z φ), derived by substitution; z φ(z) → 0 at ±∞.
  double second_moment_about(double x, double lo, double hi) const;

private:
  std::vector<double> weights_, means_, stds_;
};

}  // namespace sgm
