#include "sgm/sampler/predictor_corrector.hpp"

#include "sgm/base/error.hpp"
#include "sgm/base/registry.hpp"
#include "sgm/experiment/process_diffusion.hpp"

#include "sgm/base/error.hpp"

namespace sgm {

PredictorCorrector::PredictorCorrector(std::shared_ptr<const Stepper> predictor, LangevinCorrector corrector)
    : predictor_(std::move(predictor)), corrector_(corrector) {
  require(predictor_ != nullptr, "predictor", "is missing");
}

double PredictorCorrector::corrector_alpha(const Process& process, double t, double t_next) {
  const double sqrt_alpha = process.mean_coeff(t) / process.mean_coeff(t_next);
  return sqrt_alpha * sqrt_alpha;
}

void PredictorCorrector::step(const Process& process, const ScoreModel& score, const NoiseSource& noise,
                              std::uint32_t k, double t, double t_next, Particles& X, StepperState& state) const {
  const SlotOffsetNoise corrector_noise(noise, corrector_first_slot());
  corrector_.correct(process, score, corrector_noise, k, t, corrector_alpha(process, t, t_next), X, state.workspace);
  predictor_->step(process, score, noise, k, t, t_next, X, state);
}

}  // namespace sgm

namespace sgm {
namespace {

[[gnu::cold]] bool register_predictor_corrector() {
  return Registry<SamplerMethod>::add({
      "pc",
      "predictor–corrector: corrector_steps Langevin moves at the target snr, then the predictor",
      "Song et al. 2021 §4.2, score_sde; docs/theory.md §7.6",
      {Parameter::spec("predictor", "the predictor, any sampler of the process", "sampler")
           .with_default(std::make_shared<const Spec>(Spec{"em", {}})),
       Parameter::integer("corrector_steps", "Langevin moves per step")
           .with_default(1.0)
           .within(closed(0.0, LangevinCorrector::kMaxSteps)),
       Parameter::number("snr", "target signal-to-noise ratio r of the Langevin step")
           .with_default(
               [](const Context& c) -> Value {
                 require(c.process != nullptr, "snr", "its default depends on the process on R^d, and there is none");
                 return default_target_snr(*c.process, c.T);
               },
               "0.16 for a process with a(T) = 1 (VE), 0.01 otherwise")
           .within(half_open_above(0.0, 1.0))},
      [](const Arguments& a, const Context& c) {
        const std::shared_ptr<const SamplerMethod> made = Registry<SamplerMethod>::make(a.spec("predictor"), c);
        const Stepper* predictor = made->as_stepper();
        require(predictor != nullptr, "predictor", "must be a sampler of a process on R^d");
        return std::make_shared<PredictorCorrector>(
            std::shared_ptr<const Stepper>(made, predictor),  // sharing the sampler's ownership
            LangevinCorrector::target_snr(static_cast<int>(a.integer("corrector_steps")), a.number("snr")));
      },
      {},
      ProcessDiffusion::kFamily,
  });
}
const bool registered_predictor_corrector = register_predictor_corrector();

}  // namespace
}  // namespace sgm
