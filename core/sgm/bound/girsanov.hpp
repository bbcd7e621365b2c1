#pragma once
// Girsanov path KL between the exact reverse process and a sampler, on the sampler's actual grid (theory §8.1, §8.3).
//
// The reverse process runs on forward times T = t_0 > t_1 > … > t_N = δ; on step k the sampler uses its score
// s_k := s(t_k, ·) at the left end. Over the step both it and the exact reverse process are diffusions with the same
// noise g(τ) dB (τ = forward time), so Girsanov gives, for two SDEs with diffusion g whose drifts differ by Δb,
//     KL_path = Σ_k ∫_{t_{k+1}}^{t_k} (1 / (2 g(τ)²)) E |Δb_k(τ)|² dτ          (constant exactly 1; derived: theory
//     §8.1)
// where (Y_{t_k}, Y_τ) is a pair of forward marginals (X_{t_k}, X_τ):
//   exponential integrator (frozen score, exact linear part; exponential_integrator.hpp):
//     Δb = g(τ)² (s_k(X_{t_k}) - ∇ln q_τ(X_τ))                 — for OU: integrand E|s_k(X_{t_k}) - ∇ln q_τ(X_τ)|²;
//   Euler–Maruyama (drift frozen whole; euler_maruyama.hpp), defined only when g is constant on each step:
//     Δb = f(t_k) X_{t_k} + g² s_k(X_{t_k}) - f(τ) X_τ - g² ∇ln q_τ(X_τ)  — for OU: ¼ E|X_{t_k} - X_τ + 2(s_k - ∇ln
//     q_τ)|².
// The pair is sampled exactly: X_0 ~ q, X_τ = a(τ) X_0 + σ(τ) Z, then X_{t_k} from X_τ by the exact transition
// X_{t_k} = (a(t_k)/a(τ)) X_τ + sqrt(Var(X_{t_k} | X_τ)) Z'. The time integral uses Gauss–Legendre per step.
// Each draw i is one whole path sum (its own X_0, fresh Z, Z' per node), so the draws are i.i.d. and the CLT interval
// applies to their mean.
//
// The score model is the one the sampler uses (exact, or exact + error: score_error.hpp); with s = ∇ln q + e and h → 0
// the path KL tends to Σ_k h_k E|e|² (theory §8.3), = ε² (T - δ) for |e| = ε.
#include <string>
#include <vector>

#include "sgm/base/monte_carlo_estimate.hpp"
#include "sgm/process/process.hpp"
#include "sgm/sampler/stepper.hpp"
#include "sgm/score/score_model.hpp"
#include "sgm/target/gaussian.hpp"

namespace sgm {

// The scheme a sampler declares (Stepper::path_kl_scheme()); a sampler that declares none throws InvalidArgument
// naming `field` (the path KL above is derived for the exponential integrator and Euler–Maruyama).
PathKLScheme path_kl_scheme(const Stepper& sampler, const std::string& field = "sampler");

struct PathKLOptions {
  MonteCarloOptions monte_carlo;
  int nodes = 3;  // Gauss–Legendre nodes per step
};

// Monte Carlo estimate of KL_path with its CLT interval. `times` is the grid (strictly decreasing, positive).
// Draws use the BoundSample, BoundNoise and BoundTransition streams of options.monte_carlo.seed.
Estimate girsanov_path_kl(const Target& target, const Process& process, const std::vector<double>& times,
                          PathKLScheme scheme, const ScoreModel& score, const PathKLOptions& options);

// Exact KL_path (up to the same Gauss–Legendre rule in time) for Gaussian data N(μ, Σ) and the affine score
// s_k(y) = ∇ln q_{t_k}(y) + b (b = 0: the exact score; b constant: a bias error). With U = X_τ - a(τ)μ ~ N(0, C_τ),
// C_t = a(t)²Σ + σ(t)² I, and X_{t_k} - a(t_k)μ = ρ U + √v Z' (ρ = a(t_k)/a(τ), v = Var(X_{t_k} | X_τ)), the drift
// difference is Δb = M_U U + M_Z Z' + m with (derived)
//     M_U = (αρ - β) I - c_k ρ C_{t_k}^{-1} + c_τ C_τ^{-1},   M_Z = √v (α I - c_k C_{t_k}^{-1}),
//     m = (α a(t_k) - β a(τ)) μ + c_k b,
// (EI: α = β = 0, c_k = c_τ = g(τ)²; EM: α = f(t_k), β = f(τ), c_k = g(t_k)², c_τ = g(τ)²), so
//     E|Δb|² = tr(M_U C_τ M_Uᵀ) + tr(M_Z M_Zᵀ) + |m|².
double gaussian_path_kl(const Gaussian& target, const Process& process, const std::vector<double>& times,
                        PathKLScheme scheme, const Vector& score_bias, int nodes);

}  // namespace sgm
