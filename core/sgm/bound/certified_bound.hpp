#pragma once
// Certified bounds: explicit, computable, constants exactly 1 (theory §8, all [DER]). For a target whose score is
// known and the sampler's actual grid and score model:
//   path_kl            KL_path, the Girsanov path KL of the sampler (girsanov.hpp; Monte Carlo with CLT interval)
//   initial_kl         KL(q_T ‖ N(0, r² I)), r = prior_std(T): the initialisation term (gaussian_kl.hpp)
//   certified_kl       KL(q_δ ‖ p_out) ≤ KL(q_T ‖ γ^d) + KL_path              (chain rule + data processing, §8.2)
//   certified_tv       TV(p_out, q_δ) ≤ min(1, sqrt(certified_kl / 2))       (Pinsker, §8.2)
//   early_stopping_w2  W2(q_δ, q) ≤ sqrt((1 - a(δ))² m2 + σ(δ)² d)           (exact coupling X_δ = a X_0 + σ Z, §8.4;
//                      m2 = E|X|², the TargetFigures convention; for OU (1 - e^{-δ})² m2 + (1 - e^{-2δ}) d)
//   bounded_support_w2 W2(Π p_out, q) ≤ 2R sqrt(TV(p_out, q_δ)) + W2(q_δ, q)  for data in the ball B(0, R), Π the
//                      projection onto it (§8.5): Π is 1-Lipschitz and fixes q, so W2(Π q_δ, q) ≤ W2(q_δ, q); two laws
//                      on B(0, R) have W2² ≤ (2R)² TV (maximal coupling), and TV(Π p_out, Π q_δ) ≤ TV(p_out, q_δ).
//   initialisation_w2  W2 between the exact reverse process at δ started from q_T and from N(0, I) (OU only, §5 end):
//                      ≤ sqrt(e^{-2T} m2 + (1 - σ_T)² d) · exp((T - δ) - 2 (B(T) - B(δ))), B(t) = ∫_0^t β with the
//                      one-sided Lipschitz rate β_t of ∇ln q_t for K-semiconvex, μ-convex-at-infinity data
//                      (Bruno–Sabanis 2505.03432 "Corollary 14"/"Proposition 16" [SEC]; exact for Gaussian data):
//                      B(t) = ½ [ln g + (K/μ + 1)(1/g - 1)], g = μ (e^{2t} - 1) + 1.
// Monte Carlo bounds report the upper end of a CLT interval at level c (two-sided, so each upper end is one-sided at
// (1 + c)/2); a sum of two such upper ends is a one-sided upper confidence bound at level c (union bound), and a
// monotone function of an interval is the interval of the function (its std_error is then NaN).
#include <string>
#include <vector>

#include "sgm/base/registry.hpp"
#include "sgm/bound/bound.hpp"
#include "sgm/bound/girsanov.hpp"

namespace sgm {

// The certified bound names above, each with a one-line meaning.
const Catalogue& certified_bound_catalogue();

double early_stopping_w2(const Process& process, double delta, double m2, int d);
double pinsker_tv(double kl);  // min(1, sqrt(kl / 2)); kl ≥ 0
double bounded_support_w2(double radius, double tv, double early_stopping);
double semiconvex_contraction_integral(double t, double K, double mu);  // B(t) above; needs μ > 0
double ou_initialisation_w2(double T, double delta, double m2, int d, double K, double mu);

// Whether any of `names` needs the Girsanov path KL: samples × steps × nodes Monte Carlo (the work budget counts it).
bool needs_path_kl(const std::vector<std::string>& names);

// The certified bounds `names` (each from certified_bound_catalogue(), in that order) of a run: target, forward
// process, grid times T = t_0 > … > t_N = δ, sampler name, and the score model the sampler uses. Monte Carlo runs only
// for the names that need it. A bound whose assumptions fail for this run is +∞ with the failing assumption's reason.
std::vector<Bound> certified_bounds(const std::vector<std::string>& names, const Target& target, const Process& process,
                                    const std::vector<double>& times, const Stepper& sampler, const ScoreModel& score,
                                    const PathKLOptions& options);

}  // namespace sgm
