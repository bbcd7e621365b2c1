#include "sgm/sampler/predictor_corrector.hpp"

#include "sgm/base/error.hpp"

namespace sgm {

PredictorCorrector::PredictorCorrector(std::shared_ptr<const Stepper> predictor, LangevinCorrector corrector)
    : predictor_(std::move(predictor)), corrector_(corrector) {
  require(predictor_ != nullptr, "predictor", "is missing");
}

void PredictorCorrector::step(const Process& process, const ScoreModel& score, const NoiseSource& noise,
                              std::uint32_t k, double t, double t_next, Particles& X, StepperState& state) const {
  const double sqrt_alpha = process.mean_coeff(t) / process.mean_coeff(t_next);  // α = a(t)²/a(t')²
  const SlotOffsetNoise corrector_noise(noise, static_cast<std::uint32_t>(predictor_->noise_slots_per_step()));
  corrector_.correct(process, score, corrector_noise, k, t, sqrt_alpha * sqrt_alpha, X, state.workspace);
  predictor_->step(process, score, noise, k, t, t_next, X, state);
}

}  // namespace sgm
