#include "sgm/bound/experiment_bounds.hpp"

#include <algorithm>
#include <cmath>

#include "sgm/base/error.hpp"
#include "sgm/bound/certified_bound.hpp"
#include "sgm/bound/published_bound.hpp"
#include "sgm/numerics/gauss_legendre.hpp"

namespace sgm {

const Catalogue& bound_catalogue() {
  static const Catalogue c = [] {
    Catalogue all = certified_bound_catalogue();
    for (const auto& entry : published_bound_catalogue()) all.push_back(entry);
    return all;
  }();
  return c;
}

void validate_bounds(const std::vector<std::string>& names, const BoundOptions& options) {
  for (const std::string& name : names)
    if (!catalogue_has(bound_catalogue(), name)) throw_unknown_name("bounds", name, bound_catalogue());
  validate_monte_carlo({options.samples, options.confidence, 0});
  gauss_legendre(options.nodes);
  require(std::isfinite(options.hidden_constant) && options.hidden_constant > 0.0, "hidden_constant",
          options.hidden_constant, "a finite number > 0");
}

std::vector<Bound> experiment_bounds(const std::vector<std::string>& names, const Target& target,
                                     const Process& process, const std::vector<double>& times, const Stepper& sampler,
                                     const ScoreModel& score, double score_error, const BoundOptions& options,
                                     std::uint64_t seed, double weighted_score_error) {
  validate_bounds(names, options);
  const MonteCarloOptions mc{options.samples, options.confidence, seed};
  std::vector<std::string> certified, published;
  for (const std::string& name : names)
    (catalogue_has(certified_bound_catalogue(), name) ? certified : published).push_back(name);
  std::vector<Bound> computed;
  if (!certified.empty())
    computed = certified_bounds(certified, target, process, times, sampler, score, PathKLOptions{mc, options.nodes});
  if (!published.empty()) {
    BoundInputs in = bound_inputs(target, process, times, sampler, score_error, options.hidden_constant, mc);
    in.weighted_score_error = weighted_score_error;
    for (Bound& b : published_bounds(published, in)) computed.push_back(std::move(b));
  }
  // Back in the requested order.
  std::vector<Bound> out;
  for (const std::string& name : names)
    out.push_back(*std::find_if(computed.begin(), computed.end(), [&](const Bound& b) { return b.name == name; }));
  return out;
}

}  // namespace sgm
