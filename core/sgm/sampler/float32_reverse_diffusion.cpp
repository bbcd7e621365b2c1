#include "sgm/sampler/float32_reverse_diffusion.hpp"

#include <algorithm>
#include <cmath>

#include "sgm/base/error.hpp"
#include "sgm/base/parallel_blocks.hpp"
#include "sgm/base/rng.hpp"
#include "sgm/simd/mixture_step.hpp"

namespace sgm {

namespace {
constexpr double kLogTwoPi = 1.8378770664093454835606594728112;
// Particles per task of the thread pool: a task (≈ 40 µs at 10^8 particle-steps/s) outweighs taking it.
constexpr std::size_t kParticlesPerTask = 64 * kMixtureStepBlock;

const IsotropicMixtureKernel& float32_mixture(const Process& process, const Grid& grid, const Stepper& stepper,
                                              const Target& target) {
  const IsotropicMixtureKernel* mixture = target.isotropic_mixture();
  const bool affine = stepper.affine_step(process, grid.times()[0], grid.times()[1]).has_value();
  require(mixture != nullptr && affine, "precision",
          "\"float32\" has no kernel for target \"" + target.name() + "\" with sampler \"" + stepper.name() +
              "\" (it needs a mixture of isotropic Gaussians or a point cloud, and sampler \"em\", \"ei\", \"ddpm\" or "
              "\"ddim\"); use "
              "\"float64\"");
  return *mixture;
}
}  // namespace

Float32ReverseDiffusion::Float32ReverseDiffusion(std::shared_ptr<const Process> process, Grid grid,
                                                 std::shared_ptr<const Stepper> stepper, const Target& target,
                                                 std::size_t n, std::uint64_t seed, unsigned threads)
    : SamplerRun(std::move(grid), n),
      process_(std::move(process)),
      stepper_(std::move(stepper)),
      mixture_(float32_mixture(*process_, this->grid(), *stepper_, target)),
      seed_(seed),
      threads_(threads),
      n_(n),
      stride_((n + kMixtureStepBlock - 1) / kMixtureStepBlock * kMixtureStepBlock),
      dim_(target.dim()) {
  require_horizon(*process_, this->grid().horizon());
  // The prior of the double path (reverse_diffusion.cpp), rounded once to float; padding particles start at 0.
  Particles prior(static_cast<Eigen::Index>(n), dim_);
  CounterRng(seed).fill_normal(prior, 0, Stream::Prior);
  prior *= process_->prior_std(this->grid().horizon());
  x_.assign(stride_ * static_cast<std::size_t>(dim_), 0.0f);
  for (int m = 0; m < dim_; ++m)
    for (std::size_t i = 0; i < n; ++i) x_[static_cast<std::size_t>(m) * stride_ + i] = static_cast<float>(prior(i, m));
}

std::size_t Float32ReverseDiffusion::advance(std::size_t k, double t, double t_next) {
  // The coefficients of mixture_kernel.cpp at (a, s) = (a(t), σ(t)), in double, then rounded to float.
  const double a = process_->mean_coeff(t), s = process_->std(t);
  const Eigen::Index components = mixture_.log_weights().size();
  std::vector<float> centres(static_cast<std::size_t>(dim_ * components)), inverse(components), normaliser(components);
  for (Eigen::Index j = 0; j < components; ++j) {
    const double c = a * a * mixture_.variances()(j) + s * s;
    for (int m = 0; m < dim_; ++m)
      centres[static_cast<std::size_t>(j * dim_ + m)] = static_cast<float>(a * mixture_.means()(m, j));
    inverse[static_cast<std::size_t>(j)] = static_cast<float>(1.0 / c);
    normaliser[static_cast<std::size_t>(j)] =
        static_cast<float>(mixture_.log_weights()(j) - 0.5 * (dim_ * std::log(c) + dim_ * kLogTwoPi));
  }
  const AffineStep step = *stepper_->affine_step(*process_, t, t_next);
  MixtureStepCoefficients c;
  c.dim = dim_;
  c.components = static_cast<int>(components);
  c.centres = centres.data();
  c.inverse_variances = inverse.data();
  c.log_normalisers = normaliser.data();
  c.state = static_cast<float>(step.state);
  c.score = static_cast<float>(step.score);
  c.noise = static_cast<float>(step.noise);
  c.seed = seed_;
  c.step = static_cast<std::uint32_t>(k);
  c.stream = static_cast<std::uint32_t>(Stream::StepNoise);
  parallel_blocks((stride_ + kParticlesPerTask - 1) / kParticlesPerTask, threads_, [&](std::size_t task) {
    const std::size_t first = task * kParticlesPerTask;
    mixture_step(c, x_.data(), stride_, first, std::min(kParticlesPerTask, stride_ - first));
  });
  widened_current_ = false;
  return static_cast<std::size_t>(stepper_->score_evaluations_per_step());
}

const Particles& Float32ReverseDiffusion::particles() const {
  if (!widened_current_) {
    widened_.resize(static_cast<Eigen::Index>(n_), dim_);
    for (int m = 0; m < dim_; ++m)
      for (std::size_t i = 0; i < n_; ++i) widened_(i, m) = x_[static_cast<std::size_t>(m) * stride_ + i];
    widened_current_ = true;
  }
  return widened_;
}

PerturbedLaw Float32ReverseDiffusion::output_law() const {
  return {process_->mean_coeff(grid().stop()), process_->std(grid().stop())};
}

}  // namespace sgm
