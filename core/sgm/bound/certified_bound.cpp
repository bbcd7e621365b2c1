#include "sgm/bound/certified_bound.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sgm/base/error.hpp"
#include "sgm/metric/gaussian_kl.hpp"
#include "sgm/numerics/constants.hpp"
#include "sgm/numerics/gauss_legendre.hpp"

namespace sgm {

const Catalogue& certified_bound_catalogue() {
  static const Catalogue c = {
      {"path_kl", "Girsanov path KL of the sampler on its grid, Monte Carlo with CLT interval (theory §8.1)"},
      {"initial_kl", "KL(q_T ‖ N(0, I)): closed form for Gaussians, Monte Carlo otherwise (theory §8.2)"},
      {"certified_kl", "KL(q_δ ‖ p_out) ≤ KL(q_T ‖ γ^d) + path KL (theory §8.2)"},
      {"certified_tv", "TV(p_out, q_δ) ≤ sqrt(certified_kl / 2) (Pinsker, theory §8.2)"},
      {"early_stopping_w2", "W2(q_δ, q) ≤ sqrt((1 - e^{-δ})² m2 + (1 - e^{-2δ}) d) (exact coupling, theory §8.4)"},
      {"bounded_support_w2", "W2(projected output, q) ≤ 2R sqrt(certified_tv) + early_stopping_w2 (theory §8.5)"},
      {"initialisation_w2", "W2 of starting the exact reverse process at N(0, I) instead of q_T (OU, theory §5 end)"},
  };
  return c;
}

double early_stopping_w2(const Process& process, double delta, double m2, int d) {
  require(std::isfinite(delta) && delta > 0.0, "delta", delta, "a finite number > 0");
  require(m2 >= 0.0, "m2", m2, "a number ≥ 0 (E|X|²)");
  const double a = process.mean_coeff(delta), s = process.std(delta);
  return std::sqrt((1.0 - a) * (1.0 - a) * m2 + s * s * d);
}

double pinsker_tv(double kl) {
  require(kl >= 0.0, "kl", kl, "a number ≥ 0");
  return std::min(1.0, std::sqrt(0.5 * kl));
}

double bounded_support_w2(double radius, double tv, double early_stopping) {
  require(radius >= 0.0, "support_radius", radius, "a number ≥ 0");
  require(tv >= 0.0 && tv <= 1.0, "tv", tv, "a number in [0, 1]");
  return 2.0 * radius * std::sqrt(tv) + early_stopping;
}

double semiconvex_contraction_integral(double t, double K, double mu) {
  require(std::isfinite(mu) && mu > 0.0, "convexity_at_infinity", mu, "a finite number > 0");
  require(std::isfinite(K), "semiconvexity", K, "a finite number");
  const double g = mu * std::expm1(2.0 * t) + 1.0;
  return 0.5 * (std::log(g) + (K / mu + 1.0) * (1.0 / g - 1.0));
}

double ou_initialisation_w2(double T, double delta, double m2, int d, double K, double mu) {
  require(std::isfinite(T) && delta > 0.0 && delta < T, "delta", delta, "a number in (0, T)");
  const double sigma_T = std::sqrt(-std::expm1(-2.0 * T));
  const double start = std::sqrt(std::exp(-2.0 * T) * m2 + (1.0 - sigma_T) * (1.0 - sigma_T) * d);
  const double exponent =
      (T - delta) - 2.0 * (semiconvex_contraction_integral(T, K, mu) - semiconvex_contraction_integral(delta, K, mu));
  return start * std::exp(exponent);
}

namespace {

constexpr const char* kTheory8 = "derived (constants exactly 1): docs/theory.md §8";

bool contains(const std::vector<std::string>& names, std::initializer_list<const char*> any) {
  return std::any_of(any.begin(), any.end(),
                     [&](const char* n) { return std::find(names.begin(), names.end(), n) != names.end(); });
}

// The interval of an increasing function of a nonnegative quantity's estimate (std_error NaN: it is not a mean).
// A Monte Carlo mean of a small KL can fall below 0; the quantity cannot, so it is clamped at 0 first.
template <class F>
Estimate map_increasing(const Estimate& e, F&& f) {
  Estimate out = e;
  out.value = f(std::max(0.0, e.value));
  out.lower = f(std::max(0.0, e.lower));
  out.upper = f(e.upper);
  if (!e.exact()) out.std_error = std::numeric_limits<double>::quiet_NaN();
  return out;
}

// Sum of two estimates: upper ends add (one-sided union bound), standard errors add (any correlation).
Estimate add(const Estimate& a, const Estimate& b) {
  Estimate s;
  s.value = a.value + b.value;
  s.std_error = a.std_error + b.std_error;
  s.lower = a.lower + b.lower;
  s.upper = a.upper + b.upper;
  s.confidence = std::min(a.confidence, b.confidence);
  s.samples = std::max(a.samples, b.samples);
  return s;
}

Bound certified(const std::string& name, const std::string& quantity, const std::string& source, Estimate value) {
  Bound b;
  b.name = name;
  b.quantity = quantity;
  b.source = source;
  b.value = value;
  return b;
}

BoundTerm term(const std::string& name, const std::string& formula, const Estimate& value) {
  return BoundTerm{name, formula, value, true, false};
}

Assumption holds(const std::string& name, const std::string& reason) { return {name, AssumptionStatus::Holds, reason}; }

}  // namespace

bool needs_path_kl(const std::vector<std::string>& names) {
  return contains(names, {"certified_kl", "certified_tv", "bounded_support_w2", "path_kl"});
}

std::vector<Bound> certified_bounds(const std::vector<std::string>& names, const Target& target, const Process& process,
                                    const std::vector<double>& times, const Stepper& sampler, const ScoreModel& score,
                                    const PathKLOptions& options) {
  const Catalogue& catalogue = certified_bound_catalogue();
  for (const std::string& n : names) {
    if (std::none_of(catalogue.begin(), catalogue.end(), [&](const auto& e) { return e.first == n; })) {
      throw_unknown_name("bounds", n, catalogue);
    }
  }
  validate_monte_carlo(options.monte_carlo);
  gauss_legendre(options.nodes);  // validates the node count
  require(times.size() >= 2, "times", static_cast<double>(times.size()), "a grid of at least 2 times");
  const double T = times.front(), delta = times.back();
  const int d = target.dim();
  const TargetFigures figures = target.figures();
  const double m2 = figures.m2;
  const MonteCarloOptions& mc = options.monte_carlo;
  const Estimate infinite = exact_estimate(kInfinity);

  // Path KL (Girsanov) and the initialisation KL, each computed once if any requested bound needs it.
  Estimate path = infinite, initial = infinite;
  Assumption scheme_ok = holds("the sampler is \"ei\" or \"em\" on a process with the same noise on each step",
                               "sampler \"" + sampler.name() + "\" on process \"" + process.name() + "\"");
  const bool kl_based = contains(names, {"certified_kl", "certified_tv", "bounded_support_w2"});
  if (needs_path_kl(names)) {
    try {
      path = girsanov_path_kl(target, process, times, path_kl_scheme(sampler), score, options);
    } catch (const InvalidArgument& e) {  // options were validated above: only the sampler/process can fail here
      scheme_ok.status = AssumptionStatus::Fails;
      scheme_ok.reason = e.what();
    }
  }
  const double r = process.prior_std(T);
  if (kl_based || contains(names, {"initial_kl"})) {
    initial = kl_to_isotropic_gaussian(target, process.mean_coeff(T), process.std(T), r, mc);
  }
  const std::string initial_formula = "KL(q_T ‖ N(0, " + format_value(r * r) + " I))";
  const Assumption exact_score = holds("the exact score ∇ln q_t is known (the path KL integrates against it)",
                                       "target \"" + target.name() + "\" has a closed-form score");
  const Estimate kl = add(initial, path);
  const Estimate tv = map_increasing(kl, pinsker_tv);
  const double early = std::isfinite(m2) ? early_stopping_w2(process, delta, m2, d) : kInfinity;
  const Assumption moment{"E|X|² < ∞", std::isfinite(m2) ? AssumptionStatus::Holds : AssumptionStatus::Unknown,
                          std::isfinite(m2) ? "m2 = " + format_value(m2) : "the target gives no second moment"};

  std::vector<Bound> out;
  for (const std::string& name : names) {
    if (name == "path_kl") {
      Bound b =
          certified(name, "KL_path = Σ_k ∫ (1/2g²) E|Δ drift|² (exact reverse process ‖ sampler, same start)",
                    "Girsanov; Chen et al. 2209.11215 path-space form [SEC]; " + std::string(kTheory8) + ".1", path);
      b.terms = {
          term("discretisation + score error", "Monte Carlo over exact forward pairs, Gauss–Legendre in time", path)};
      b.assumptions = {scheme_ok, exact_score};
      b.notes.push_back(std::to_string(mc.samples) + " draws, " + std::to_string(options.nodes) +
                        " Gauss–Legendre nodes per step, seed " + std::to_string(mc.seed));
      out.push_back(b);
    } else if (name == "initial_kl") {
      Bound b = certified(name, initial_formula, std::string(kTheory8) + ".2", initial);
      b.terms = {term("initialisation", initial_formula, initial)};
      b.assumptions = {holds("log q_T is computable",
                             initial.exact() ? "Gaussian closed form" : "Monte Carlo of log q_T - log γ over q_T")};
      out.push_back(b);
    } else if (name == "certified_kl" || name == "certified_tv") {
      const bool is_kl = name == "certified_kl";
      Bound b = certified(name, is_kl ? "KL(q_δ ‖ p_out)" : "TV(p_out, q_δ)",
                          is_kl ? "chain rule + data processing, " + std::string(kTheory8) + ".2"
                                : "Pinsker on certified_kl, " + std::string(kTheory8) + ".2",
                          is_kl ? kl : tv);
      b.terms = {term("initialisation", initial_formula, initial),
                 term("path (discretisation + score error)", "KL_path (Girsanov)", path)};
      if (!is_kl) b.notes.push_back("value = min(1, sqrt((initialisation + path) / 2))");
      b.assumptions = {scheme_ok, exact_score,
                       holds("the sampler starts from N(0, r² I), r = prior_std(T)", "the driver draws its prior so")};
      out.push_back(b);
    } else if (name == "early_stopping_w2") {
      Bound b = certified(name, "W2(q_δ, q)", std::string(kTheory8) + ".4 (exact coupling)", exact_estimate(early));
      b.terms = {term("early stopping", "sqrt((1 - a(δ))² m2 + σ(δ)² d)", exact_estimate(early))};
      b.assumptions = {moment};
      out.push_back(b);
    } else if (name == "bounded_support_w2") {
      const double R = figures.support_radius;
      const bool bounded = std::isfinite(R);
      Estimate value =
          bounded ? map_increasing(tv, [&](double x) { return bounded_support_w2(R, x, early); }) : infinite;
      Bound b = certified(name, "W2(Π_{B(0,R)} p_out, q)", std::string(kTheory8) + ".5", value);
      b.terms = {term("TV part", "2R sqrt(certified_tv)",
                      bounded ? map_increasing(tv, [&](double x) { return 2.0 * R * std::sqrt(x); }) : infinite),
                 term("early stopping", "early_stopping_w2", exact_estimate(early))};
      b.assumptions = {
          Assumption{"q is supported in a ball B(0, R)", bounded ? AssumptionStatus::Holds : AssumptionStatus::Fails,
                     bounded ? "R = " + format_value(R) : "the target's support is unbounded"},
          scheme_ok, moment};
      out.push_back(b);
    } else if (name == "initialisation_w2") {
      const double K = figures.semiconvexity, mu = figures.convexity_at_infinity;
      const bool ou = process.standard_ou();
      const bool convex = std::isfinite(K) && std::isfinite(mu) && mu > 0.0;
      const double value =
          (ou && convex && std::isfinite(m2)) ? ou_initialisation_w2(T, delta, m2, d, K, mu) : kInfinity;
      Bound b = certified(name, "W2(exact reverse from q_T, exact reverse from N(0, I)) at δ",
                          "synchronous coupling, docs/theory.md §5 end [DER]; β_t of Bruno–Sabanis 2505.03432 "
                          "\"Corollary 14\" [SEC]",
                          exact_estimate(value));
      b.terms = {term("initialisation", "sqrt(e^{-2T} m2 + (1 - σ_T)² d) exp((T - δ) - 2 (B(T) - B(δ)))",
                      exact_estimate(value))};
      b.assumptions = {
          Assumption{"forward process is OU (the β_t formula is derived for it)",
                     ou ? AssumptionStatus::Holds : AssumptionStatus::Fails, "process \"" + process.name() + "\""},
          Assumption{"data potential K-semiconvex and μ-strongly convex at infinity, μ > 0",
                     convex ? AssumptionStatus::Holds : AssumptionStatus::Unknown,
                     "K = " + format_value(K) + ", μ = " + format_value(mu) +
                         (convex ? "" : ": the target figures do not give both")},
          moment};
      out.push_back(b);
    }
  }
  return out;
}

}  // namespace sgm
