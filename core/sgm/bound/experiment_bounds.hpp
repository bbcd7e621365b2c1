#pragma once
// The bounds an experiment reports beside its measured errors: certified bounds (certified_bound.hpp, constants 1,
// Monte Carlo with CLT intervals) and published bounds (published_bound.hpp, hidden constants shown as C), by name.
// None by default: the certified ones cost Monte Carlo (samples × steps × nodes score evaluations for the path KL).
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "sgm/base/registry.hpp"
#include "sgm/bound/bound.hpp"
#include "sgm/process/process.hpp"
#include "sgm/sampler/stepper.hpp"
#include "sgm/score/score_model.hpp"

namespace sgm {

// Certified names first, then published ones; each with a one-line meaning.
const Catalogue& bound_catalogue();

struct BoundOptions {
  std::size_t samples = 2000;    // Monte Carlo draws (path KL, KL and FI of mixtures)
  int nodes = 3;                 // Gauss–Legendre nodes per grid step (path KL)
  double confidence = 0.95;      // level of the CLT intervals
  double hidden_constant = 1.0;  // C of the published bounds
};

// Throws InvalidArgument naming the field unless every name is in bound_catalogue() and the options are in range
// (samples in [2, 10^7], nodes in [1, 64], confidence in (0, 1), hidden_constant finite > 0).
void validate_bounds(const std::vector<std::string>& names, const BoundOptions& options);

// The bounds `names` of a run (in that order): its target, process, grid times T = t_0 > … > t_N = δ, sampler name,
// the score model the sampler uses and its L² error ε (0 for the exact score; for a learned score the measured
// max_k ε(t_k), with the measured Σ_k h_k ε(t_k)² as `weighted_score_error`, else NaN: measured_score_error.hpp).
// Monte Carlo keyed by `seed`.
std::vector<Bound> experiment_bounds(const std::vector<std::string>& names, const Target& target,
                                     const Process& process, const std::vector<double>& times, const Stepper& sampler,
                                     const ScoreModel& score, double score_error, const BoundOptions& options,
                                     std::uint64_t seed,
                                     double weighted_score_error = std::numeric_limits<double>::quiet_NaN());

}  // namespace sgm
