#include "sgm/sampler/ddim.hpp"

#include "sgm/base/registry.hpp"
#include "sgm/experiment/process_diffusion.hpp"

#include <algorithm>
#include <cmath>

#include "sgm/base/error.hpp"

namespace sgm {

Ddim::Ddim(double eta) : eta_(eta) {
  require(std::isfinite(eta) && eta >= 0.0 && eta <= 1.0, "eta", eta, "a number in [0, 1]");
}

std::optional<AffineStep> Ddim::affine_step(const Process& process, double t, double t_next) const {
  const double sqrt_alpha = process.mean_coeff(t) / process.mean_coeff(t_next);
  const double beta = process.transition_var(t_next, t);
  const double sigma = process.std(t), sigma_next = process.std(t_next);
  const double noise_var = eta_ * eta_ * beta * (sigma_next / sigma) * (sigma_next / sigma);
  // σ_η² ≤ β̃ < σ(t')²; the clamp only absorbs rounding.
  const double eps_coeff = std::sqrt(std::max(0.0, sigma_next * sigma_next - noise_var));
  const double weight =
      sigma * (beta + sqrt_alpha * sqrt_alpha * noise_var) / (sqrt_alpha * (sigma + sqrt_alpha * eps_coeff));
  return AffineStep{1.0 / sqrt_alpha, weight, std::sqrt(noise_var)};
}

void Ddim::step(const Process& process, const ScoreModel& score, const NoiseSource& noise, std::uint32_t k, double t,
                double t_next, Particles& X, StepperState& state) const {
  const AffineStep c = *affine_step(process, t, t_next);
  scaled_score_step(score, noise, k, t, c.state, c.score, c.noise, X, state.workspace);
}

}  // namespace sgm

namespace sgm {
namespace {

[[gnu::cold]] bool register_ddim() {
  return Registry<SamplerMethod>::add({
      "ddim",
      "DDIM(η): 0 deterministic, 1 DDPM with fixed_small variance",
      "Song, Meng, Ermon 2021 Eq. 12; docs/theory.md §7.2",
      {Parameter::number("eta", "η, the share of the posterior noise").with_default(0.0).within(closed(0.0, 1.0))},
      [](const Arguments& a, const Context&) { return std::make_shared<Ddim>(a.number("eta")); },
      {},
      ProcessDiffusion::kFamily,
  });
}
const bool registered_ddim = register_ddim();

}  // namespace
}  // namespace sgm
