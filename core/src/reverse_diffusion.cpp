#include "sgm/reverse_diffusion.hpp"

#include "sgm/error.hpp"

namespace sgm {

ReverseDiffusion::ReverseDiffusion(std::shared_ptr<const Process> process, Grid grid,
                                   std::shared_ptr<const Stepper> stepper, std::shared_ptr<const ScoreModel> score,
                                   std::size_t n, std::uint64_t seed)
    : process_(std::move(process)),
      grid_(std::move(grid)),
      stepper_(std::move(stepper)),
      score_(std::move(score)),
      noise_(CounterRng(seed)) {
  require(n >= 1 && n <= kMaxParticles, "particles", static_cast<double>(n),
          "an integer in [1, " + std::to_string(kMaxParticles) + "]");
  require_horizon(*process_, grid_.horizon());
  const CounterRng rng(seed);
  X_.resize(static_cast<Eigen::Index>(n), score_->dim());
  rng.fill_normal(X_, 0, Stream::Prior);
  X_ *= process_->prior_std(grid_.horizon());
  ws_.score.resize(X_.rows(), X_.cols());
  ws_.noise.resize(X_.rows(), X_.cols());
}

void ReverseDiffusion::step() {
  if (done()) return;
  const auto& t = grid_.times();
  stepper_->step(*process_, *score_, noise_, static_cast<std::uint32_t>(k_), t[k_], t[k_ + 1], X_, ws_);
  score_evals_ += static_cast<std::size_t>(stepper_->score_evaluations_per_step());
  ++k_;
}

void ReverseDiffusion::run(const Callback& callback) {
  while (!done()) {
    step();
    if (callback) callback(k_, time(), X_, score_evals_);
  }
}

}  // namespace sgm
