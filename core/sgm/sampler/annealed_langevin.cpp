#include "sgm/sampler/annealed_langevin.hpp"

#include <algorithm>
#include "sgm/base/error.hpp"
#include "sgm/base/registry.hpp"
#include "sgm/experiment/process_diffusion.hpp"

namespace sgm {

void AnnealedLangevin::step(const Process& process, const ScoreModel& score, const NoiseSource& noise, std::uint32_t k,
                            double, double t_next, Particles& X, StepperState& state) const {
  moves_.correct(process, score, noise, k, t_next, 1.0, X, state.workspace);
}

std::optional<std::vector<AffineMove>> AnnealedLangevin::affine_moves(const Process& process, double,
                                                                      double t_next) const {
  return moves_.affine_moves(process, t_next);
}

}  // namespace sgm

namespace sgm {
namespace {

// σ_L = σ(δ), the noise std of the last level.
double final_std(const Context& c) {
  require(c.process != nullptr, "step_size", "is relative to σ(δ) of a process on R^d, and there is none");
  return c.process->std(c.delta);
}

[[gnu::cold]] bool register_annealed_langevin() {
  return Registry<SamplerMethod>::add({
      "ald",
      "annealed Langevin dynamics: steps_per_level moves per grid level, step step_size·σ_i²/σ_L²",
      "Song & Ermon 2019 Alg. 1, ermongroup/ncsn",
      {Parameter::number("step_size", "the step at the last level σ_L = σ(δ); at most σ_L²")
           .with_default(
               // NCSN's 2e-5, which is 0.2 σ_L² at its σ_L = 0.01; capped at 0.2 σ_L² when σ_L is smaller (VE at
               // δ = 1e-5), where 2e-5 would overshoot (the allowed range is (0, σ_L²]).
               [](const Context& c) -> Value {
                 const double s = final_std(c);
                 return std::min(AnnealedLangevin::kDefaultStepSize, 0.2 * s * s);
               },
               "min(2e-5, 0.2 σ(δ)²)")
           .within(above(0.0)),
       Parameter::integer("steps_per_level", "Langevin moves per grid level")
           .with_default(static_cast<double>(AnnealedLangevin::kDefaultStepsPerLevel))
           .within(closed(1.0, LangevinCorrector::kMaxSteps))},
      [](const Arguments& a, const Context& c) {
        return std::make_shared<AnnealedLangevin>(a.number("step_size"), static_cast<int>(a.integer("steps_per_level")),
                                                  final_std(c));
      },
      {},
      ProcessDiffusion::kFamily,
  });
}
const bool registered_annealed_langevin = register_annealed_langevin();

}  // namespace
}  // namespace sgm
