#pragma once
// Predictor–corrector sampling (Song et al. 2021, "Score-Based Generative Modeling through SDEs", §4.2; score_sde
// `sampling.get_pc_sampler`; theory §7.6): a composition of any predictor (a Stepper) with a Langevin corrector, not a
// flag inside one. At each grid time t the corrector first runs its moves on q_t, then the predictor steps t → t'
// (the loop order of score_sde's code; the paper's pseudo-code order is UNVERIFIED, theory §7.6).
// Noise: the predictor draws its own slots 0 … p-1 of each step, the corrector slots p … p+M-1, so with M = 0 the
// sampler is the predictor exactly. Score evaluations per step: the predictor's + M.
// Orders: with M ≥ 1 the target-SNR step ε ≈ 2 r² σ(t)² does not shrink with the grid, and the O(ε) bias of the
// Langevin moves (their invariant law is not exactly q_t) remains as h → 0, so as a discretisation in h the sampler
// has order 0; with M = 0 it has the predictor's orders.
#include <cstdint>
#include <memory>

#include "sgm/sampler/langevin_corrector.hpp"

namespace sgm {

class PredictorCorrector final : public Stepper {
public:
  PredictorCorrector(std::shared_ptr<const Stepper> predictor, LangevinCorrector corrector);  // predictor not null
  std::string name() const override { return "pc"; }
  const PredictorCorrector* as_predictor_corrector() const override { return this; }
  double weak_order() const override { return corrector_.steps() == 0 ? predictor_->weak_order() : 0.0; }
  int score_evaluations_per_step() const override {
    return predictor_->score_evaluations_per_step() + corrector_.steps();
  }
  int noise_slots_per_step() const override { return predictor_->noise_slots_per_step() + corrector_.steps(); }
  bool batch_coupled() const override { return corrector_.steps() > 0 || predictor_->batch_coupled(); }
  const Stepper& predictor() const { return *predictor_; }
  // The predictor's state (the corrector keeps nothing between steps).
  std::unique_ptr<StepperState> init() const override { return predictor_->init(); }
  const LangevinCorrector& corrector() const { return corrector_; }
  // The corrector's α over the grid step t → t_next: a(t)²/a(t_next)² (langevin_corrector.hpp).
  static double corrector_alpha(const Process& process, double t, double t_next);
  // The noise slot of the corrector's first move (its move j draws slot corrector_first_slot() + j).
  std::uint32_t corrector_first_slot() const { return static_cast<std::uint32_t>(predictor_->noise_slots_per_step()); }
  void step(const Process& process, const ScoreModel& score, const NoiseSource& noise, std::uint32_t k, double t,
            double t_next, Particles& X, StepperState& state) const override;

private:
  std::shared_ptr<const Stepper> predictor_;
  LangevinCorrector corrector_;
};

}  // namespace sgm
