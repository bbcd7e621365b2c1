#pragma once
// Wasserstein-2 distances between samples, and between a 1-D sample and a 1-D law. Every function returns W2 itself
// (a distance, not its square): W2(μ, ν) = (inf over couplings π of E_π |X - Y|²)^{1/2}.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sgm/base/rng.hpp"
#include "sgm/base/types.hpp"
#include "sgm/numerics/normal_mixture_1d.hpp"

namespace sgm {

// Exact W2 between the empirical laws of two 1-D samples (any sizes): the quantile coupling,
//     W2^2 = ∫_0^1 (F^{-1}(u) - G^{-1}(u))^2 du,
// evaluated exactly on the merged breakpoints {i/n} ∪ {j/m}. For n = m it is sqrt(mean((x_(i) - y_(i))^2)).
double w2_1d(const Eigen::Ref<const Vector>& x, const Eigen::Ref<const Vector>& y);

// Exact W2 between the empirical laws of two point clouds of the same size n in any dimension (rows are points):
// an optimal coupling of two uniform n-point laws is a permutation (Birkhoff–von Neumann), so
//     W2^2 = min_σ (1/n) Σ_i |x_i - y_σ(i)|^2,
// solved by optimal_assignment (Jonker–Volgenant shortest augmenting paths, O(n^3) time, n^2 doubles of memory).
double w2(const Particles& X, const Particles& Y);

// Exact W2 between the empirical law of a 1-D sample x (size n) and a 1-D normal mixture law Q, through the quantile
// coupling (optimal in 1-D for the convex cost |x - y|^2; Villani, Topics in Optimal Transportation, Thm 2.18):
//     W2^2 = ∫_0^1 (x_(⌈un⌉) - F_Q^{-1}(u))^2 du = Σ_i ∫_{y_{i-1}}^{y_i} (x_(i) - y)^2 dQ(y),
// with y_i = F_Q^{-1}(i/n) (y_0 = -∞, y_n = +∞) and each cell integral in closed form
// (NormalMixture1d::second_moment_about). No quadrature: the only errors are the rounding of Φ and of the quantiles,
// a few ulps of E_Q[y^2] + mean(x^2) in W2^2.
double w2_to_law_1d(const Eigen::Ref<const Vector>& x, const NormalMixture1d& law);

// m directions uniform on the unit sphere S^{d-1} (normalised standard normals from the Projection stream).
Matrix uniform_directions(int d, std::size_t m, const CounterRng& rng);

// Sliced W2 with explicit projections θ_k (columns of `directions`, unit vectors):
//     SW2(X, Y) = sqrt( (1/m) Σ_k W2^2(θ_k·X, θ_k·Y) ).
// Convention: no dimension factor. Since E_θ (θ·v)^2 = |v|^2/d for uniform θ, the projection average of
// W2^2(θ·X, θ·Y) is at most W2^2(X, Y)/d: SW2 ≤ W2/sqrt(d) as m → ∞.
double sliced_w2(const Particles& X, const Particles& Y, const Matrix& directions);

// sliced_w2(X_s, Y, directions) for each sample X_s, computed together: sliced_w2_from_terms of sliced_w2_terms over
// all the directions. The distances are the same, bit for bit, for every thread count.
std::vector<double> sliced_w2_to_reference(const std::vector<const Particles*>& samples, const Particles& Y,
                                           const Matrix& directions, unsigned threads);

// The terms W2²(θ_k·X_s, θ_k·Y) of sliced W2 for the directions k = first … last − 1 (columns of `directions`) and
// each sample X_s, direction by direction: entry (k − first) · S + s for S samples. Each projection θ_k·Y is sorted
// once for all the samples (a metric and its Monte Carlo floor share the reference sample); the directions are shared
// out among `threads` threads (0 = all cores; WebAssembly runs one). Each term is computed the same way whatever the
// range and the thread count, so the terms of a split range, joined in direction order, are those of the whole range
// bit for bit (the page shares the directions out among its workers). Memory: per thread the sorted keys of θ_k·Y and
// of one θ_k·X_s (n words each, radix_sort.hpp), besides the samples.
std::vector<double> sliced_w2_terms(const std::vector<const Particles*>& samples, const Particles& Y,
                                    const Matrix& directions, std::size_t first, std::size_t last, unsigned threads);

// Sliced W2 of each of `samples` samples from the terms of all m directions (sliced_w2_terms' layout over 0 … m − 1,
// m = terms.size() / samples): sqrt((1/m) Σ_k W2²(θ_k·X_s, θ_k·Y)), summed in direction order.
std::vector<double> sliced_w2_from_terms(const std::vector<double>& terms, std::size_t samples);

}  // namespace sgm
