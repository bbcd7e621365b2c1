#pragma once
// An error bound as reported beside the measured error: its value (with a confidence interval when Monte Carlo enters
// it), each term separately, the assumptions it needs and whether each holds for this target (with the reason), and
// where it comes from. Published bounds (published_bound.hpp) hide universal constants: their terms carry the factor
// C (hidden_constant, user-set, default 1) and explicit_constant = false. Certified bounds (certified_bound.hpp) have
// constants exactly 1. Forms that docs/theory.md marks UNVERIFIED carry unverified = true, on the term and on the
// bound. A bound that cannot be evaluated (a figure it needs is not known) has value NaN and an assumption saying why;
// a bound that does not apply (e.g. unbounded support) is +∞.
#include <string>
#include <vector>

#include "sgm/base/monte_carlo_estimate.hpp"

namespace sgm {

enum class AssumptionStatus { Holds, Fails, Unknown };
std::string assumption_status_name(AssumptionStatus status);  // "holds", "fails", "unknown"

struct Assumption {
  std::string name;  // what is assumed, e.g. "A1: ∇ln q_t is L-Lipschitz for all t, L ≥ 1"
  AssumptionStatus status = AssumptionStatus::Unknown;
  std::string reason;  // why it holds, fails or is unknown for this run
};

struct BoundTerm {
  std::string name;     // "initialisation", "discretisation", "score error", ...
  std::string formula;  // the term as computed, e.g. "C sqrt(KL(q‖γ^d)) e^{-T}"
  Estimate value;       // C included for hidden-constant terms
  bool explicit_constant = true;
  bool unverified = false;
};

struct Bound {
  std::string name;                // catalogue name, e.g. "chen_tv"
  std::string quantity;            // what it bounds, e.g. "TV(p_out, q_δ)"
  std::string source;              // paper, theorem, equation (or docs/theory.md section for derived bounds)
  Estimate value;                  // the bound: the sum of the terms (or their combination, as `quantity` says)
  bool explicit_constants = true;  // every term has explicit constants
  double hidden_constant = 1.0;    // C multiplying the hidden-constant terms
  bool unverified = false;         // some part of the form is UNVERIFIED (theory §0)
  std::vector<BoundTerm> terms;
  std::vector<Assumption> assumptions;
  std::vector<std::string> notes;

  bool assumptions_hold() const;  // every assumption holds
};

}  // namespace sgm
