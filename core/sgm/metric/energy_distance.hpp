#pragma once
// Energy distance between two samples (Székely & Rizzo, "Energy statistics: a class of statistics based on
// distances", J. Statist. Plann. Inference 143 (2013), §2):
//     ℰ(P, Q) = 2 E|X - Y| - E|X - X'| - E|Y - Y'|   (X, X' ~ P, Y, Y' ~ Q independent, |·| Euclidean),
// ℰ ≥ 0 with equality iff P = Q (finite first moments), and sqrt(ℰ) is a metric on such laws. In 1-D
// ℰ = 2 ∫ (F_P - F_Q)² dx (Cramér's distance; Székely & Rizzo 2013, §2).
// Convention: `energy_distance` returns the metric sqrt(ℰ), never ℰ under that name; the unbiased estimator of ℰ
// itself is named for its square.
// Cost: O((n + m)² d) (pairwise distances); in 1-D O((n + m) log(n + m)) by sorting, since for sorted z_(0) ≤ … ≤
// z_(N-1), Σ_{i<j} |z_i - z_j| = Σ_k (2k - N + 1) z_(k).
#include "sgm/base/types.hpp"

namespace sgm {

// sqrt(ℰ) between the empirical laws of X (n points) and Y (m points): the V-statistic
//     ℰ_V = (2/(nm)) Σ_{i,j} |x_i - y_j| - (1/n²) Σ_{i,i'} |x_i - x_i'| - (1/m²) Σ_{j,j'} |y_j - y_j'| ≥ 0,
// a biased estimate of ℰ(P, Q): E ℰ_V = ℰ + E|X - X'|/n + E|Y - Y'|/m. Validates n, m ≥ 1, equal dimensions, finite.
double energy_distance(const Particles& X, const Particles& Y);

// The U-statistic for ℰ(P, Q): the within-sample sums divided by n(n - 1) and m(m - 1) instead of n² and m².
// Unbiased, and therefore negative with positive probability when P = Q. Validates n, m ≥ 2.
double squared_energy_distance_unbiased(const Particles& X, const Particles& Y);

}  // namespace sgm
