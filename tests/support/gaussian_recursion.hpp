#pragma once
// The closed-form output law of the linear samplers under the OU process on Gaussian data, written from the samplers'
// published update formulas and independent of the core (neither its steppers nor its exact-law probe,
// sgm/sampler/exact_law.hpp, are called).
//
// OU (docs/theory.md §1): a(t) = e^{-t}, ᾱ(t) = a(t)² = e^{-2t}, σ(t)² = 1 - e^{-2t}. For data N(m, Σ) the marginal is
// q_t = N(a m, C_t) with C_t = a² Σ + σ² I, and the exact score s_t(x) = -C_t^{-1}(x - a m) is affine in x (a
// constant bias b added to it keeps it affine). Every step of a linear sampler is then one or more Gaussian moves
// X' = M X + v + sqrt(q) ξ, ξ ~ N(0, I) independent of X, so the law stays Gaussian:
//     mean' = M mean + v,   cov' = M cov Mᵀ + q I.
#include <functional>
#include <vector>

#include "sgm/base/types.hpp"

namespace sgm::test {

// x ↦ M x + v.
struct Affine {
  Matrix M;
  Vector v;
};

Affine identity_map(Eigen::Index d);
Affine operator+(const Affine& f, const Affine& g);
Affine operator-(const Affine& f, const Affine& g);
Affine operator*(double c, const Affine& f);
Affine compose(const Affine& f, const Affine& g);  // f ∘ g

// One Gaussian move X' = map(X) + sqrt(noise_var) ξ.
struct GaussianMove {
  Affine map;
  double noise_var;
};

struct GaussianMoments {
  Vector mean;
  Matrix cov;
};

GaussianMoments push(const GaussianMoments& law, const GaussianMove& move);

// OU written out: ᾱ(t) = e^{-2t} and σ(t) = sqrt(1 - e^{-2t}).
double ou_abar(double t);
double ou_std(double t);

// q_t = N(a m, a² Σ + σ² I) for data N(m, Σ).
GaussianMoments ou_marginal(const GaussianMoments& data, double t);

// The score at forward time t as an affine map of x.
using AffineScore = std::function<Affine(double t)>;

// The exact OU score of data N(m, Σ), -C_t^{-1}(x - a m), plus a constant `bias` (empty: none).
AffineScore ou_gaussian_score(const GaussianMoments& data, const Vector& bias = Vector());

// A sampler's step from forward time t to s < t as Gaussian moves, in order (move j uses its own noise).
using Moves = std::function<std::vector<GaussianMove>(const AffineScore& score, double t, double s)>;

// Euler–Maruyama of the reverse SDE (docs/theory.md §1): Y + h (Y + 2 s_t) + sqrt(2h) ξ, h = t - s.
std::vector<GaussianMove> em_moves(const AffineScore& score, double t, double s);
// Exponential integrator (docs/theory.md §1; Chen et al. §2(b)): e^h Y + 2(e^h - 1) s_t + sqrt(e^{2h} - 1) ξ.
std::vector<GaussianMove> ei_moves(const AffineScore& score, double t, double s);
// DDPM ancestral (Ho et al. 2020, Algorithm 2) with ε = -sqrt(1 - ᾱ_t) s_t and α = ᾱ_t/ᾱ_s, β = 1 - α:
// x' = (x - β ε/sqrt(1 - ᾱ_t))/sqrt(α) + σ z with σ² = β (large) or β (1 - ᾱ_s)/(1 - ᾱ_t) (small).
Moves ddpm_moves(bool large_variance);
// DDIM (Song, Meng, Ermon 2021, Eq. (12)): x' = sqrt(ᾱ_s) x̂_0 + sqrt(1 - ᾱ_s - σ²) ε + σ z,
// σ² = η² (1 - ᾱ_s)/(1 - ᾱ_t) (1 - ᾱ_t/ᾱ_s), x̂_0 = (x - sqrt(1 - ᾱ_t) ε)/sqrt(ᾱ_t).
Moves ddim_moves(double eta);
// Probability-flow ODE of OU, dx/dt = -x - s, in reverse time: Euler x + h (x + s_t); Heun averages the two slopes.
std::vector<GaussianMove> pf_euler_moves(const AffineScore& score, double t, double s);
std::vector<GaussianMove> pf_heun_moves(const AffineScore& score, double t, double s);
// Annealed Langevin (NCSN, Song & Ermon 2019, Algorithm 1): `moves` moves x + ε s_s + sqrt(2ε) z at level s, with
// ε = step_size σ(s)²/final_std².
Moves ald_moves(double step_size, int moves, double final_std);

// The law after walking `times` (forward times, decreasing) from `law`.
GaussianMoments push_grid(const Moves& moves, const AffineScore& score, GaussianMoments law,
                          const std::vector<double>& times);

}  // namespace sgm::test
