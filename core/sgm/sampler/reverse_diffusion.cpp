#include "sgm/sampler/reverse_diffusion.hpp"

namespace sgm {

ReverseDiffusion::ReverseDiffusion(std::shared_ptr<const Process> process, Grid grid,
                                   std::shared_ptr<const Stepper> stepper, std::shared_ptr<const ScoreModel> score,
                                   std::size_t n, std::uint64_t seed, std::uint32_t first_particle)
    : SamplerRun(std::move(grid), n, first_particle),
      process_(std::move(process)),
      stepper_(std::move(stepper)),
      score_(std::move(score)),
      noise_(CounterRng(seed), first_particle),
      state_(stepper_->init()) {
  require_horizon(*process_, this->grid().horizon());
  const CounterRng rng(seed);
  X_.resize(static_cast<Eigen::Index>(n), score_->dim());
  rng.fill_normal(X_, 0, Stream::Prior, first_particle);
  X_ *= process_->prior_std(this->grid().horizon());
  state_->workspace.score.resize(X_.rows(), X_.cols());
  state_->workspace.noise.resize(X_.rows(), X_.cols());
}

std::size_t ReverseDiffusion::advance(std::size_t k, double t, double t_next) {
  stepper_->step(*process_, *score_, noise_, static_cast<std::uint32_t>(k), t, t_next, X_, *state_);
  // After the last step the stepper's buffers (score, noise: 2 × n × d doubles) serve nothing: freed for the metrics.
  if (k + 1 == grid().steps()) state_.reset();
  return static_cast<std::size_t>(stepper_->score_evaluations_per_step());
}

PerturbedLaw ReverseDiffusion::output_law() const {
  return {process_->mean_coeff(grid().stop()), process_->std(grid().stop())};
}

}  // namespace sgm
