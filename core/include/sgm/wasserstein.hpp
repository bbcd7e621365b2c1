#pragma once
// Wasserstein-2 distances between samples. Every function returns W2 itself (a distance, not its square).
#include <cstddef>
#include <cstdint>

#include "sgm/rng.hpp"
#include "sgm/types.hpp"

namespace sgm {

// Exact W2 between the empirical laws of two 1-D samples (any sizes): the quantile coupling,
//     W2^2 = ∫_0^1 (F^{-1}(u) - G^{-1}(u))^2 du,
// evaluated exactly on the merged breakpoints {i/n} ∪ {j/m}. For n = m it is sqrt(mean((x_(i) - y_(i))^2)).
double w2_1d(Vector x, Vector y);

// m directions uniform on the unit sphere S^{d-1} (normalised standard normals from the Projection stream).
Matrix uniform_directions(int d, std::size_t m, const CounterRng& rng);

// Sliced W2 with explicit projections θ_k (columns of `directions`, unit vectors):
//     SW2(X, Y) = sqrt( (1/m) Σ_k W2^2(θ_k·X, θ_k·Y) ).
// Convention: no dimension factor. Since E_θ (θ·v)^2 = |v|^2/d for uniform θ, the projection average of
// W2^2(θ·X, θ·Y) is at most W2^2(X, Y)/d: SW2 ≤ W2/sqrt(d) as m → ∞.
double sliced_w2(const Particles& X, const Particles& Y, const Matrix& directions);

}  // namespace sgm
