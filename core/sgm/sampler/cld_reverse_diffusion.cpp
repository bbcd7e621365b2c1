#include "sgm/sampler/cld_reverse_diffusion.hpp"

#include <cmath>

#include "sgm/base/error.hpp"
#include "sgm/sampler/cld_euler_maruyama.hpp"

namespace sgm {

CldReverseDiffusion::CldReverseDiffusion(std::shared_ptr<const CriticallyDampedLangevin> process, Grid grid,
                                         std::shared_ptr<const CldStepper> stepper,
                                         std::shared_ptr<const VelocityScore> score, std::size_t n, std::uint64_t seed,
                                         bool denoise, std::uint32_t first_particle)
    : SamplerRun(std::move(grid), n, first_particle),
      process_(std::move(process)),
      stepper_(std::move(stepper)),
      score_(std::move(score)),
      denoise_(denoise),
      noise_(CounterRng(seed), first_particle),
      state_(stepper_->init()) {
  const CounterRng rng(seed);
  X_.resize(static_cast<Eigen::Index>(n), score_->dim());
  V_.resize(X_.rows(), X_.cols());
  rng.fill_normal(X_, 0, Stream::Prior, first_particle);  // x ~ N(0, I)
  rng.fill_normal(V_, 1, Stream::Prior, first_particle);  // v ~ N(0, M I): the next counter step of the same stream
  V_ *= std::sqrt(process_->prior_velocity_var());
}

std::size_t CldReverseDiffusion::advance(std::size_t k, double t, double t_next) {
  stepper_->step(*process_, *score_, noise_, static_cast<std::uint32_t>(k), t, t_next, X_, V_, *state_);
  std::size_t evaluations = static_cast<std::size_t>(stepper_->score_evaluations_per_step());
  if (denoise_ && k + 1 == grid().steps()) {
    CldEulerMaruyama::mean_step(*process_, *score_, t_next, t_next, X_, V_, state_->workspace);
    ++evaluations;
  }
  require(X_.allFinite() && V_.allFinite(), "sampler",
          "\"" + stepper_->name() + "\" diverged at step " + std::to_string(k + 1) + " (forward time " +
              format_value(t_next) + "): the steps are too large for it; use more steps or \"sscs\"");
  return evaluations;
}

double CldReverseDiffusion::time() const { return done() && denoise_ ? 0.0 : SamplerRun::time(); }

PerturbedLaw CldReverseDiffusion::output_law() const {
  if (denoise_) return {};
  return {process_->mean_coeff(grid().stop()), process_->std(grid().stop())};
}

}  // namespace sgm
