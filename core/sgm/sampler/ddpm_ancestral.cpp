#include "sgm/sampler/ddpm_ancestral.hpp"

#include "sgm/base/registry.hpp"
#include "sgm/experiment/process_diffusion.hpp"

#include <cmath>

#include "sgm/base/error.hpp"

namespace sgm {

DdpmVariance ddpm_variance_from_name(const std::string& name, const std::string& field) {
  if (name == "fixed_small") return DdpmVariance::FixedSmall;
  if (name == "fixed_large") return DdpmVariance::FixedLarge;
  throw InvalidArgument(field + " = \"" + name + "\" is unknown: must be one of \"fixed_small\", \"fixed_large\"");
}

std::string ddpm_variance_name(DdpmVariance variance) {
  return variance == DdpmVariance::FixedSmall ? "fixed_small" : "fixed_large";
}

std::optional<AffineStep> DdpmAncestral::affine_step(const Process& process, double t, double t_next) const {
  const double sqrt_alpha = process.mean_coeff(t) / process.mean_coeff(t_next);
  const double beta = process.transition_var(t_next, t);
  const double std_ratio = process.std(t_next) / process.std(t);
  const double variance = variance_ == DdpmVariance::FixedSmall ? beta * std_ratio * std_ratio : beta;
  return AffineStep{1.0 / sqrt_alpha, beta / sqrt_alpha, std::sqrt(variance)};
}

void DdpmAncestral::step(const Process& process, const ScoreModel& score, const NoiseSource& noise, std::uint32_t k,
                         double t, double t_next, Particles& X, StepperState& state) const {
  const AffineStep c = *affine_step(process, t, t_next);
  scaled_score_step(score, noise, k, t, c.state, c.score, c.noise, X, state.workspace);
}

}  // namespace sgm

namespace sgm {
namespace {

[[gnu::cold]] bool register_ddpm_ancestral() {
  return Registry<SamplerMethod>::add({
      "ddpm",
      "DDPM ancestral sampling, posterior mean (x + β s)/√α; variance β̃ (fixed_small) or β (fixed_large)",
      "Ho et al. 2020 Alg. 2; docs/theory.md §7.2",
      {Parameter::choice("variance", "the posterior variance", {"fixed_small", "fixed_large"})
           .with_default("fixed_small")},
      [](const Arguments& a, const Context&) {
        return std::make_shared<DdpmAncestral>(ddpm_variance_from_name(a.choice("variance"), "variance"));
      },
      {},
      ProcessDiffusion::kFamily,
  });
}
const bool registered_ddpm_ancestral = register_ddpm_ancestral();

}  // namespace
}  // namespace sgm
