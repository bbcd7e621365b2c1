#pragma once
// Total variation between the law P of a sample (d = 1 or 2) and a law Q with a known density, through a histogram:
//     TV̂ = ½ Σ_b |n_b/n - Q(b)| + ½ Q(outside the bins),
// with n_b the sample count in bin b and Q(b) = ∫_b q by quadrature of the density.
//
// Bin rule: m = ⌈n^{1/(d+2)}⌉ equal bins per axis over the sample's range [min, max] on that axis (m^d bins in all):
// the width h ∝ n^{-1/(d+2)} that balances the L1 bias (∝ h) and noise (∝ (n h^d)^{-1/2}) of a histogram density
// estimate of a Lipschitz density (Devroye & Györfi, "Nonparametric Density Estimation: the L1 View", 1985).
//
// Bias, both signs bounded (derived in theory §13):
//   down: coarse-graining never increases TV, and TV - TV(binned) ≤ Σ over bins where p - q changes sign of ∫_b|p - q|
//         (≤ h · sup_x ∫|p - q| dy per crossing line in 2-D);
//   up:   E|n_b/n - Q(b)| - |P(b) - Q(b)| ≤ sd(n_b/n) = sqrt(P(b)(1 - P(b))/n), so the noise adds at most
//         ½ Σ_b sqrt(P(b)/n) ≤ ½ sqrt(m^d/n); for P = Q its expectation is ≈ ½ Σ_b sqrt(2 Q(b)(1 - Q(b))/(π n)).
// Variance: with the bins held fixed, moving one point changes TV̂ by at most 1/n, so Var ≤ 1/(2n) (Efron–Stein);
// the data-dependent range adds a little to this.
// Quadrature: Q(b) by the 2-point Gauss–Legendre rule (nodes ±1/√3, exact for cubics) on an 8 × 8 (2-D) or 8 (1-D)
// sub-grid of each bin; error per axis ≤ (h/8)^4 / 4320 · ∫_b |∂⁴q|, negligible when q varies on scales ≥ h/8.
#include <functional>

#include "sgm/base/types.hpp"

namespace sgm {

// log q at each row of its argument (a batch of points).
using LogDensity = std::function<Vector(const Particles&)>;

// Validates d in {1, 2}, n ≥ 1 and finite points; log_density must return one finite-or-(-∞) value per row.
double tv_histogram(const Particles& X, const LogDensity& log_density);

}  // namespace sgm
