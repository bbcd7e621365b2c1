#include "sgm/bound/published_bound.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>

#include "sgm/base/error.hpp"
#include "sgm/bound/certified_bound.hpp"
#include "sgm/bound/fisher_information.hpp"
#include "sgm/metric/gaussian_kl.hpp"
#include "sgm/numerics/constants.hpp"
#include "sgm/process/ornstein_uhlenbeck.hpp"
#include "sgm/target/gaussian.hpp"

namespace sgm {

const Catalogue& published_bound_catalogue() {
  static const Catalogue c = {
      {"chen_tv", "Chen et al. 2209.11215 Thm 2: TV ≲ sqrt(KL)e^{-T} + (L√(dh) + L m_2 h)√T + ε√T (hidden C)"},
      {"chen_bounded_support_tv", "Chen et al. bounded-support corollary: Thm 2 for q_δ, L from R and δ (hidden C)"},
      {"chen_cld_tv",
       "Chen et al. CLD: TV ≲ sqrt(KL + FI)e^{-cT} + (L√(dh) + L m_2 h)√T + ε√T (hidden C, c; UNVERIFIED)"},
      {"benton_kl", "Benton et al. 2308.03686 Thm 1: KL ≲ ε² + κ²dN + κdT + de^{-2T} (hidden C)"},
      {"bruno_sabanis_w2",
       "Bruno–Sabanis 2505.03432 W2 pieces: initialisation + Cε + C√d γ + early stopping (UNVERIFIED)"},
      {"lee_lu_tan_tv", "Lee–Lu–Tan 2206.06227 (third-party restatement): TV ≲ (L²d(d|c| + R)²/N)^{1/4} (UNVERIFIED)"},
  };
  return c;
}

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// What the bounds need from the grid.
struct RunGrid {
  double T, delta, h_max, h_min;
  std::size_t steps;
  bool uniform() const { return h_max - h_min <= 1e-9 * h_max; }
};

RunGrid run_grid(const BoundInputs& in) {
  require(in.times.size() >= 2, "times", static_cast<double>(in.times.size()), "a grid of at least 2 times");
  RunGrid g{in.times.front(), in.times.back(), 0.0, kInfinity, in.times.size() - 1};
  for (std::size_t k = 0; k + 1 < in.times.size(); ++k) {
    const double h = in.times[k] - in.times[k + 1];
    require(std::isfinite(h) && h > 0.0 && in.times[k + 1] > 0.0, "times[" + std::to_string(k + 1) + "]",
            in.times[k + 1], "a positive time below the previous one (the grid decreases)");
    g.h_max = std::max(g.h_max, h);
    g.h_min = std::min(g.h_min, h);
  }
  require(in.dim >= 1, "dim", in.dim, "an integer ≥ 1");
  require(std::isfinite(in.score_error) && in.score_error >= 0.0, "score_error", in.score_error, "a finite number ≥ 0");
  require(std::isfinite(in.hidden_constant) && in.hidden_constant > 0.0, "hidden_constant", in.hidden_constant,
          "a finite number > 0");
  require(std::isfinite(in.hidden_rate) && in.hidden_rate > 0.0, "hidden_rate", in.hidden_rate, "a finite number > 0");
  return g;
}

Assumption assumption(const std::string& name, AssumptionStatus status, const std::string& reason) {
  return {name, status, reason};
}

// A figure the theorem needs finite: holds if finite, fails if +∞, unknown if NaN.
Assumption finite_figure(const std::string& name, const std::string& symbol, double value) {
  if (std::isfinite(value)) return assumption(name, AssumptionStatus::Holds, symbol + " = " + format_value(value));
  if (std::isnan(value)) return assumption(name, AssumptionStatus::Unknown, symbol + " is not known for this target");
  return assumption(name, AssumptionStatus::Fails, symbol + " is infinite for this target");
}

Assumption named_match(const std::string& name, const std::string& what, const std::string& got, bool ok,
                       const std::string& why_not) {
  return assumption(name, ok ? AssumptionStatus::Holds : AssumptionStatus::Fails,
                    "the run uses " + what + " \"" + got + "\"" + (ok ? "" : ": " + why_not));
}

Assumption ou_process(const BoundInputs& in) {
  return named_match("forward process OU dX = -X dt + √2 dB", "process", in.process, in.process_standard_ou,
                     "the theorem is stated for OU");
}

Assumption score_error_l2(const BoundInputs& in) {
  return assumption("score error E_{q_t}|s_t - ∇ln q_t|² ≤ ε_score² at every t (L², not L∞)", AssumptionStatus::Holds,
                    "ε_score = " + format_value(in.score_error) + " (the score model's L² error)");
}

Assumption step_condition(double h, double L, const std::string& symbol) {
  const std::string name =
      "step h ≲ 1/" + symbol + " (checked as h·" + symbol + " ≤ 1: the hidden constant is unknown)";
  if (!std::isfinite(L)) return assumption(name, AssumptionStatus::Unknown, symbol + " is not known");
  return assumption(name, h * L <= 1.0 ? AssumptionStatus::Holds : AssumptionStatus::Fails,
                    "h·" + symbol + " = " + format_value(h * L));
}

Assumption uniform_grid(const RunGrid& g) {
  return assumption("uniform step h = (T - δ)/N", g.uniform() ? AssumptionStatus::Holds : AssumptionStatus::Fails,
                    g.uniform() ? "h = " + format_value(g.h_max)
                                : "steps range over [" + format_value(g.h_min) + ", " + format_value(g.h_max) +
                                      "]: the largest step is used as h");
}

BoundTerm hidden(const std::string& name, const std::string& formula, double value, bool unverified = false) {
  return BoundTerm{name, formula, exact_estimate(value), false, unverified};
}

BoundTerm explicit_term(const std::string& name, const std::string& formula, double value) {
  return BoundTerm{name, formula, exact_estimate(value), true, false};
}

// Fills value (sum of the terms), explicit_constants and unverified from the terms, and appends the input notes.
Bound finish(Bound b, const BoundInputs& in) {
  double total = 0.0;
  for (const BoundTerm& t : b.terms) {
    total += t.value.value;
    b.explicit_constants = b.explicit_constants && t.explicit_constant;
    b.unverified = b.unverified || t.unverified;
  }
  b.value = exact_estimate(total);
  b.hidden_constant = in.hidden_constant;
  if (!b.explicit_constants)
    b.notes.push_back("C = " + format_value(in.hidden_constant) + " stands for the universal constants hidden by ≲");
  if (std::isnan(total)) b.notes.push_back("not evaluated: an input it needs is not known (see the assumptions)");
  b.notes.insert(b.notes.end(), in.notes.begin(), in.notes.end());
  return b;
}

Bound published(const std::string& name, const std::string& quantity, const std::string& source) {
  Bound b;
  b.name = name;
  b.quantity = quantity;
  b.source = source;
  return b;
}

// E|X_δ|² = e^{-2δ} m2 + (1 - e^{-2δ}) d: the second moment of q_δ under OU.
double second_moment_at(double delta, double m2, int d) {
  return std::exp(-2.0 * delta) * m2 + (-std::expm1(-2.0 * delta)) * d;
}

// The discretisation and score-error terms shared by Chen et al.'s Theorem 2, its corollary and the CLD theorem.
std::vector<BoundTerm> chen_growth_terms(double C, double L, double m2_sq, int d, double h, double horizon,
                                         double epsilon, bool unverified) {
  return {hidden("discretisation", "C (L sqrt(d h) + L m_2 h) sqrt(T - δ)",
                 C * (L * std::sqrt(d * h) + L * std::sqrt(m2_sq) * h) * std::sqrt(horizon), unverified),
          hidden("score error", "C ε_score sqrt(T - δ)", C * epsilon * std::sqrt(horizon), unverified)};
}

constexpr const char* kChenSource = "Chen, Chewi, Li, Li, Salim, Zhang, arXiv 2209.11215 (ICLR 2023)";
constexpr const char* kEiOnly =
    "the theorem analyses the exponential integrator (an EM variant is expected to satisfy "
    "the same rate but is not the theorem's object)";

}  // namespace

Bound chen_tv(const BoundInputs& in) {
  const RunGrid g = run_grid(in);
  const TargetFigures& f = in.figures;
  // The theorem takes L ≥ 1; an L-Lipschitz score with L < 1 is also 1-Lipschitz.
  const double C = in.hidden_constant, kl = f.kl_to_standard_gaussian;
  const double L = std::isnan(f.lipschitz) ? f.lipschitz : std::max(1.0, f.lipschitz);
  Bound b = published("chen_tv", "TV(p_out, q_δ)",
                      std::string(kChenSource) + ", Theorem 2 (DDPM, TV) [SEC: docs/theory.md §2(d)]");
  b.terms = {hidden("initialisation", "C sqrt(KL(q‖γ^d)) e^{-T}", C * std::sqrt(kl) * std::exp(-g.T))};
  for (const BoundTerm& t : chen_growth_terms(C, L, second_moment_at(g.delta, f.m2, in.dim), in.dim, g.h_max,
                                              g.T - g.delta, in.score_error, false))
    b.terms.push_back(t);
  b.assumptions = {
      finite_figure("A1: ∇ln q_t L-Lipschitz for all t, L ≥ 1 (L = max(1, figure))", "L", f.lipschitz),
      finite_figure("A2: m_2² = E|X|² < ∞", "E|X|²", f.m2),
      score_error_l2(in),
      finite_figure("KL(q‖γ^d) < ∞", "KL(q‖γ^d)", kl),
      step_condition(g.h_max, L, "L"),
      uniform_grid(g),
      named_match("sampler: exponential integrator, frozen score (\"DDPM\" in the paper)", "sampler", in.sampler,
                  in.sampler_scheme == PathKLScheme::ExponentialIntegrator, kEiOnly),
      ou_process(in),
  };
  b.notes.push_back("applied to q_δ with horizon T - δ (see published_bound.hpp); m_2 = sqrt(E|X_δ|²) = " +
                    format_value(std::sqrt(second_moment_at(g.delta, f.m2, in.dim))));
  return finish(b, in);
}

Bound chen_bounded_support_tv(const BoundInputs& in) {
  const RunGrid g = run_grid(in);
  const TargetFigures& f = in.figures;
  const double C = in.hidden_constant, R = f.support_radius, d = in.dim;
  const double s2 = -std::expm1(-2.0 * g.delta), e2 = std::exp(-2.0 * g.delta);
  const bool bounded = std::isfinite(R);
  // Tweedie: ‖∇²ln q_t‖ ≤ max(σ_t^{-2}, e^{-2t} R² σ_t^{-4}), both decreasing in t: the sup over t ≥ δ is at δ.
  const double L = bounded ? std::max(1.0 / s2, e2 * R * R / (s2 * s2)) : kInfinity;
  // KL(q_δ‖γ^d) ≤ E_{X_0} KL(N(e^{-δ}X_0, σ_δ² I) ‖ γ^d) = ½ e^{-2δ}(m2 - d) - ½ d ln σ_δ².
  const double kl_delta = 0.5 * e2 * (f.m2 - d) - 0.5 * d * std::log(s2);
  Bound b = published("chen_bounded_support_tv", "TV(p_out, q_δ)",
                      std::string(kChenSource) +
                          ", bounded-support corollary with early stopping [SEC: docs/theory.md "
                          "§2(d)] (corollary number UNVERIFIED); L_δ from the Hessian bound of theory §1 [DER]");
  b.terms = {hidden("initialisation", "C sqrt(KL(q_δ‖γ^d)) e^{-(T-δ)}, KL(q_δ‖γ^d) ≤ ½e^{-2δ}(m2 - d) - ½ d ln σ_δ²",
                    bounded ? C * std::sqrt(kl_delta) * std::exp(-(g.T - g.delta)) : kInfinity)};
  for (const BoundTerm& t : chen_growth_terms(C, L, second_moment_at(g.delta, f.m2, in.dim), in.dim, g.h_max,
                                              g.T - g.delta, in.score_error, false))
    b.terms.push_back(t);
  b.terms[1].formula = "C (L_δ sqrt(d h) + L_δ m_2 h) sqrt(T - δ), L_δ = max(σ_δ^{-2}, e^{-2δ} R² σ_δ^{-4})";
  b.assumptions = {
      assumption(
          "q supported in B(0, R)", bounded ? AssumptionStatus::Holds : AssumptionStatus::Fails,
          bounded ? "R = " + format_value(R) + ", so L_δ = " + format_value(L) : "the target's support is unbounded"),
      finite_figure("E|X|² < ∞", "E|X|²", f.m2),
      score_error_l2(in),
      step_condition(g.h_max, L, "L_δ"),
      uniform_grid(g),
      named_match("sampler: exponential integrator, frozen score", "sampler", in.sampler,
                  in.sampler_scheme == PathKLScheme::ExponentialIntegrator, kEiOnly),
      ou_process(in),
  };
  if (bounded && std::isfinite(f.m2)) {
    b.notes.push_back("its W2 companion W2(q_δ, q) ≤ " +
                      format_value(early_stopping_w2(OrnsteinUhlenbeck(), g.delta, f.m2, in.dim)) +
                      " is the certified early_stopping_w2");
  }
  return finish(b, in);
}

Bound chen_cld_tv(const BoundInputs& in) {
  const RunGrid g = run_grid(in);
  const TargetFigures& f = in.figures;
  const double C = in.hidden_constant, L = f.lipschitz;
  Bound b = published("chen_cld_tv", "TV(p_out, q ⊗ γ^d) (position and velocity)",
                      std::string(kChenSource) +
                          ", CLD theorem (\"Theorem 6\" in the secondary report, number "
                          "UNVERIFIED) [SEC]; CLD forward constants UNVERIFIED (docs/theory.md §2(d))");
  b.terms = {hidden("initialisation", "C sqrt(KL(q‖γ^d) + FI(q‖γ^d)) e^{-c T}, c = " + format_value(in.hidden_rate),
                    C * std::sqrt(f.kl_to_standard_gaussian + in.fisher_information) * std::exp(-in.hidden_rate * g.T),
                    true)};
  for (const BoundTerm& t : chen_growth_terms(C, L, second_moment_at(g.delta, f.m2, in.dim), in.dim, g.h_max,
                                              g.T - g.delta, in.score_error, true))
    b.terms.push_back(t);
  b.assumptions = {
      named_match("forward process: critically damped Langevin (CLD)", "process", in.process,
                  in.process_critically_damped, "the theorem is about CLD"),
      assumption("∇_v ln q_t L-Lipschitz (velocity score)", AssumptionStatus::Unknown,
                 "not among the target figures; the data-score L = " + format_value(L) + " is used as a stand-in"),
      assumption("velocity-score error ≤ ε_score in L²(q_t)", AssumptionStatus::Unknown,
                 "ε_score = " + format_value(in.score_error) + " is the data-score error, used as a stand-in"),
      finite_figure("KL(q‖γ^d) < ∞", "KL(q‖γ^d)", f.kl_to_standard_gaussian),
      finite_figure("FI(q‖γ^d) < ∞", "FI(q‖γ^d)", in.fisher_information),
      finite_figure("E|X|² < ∞", "E|X|²", f.m2),
  };
  b.notes.push_back("c = " + format_value(in.hidden_rate) + " is the hidden rate of e^{-cT} (user-settable)");
  b.unverified = true;
  return finish(b, in);
}

Bound benton_kl(const BoundInputs& in) {
  const RunGrid g = run_grid(in);
  const TargetFigures& f = in.figures;
  const double C = in.hidden_constant, d = in.dim, N = static_cast<double>(g.steps);
  // Reverse time r = T - t: γ_k = t_k - t_{k+1} and T - r_{k+1} = t_{k+1}; κ is the smallest admissible constant.
  double kappa = 0.0;
  for (std::size_t k = 0; k + 1 < in.times.size(); ++k)
    kappa = std::max(kappa, (in.times[k] - in.times[k + 1]) / std::min(1.0, in.times[k + 1]));
  const bool measured = std::isfinite(in.weighted_score_error);
  const double weighted_score_error =
      measured ? in.weighted_score_error : in.score_error * in.score_error * (g.T - g.delta);
  const std::string weighted_formula = measured ? "Σ_k γ_k ε(t_k)² (measured)" : "ε² (T - δ)";
  Bound b = published("benton_kl", "KL(q_δ ‖ p_out)",
                      "Benton, De Bortoli, Doucet, Deligiannidis, arXiv 2308.03686 (ICLR 2024), Theorem 1 [SEC: "
                      "docs/theory.md §6]");
  b.terms = {
      hidden("score error", "C ε_score², ε_score² = Σ_k γ_k E|e|² = " + weighted_formula, C * weighted_score_error),
      hidden("discretisation (κ² d N)", "C κ² d N", C * kappa * kappa * d * N),
      hidden("discretisation (κ d T)", "C κ d T", C * kappa * d * g.T),
      hidden("initialisation", "C d e^{-2T}", C * d * std::exp(-2.0 * g.T))};
  const double lo = in.covariance_min_eigenvalue, hi = in.covariance_max_eigenvalue;
  const bool identity = std::abs(lo - 1.0) <= 1e-9 && std::abs(hi - 1.0) <= 1e-9;
  b.assumptions = {
      assumption("T ≥ 1", g.T >= 1.0 ? AssumptionStatus::Holds : AssumptionStatus::Fails, "T = " + format_value(g.T)),
      assumption("γ_k ≤ κ min(1, T - t_{k+1}) for all k", AssumptionStatus::Holds,
                 "κ = " + format_value(kappa) + " is the smallest κ for this grid"),
      finite_figure("Assumption 2: E|X|² < ∞", "E|X|²", f.m2),
      assumption(
          "Assumption 2 (summarised version): Cov(data) = I_d",
          std::isnan(lo) ? AssumptionStatus::Unknown : (identity ? AssumptionStatus::Holds : AssumptionStatus::Fails),
          "eigenvalues of Cov(data) in [" + format_value(lo) + ", " + format_value(hi) +
              "]; an appendix treats general covariance (its form is UNVERIFIED)"),
      assumption("Assumption 1: Σ_k γ_k E|s - ∇ln q|² ≤ ε_score²", AssumptionStatus::Holds,
                 "ε_score² = " + weighted_formula + " = " + format_value(weighted_score_error)),
      named_match("sampler: exponential integrator, frozen score", "sampler", in.sampler,
                  in.sampler_scheme == PathKLScheme::ExponentialIntegrator, kEiOnly),
      ou_process(in),
  };
  b.notes.push_back(
      "Benton's schedule (half uniform, half geometric) gives κ ≈ 2 max(T - 1, ln(1/δ))/N; this bound "
      "uses the run's own grid");
  return finish(b, in);
}

Bound bruno_sabanis_w2(const BoundInputs& in) {
  const RunGrid g = run_grid(in);
  const TargetFigures& f = in.figures;
  const double C = in.hidden_constant, K = f.semiconvexity, mu = f.convexity_at_infinity;
  const bool convex = std::isfinite(K) && std::isfinite(mu) && mu > 0.0;
  const double initial = convex && std::isfinite(f.m2) ? ou_initialisation_w2(g.T, g.delta, f.m2, in.dim, K, mu) : kNaN;
  const double early = std::isfinite(f.m2) ? early_stopping_w2(OrnsteinUhlenbeck(), g.delta, f.m2, in.dim) : kNaN;
  Bound b = published("bruno_sabanis_w2", "W2(p_out, q)",
                      "Bruno, Sabanis, arXiv 2505.03432 (2025): error split into four W2 terms [SEC: docs/theory.md §5 "
                      "addendum]; theorem constants UNVERIFIED");
  b.terms = {
      explicit_term("initialisation", "synchronous coupling (certified initialisation_w2)", initial),
      hidden("score error", "C ε_score (form UNVERIFIED)", C * in.score_error, true),
      hidden("discretisation", "C sqrt(d) γ, γ the step (order one, sqrt(d): [ABS]; constant UNVERIFIED)",
             C * std::sqrt(static_cast<double>(in.dim)) * g.h_max, true),
      explicit_term("early stopping", "sqrt((1 - e^{-δ})² m2 + (1 - e^{-2δ}) d) (certified early_stopping_w2)", early)};
  b.assumptions = {
      finite_figure("U = -ln q is K-semiconvex", "K", K),
      assumption("strong convexity at infinity μ > 0", convex ? AssumptionStatus::Holds : AssumptionStatus::Unknown,
                 "μ = " + format_value(mu)),
      finite_figure("E|X|² < ∞", "E|X|²", f.m2),
      score_error_l2(in),
      assumption("constant step γ ∈ (0, 1)",
                 g.uniform() && g.h_max < 1.0 ? AssumptionStatus::Holds : AssumptionStatus::Fails,
                 "steps in [" + format_value(g.h_min) + ", " + format_value(g.h_max) + "]"),
      named_match("sampler: Euler–Maruyama ([SEC] addendum)", "sampler", in.sampler,
                  in.sampler_scheme == PathKLScheme::EulerMaruyama, "the analysed discretisation is Euler–Maruyama"),
      ou_process(in),
  };
  b.unverified = true;
  return finish(b, in);
}

Bound lee_lu_tan_tv(const BoundInputs& in) {
  const RunGrid g = run_grid(in);
  const TargetFigures& f = in.figures;
  const double C = in.hidden_constant, L = f.lipschitz, R = f.support_radius, c = in.covariance_max_eigenvalue;
  const double d = in.dim, N = static_cast<double>(g.steps);
  Bound b = published("lee_lu_tan_tv", "TV(p_out, q)",
                      "Lee, Lu, Tan, arXiv 2206.06227 (NeurIPS 2022), via the third-party restatement OpenReview "
                      "tD4NOxYTfg Remark 1 [SEC: docs/theory.md §3(d)]; exponents UNVERIFIED");
  b.terms = {hidden("discretisation + score error (inverted step count)",
                    "C (L² d (d|c| + R)² / N)^{1/4}: N = Õ(L² d (d|c| + R)² / ε_TV⁴) solved for ε_TV, logs dropped",
                    C * std::pow(L * L * d * (d * c + R) * (d * c + R) / N, 0.25), true)};
  const double lsi = in.log_sobolev_constant;
  b.assumptions = {
      named_match("forward process: variance exploding, σ_t² = t", "process", in.process, in.process_variance_exploding,
                  "the restatement's forward process is VE"),
      assumption(
          "sampler: annealed Langevin / predictor–corrector",
          in.sampler_scheme == PathKLScheme::ExponentialIntegrator || in.sampler_scheme == PathKLScheme::EulerMaruyama
              ? AssumptionStatus::Fails
              : AssumptionStatus::Unknown,
          "the run uses sampler \"" + in.sampler + "\""),
      finite_figure("q satisfies a log-Sobolev inequality", "C_LS", lsi),
      finite_figure("∇ln p L-Lipschitz", "L", L),
      finite_figure("data radius R (the restatement's R)", "R", R),
      std::isfinite(lsi)
          ? assumption(
                "ε_score ≤ 1/(C_LS + T)",
                in.score_error <= 1.0 / (lsi + g.T) ? AssumptionStatus::Holds : AssumptionStatus::Fails,
                "ε_score = " + format_value(in.score_error) + ", 1/(C_LS + T) = " + format_value(1.0 / (lsi + g.T)))
          : assumption("ε_score ≤ 1/(C_LS + T)", AssumptionStatus::Unknown, "C_LS is not known"),
  };
  return finish(b, in);
}

std::vector<Bound> published_bounds(const std::vector<std::string>& names, const BoundInputs& in) {
  std::vector<Bound> out;
  for (const std::string& name : names) {
    if (name == "chen_tv")
      out.push_back(chen_tv(in));
    else if (name == "chen_bounded_support_tv")
      out.push_back(chen_bounded_support_tv(in));
    else if (name == "chen_cld_tv")
      out.push_back(chen_cld_tv(in));
    else if (name == "benton_kl")
      out.push_back(benton_kl(in));
    else if (name == "bruno_sabanis_w2")
      out.push_back(bruno_sabanis_w2(in));
    else if (name == "lee_lu_tan_tv")
      out.push_back(lee_lu_tan_tv(in));
    else
      throw_unknown_name("bounds", name, published_bound_catalogue());
  }
  return out;
}

BoundInputs bound_inputs(const Target& target, const Process& process, const std::vector<double>& times,
                         const Stepper& sampler, double score_error, double hidden_constant,
                         const MonteCarloOptions& options) {
  BoundInputs in;
  in.times = times;
  in.dim = target.dim();
  in.score_error = score_error;
  in.sampler = sampler.name();
  in.process = process.name();
  in.sampler_scheme = sampler.path_kl_scheme();
  in.process_standard_ou = process.standard_ou();
  in.process_variance_exploding = process.variance_exploding();
  in.figures = target.figures();
  in.hidden_constant = hidden_constant;
  auto describe = [](const Estimate& e) {
    return format_value(e.value) + " ± " + format_value(e.std_error) + " (Monte Carlo, " + std::to_string(e.samples) +
           " draws, 1 standard error)";
  };
  if (std::isnan(in.figures.kl_to_standard_gaussian)) {
    const Estimate kl = kl_to_isotropic_gaussian(target, 1.0, 0.0, 1.0, options);
    in.figures.kl_to_standard_gaussian = kl.value;
    in.notes.push_back("KL(q‖γ^d) = " + describe(kl) + ", not a target figure");
  }
  const Estimate fi = relative_fisher_information(target, options);
  in.fisher_information = fi.value;
  if (!fi.exact()) in.notes.push_back("FI(q‖γ^d) = " + describe(fi));
  const Vector lambda =
      Eigen::SelfAdjointEigenSolver<Matrix>(target.covariance(), Eigen::EigenvaluesOnly).eigenvalues();
  in.covariance_min_eigenvalue = lambda(0);
  in.covariance_max_eigenvalue = lambda(lambda.size() - 1);
  // A Gaussian N(μ, Σ) satisfies the log-Sobolev inequality with constant λ_max(Σ) (Bakry–Émery).
  if (target.gaussian_form() != nullptr) in.log_sobolev_constant = in.covariance_max_eigenvalue;
  run_grid(in);  // validates
  return in;
}

}  // namespace sgm
