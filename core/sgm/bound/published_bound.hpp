#pragma once
// Published bounds, evaluated for a run: each theorem of docs/theory.md as a function of the run's parameters (horizon
// T, early stopping δ, the actual grid's steps, dimension d, score error ε_score) and the target's assumption figures
// (TargetFigures: m2 = E|X|², Lipschitz L, support radius R, semiconvexity K, convexity at infinity μ, KL(q‖γ^d)).
//
// Universal constants hidden by "≲" are shown as the factor C (BoundInputs::hidden_constant, default 1) on every term
// that has one (BoundTerm::explicit_constant = false); they are never dropped. Forms docs/theory.md marks UNVERIFIED
// carry unverified = true. Each bound lists the assumptions it needs, with holds / fails / unknown for this run and
// why.
//
// Convention for early stopping: the run stops at δ and is compared with q_δ, so each OU theorem is applied to the
// data q_δ with horizon T - δ. Then KL(q_δ‖γ^d) ≤ e^{-2δ} KL(q‖γ^d) (so sqrt(KL(q_δ‖γ^d)) e^{-(T-δ)} ≤
// sqrt(KL(q‖γ^d)) e^{-T}), m_2(q_δ)² = E|X_δ|² = e^{-2δ} m2 + (1 - e^{-2δ}) d, and sup_{t≥δ} Lip(∇ln q_t) ≤ L.
// Note m_2 in the papers is sqrt(E|X|²) (theory §1), while TargetFigures::m2 is E|X|².
//
//   chen_tv                 Chen et al. 2209.11215 Theorem 2 (DDPM = EI, TV) [SEC]:
//                           TV ≲ sqrt(KL(q‖γ^d)) e^{-T} + (L sqrt(d h) + L m_2 h) sqrt(T) + ε_score sqrt(T), h ≲ 1/L
//   chen_bounded_support_tv the same theorem applied to q_δ for data in B(0, R) (bounded-support corollary [SEC],
//                           number UNVERIFIED) with L_δ = max(σ_δ^{-2}, e^{-2δ} R² σ_δ^{-4}) (theory §1 [DER]) and
//                           KL(q_δ‖γ^d) ≤ ½ e^{-2δ} (m2 - d) - ½ d ln σ_δ² (convexity of KL over X_0 [DER])
//   chen_cld_tv             Chen et al. CLD theorem [SEC; forward constants UNVERIFIED]:
//                           TV ≲ sqrt(KL(q‖γ^d) + FI(q‖γ^d)) e^{-cT} + (L sqrt(d h) + L m_2 h) sqrt(T) + ε sqrt(T)
//   benton_kl               Benton et al. 2308.03686 Theorem 1 [SEC]: for T ≥ 1 and γ_k ≤ κ min(1, T - t_{k+1}),
//                           KL(q_δ‖p) ≲ ε_score² + κ² d N + κ d T + d e^{-2T}, ε_score² = Σ_k γ_k E|e|²
//   bruno_sabanis_w2        Bruno–Sabanis 2505.03432, the four W2 pieces (theory §5 addendum [SEC]): initialisation
//                           (synchronous coupling, explicit [DER]) + C ε_score (form UNVERIFIED) + C sqrt(d) γ
//                           (order one, sqrt(d) [ABS], constant UNVERIFIED) + early stopping (explicit [DER])
//   lee_lu_tan_tv           Lee–Lu–Tan 2206.06227 as restated by a third party (theory §3(d) [SEC], exponents
//                           UNVERIFIED): N = Õ(L² d (d|c| + R)² / ε_TV⁴) inverted at the run's N:
//                           TV ≲ (L² d (d|c| + R)² / N)^{1/4}, c the largest eigenvalue of Cov(data), logs dropped
// Lee–Lu–Tan 2209.12381 gives no form that could be checked (theory §4): it has no function here.
#include <limits>
#include <string>
#include <vector>

#include "sgm/base/registry.hpp"
#include "sgm/bound/bound.hpp"
#include "sgm/process/process.hpp"
#include "sgm/sampler/stepper.hpp"
#include "sgm/target/target.hpp"

namespace sgm {

struct BoundInputs {
  std::vector<double> times;  // the run's grid, forward times T = t_0 > … > t_N = δ
  int dim = 1;
  double score_error = 0.0;  // ε_score: E_{q_t}|s_t - ∇ln q_t|² ≤ ε_score² at every t (A3 of Chen et al.)
  // Σ_k γ_k E_{q_{t_k}}|s - ∇ln q|² when measured (a learned score: measured_score_error.hpp); NaN: ε_score² (T - δ),
  // an error of the same size at every time.
  double weighted_score_error = std::numeric_limits<double>::quiet_NaN();
  std::string sampler = "ei";  // the names, for the messages; the conditions read the capabilities below
  std::string process = "ou";
  PathKLScheme sampler_scheme = PathKLScheme::ExponentialIntegrator;  // Stepper::path_kl_scheme()
  bool process_standard_ou = true;                                    // Process::standard_ou()
  bool process_variance_exploding = false;                            // Process::variance_exploding()
  // The bounds are evaluated for processes on R^d only (Diffusion::has_bounds() is false for CLD), so a run's process
  // is never the critically damped Langevin diffusion here; chen_cld_tv's assumption then fails with its reason.
  bool process_critically_damped = false;
  TargetFigures figures;
  double fisher_information = std::numeric_limits<double>::quiet_NaN();         // FI(q‖γ^d), for the CLD bound
  double covariance_min_eigenvalue = std::numeric_limits<double>::quiet_NaN();  // of Cov(data)
  double covariance_max_eigenvalue = std::numeric_limits<double>::quiet_NaN();
  double log_sobolev_constant = std::numeric_limits<double>::quiet_NaN();  // C_LS of q (Gaussian: λ_max(Σ))
  double hidden_constant = 1.0;                                            // C
  double hidden_rate = 1.0;                                                // c in e^{-cT} (CLD)
  std::vector<std::string> notes;  // where inputs came from (e.g. a Monte Carlo KL); copied into every bound
};

// The published bound names above, each with a one-line meaning.
const Catalogue& published_bound_catalogue();

// The inputs of a run: the target's figures, covariance eigenvalues, FI and (if the figures lack it) KL(q‖γ^d), the
// last two in closed form for Gaussian data and by Monte Carlo otherwise (noted in `notes`).
// Validates hidden_constant > 0 and score_error ≥ 0.
BoundInputs bound_inputs(const Target& target, const Process& process, const std::vector<double>& times,
                         const Stepper& sampler, double score_error, double hidden_constant,
                         const MonteCarloOptions& options);

Bound chen_tv(const BoundInputs& in);
Bound chen_bounded_support_tv(const BoundInputs& in);
Bound chen_cld_tv(const BoundInputs& in);
Bound benton_kl(const BoundInputs& in);
Bound bruno_sabanis_w2(const BoundInputs& in);
Bound lee_lu_tan_tv(const BoundInputs& in);

// The bounds `names` (each from published_bound_catalogue(), in that order).
std::vector<Bound> published_bounds(const std::vector<std::string>& names, const BoundInputs& in);

}  // namespace sgm
