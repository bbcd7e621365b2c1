#pragma once
// Per-mode occupancy of a sample under a mixture: the fraction o_j of points whose most responsible component is j
// (GaussianMixture::most_responsible_component), and Pearson's statistic against the mixture weights π_j,
//     χ² = n Σ_j (o_j - π_j)² / π_j.
// For an exact sample with well-separated components the labels are multinomial(n, π), so χ² is approximately
// chi-square with K - 1 degrees of freedom (mean K - 1, sd sqrt(2(K - 1))): a value far above that means the sampler
// puts the wrong mass on the modes (mode dropping or collapse). When components overlap, an exact sample is also
// mislabelled at a rate set by the overlap (expected occupancy ≠ π) and χ² grows like n times that discrepancy:
// compare with the same statistic on an exact sample (the experiment's `mode_occupancy_chi2_floor`).
#include <cstddef>
#include <vector>

#include "sgm/base/types.hpp"

namespace sgm {

// o_j = #{i : label_i = j} / n for j < components. Validates at least one label, components ≥ 1, labels < components.
Vector mode_occupancy(const std::vector<std::size_t>& labels, std::size_t components);

// n Σ_j (o_j - π_j)²/π_j. Validates matching sizes, π_j > 0, n ≥ 1.
double occupancy_chi_square(const Vector& occupancy, const std::vector<double>& weights, std::size_t n);

}  // namespace sgm
