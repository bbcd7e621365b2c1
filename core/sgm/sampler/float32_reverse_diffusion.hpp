#pragma once
// The float32 sampler driver (experiment option "precision": "float32"): the same run as ReverseDiffusion — prior
// N(0, prior_std(T)² I) from the Prior stream, one grid step at a time — with particles held as float32 structure of
// arrays and each step done by the target's fused SIMD kernel (simd/) on all cores (parallel_blocks.hpp).
// Available when the score is the exact score of a target with a kernel — Gaussian mixtures and point clouds
// (simd/mixture_step.hpp when every covariance is isotropic, simd/covariance_mixture_step.hpp otherwise, a Gaussian
// being a one-component mixture), product targets (simd/half_normal_step.hpp for α = 1 half-normal coordinates,
// simd/tabulated_score_step.hpp with score/score_table.hpp for the others) — and the stepper's step is made of moves
// affine in (X, s, ξ)
// (Stepper::affine_moves: em, ei, ddpm, ddim, pf_euler, and ald's Langevin moves), or the stepper is pc with such a
// predictor: its target-SNR corrector, whose step size averages over the batch, runs first at each step on the kernel's
// score alone (float32_langevin_corrector.hpp); otherwise the constructor throws naming "precision" and the
// (target, sampler) pair. The double path (reverse_diffusion.hpp) stays the reference: the
// float32 samples differ from it by float rounding (tests/core/sampler/float32_reverse_diffusion_test.cpp).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sgm/base/grid.hpp"
#include "sgm/sampler/sampler_run.hpp"
#include "sgm/sampler/stepper.hpp"
#include "sgm/target/target.hpp"

namespace sgm {

class Float32Kernel;  // the target's kernel (float32_reverse_diffusion.cpp)
class Float32LangevinCorrector;

class Float32ReverseDiffusion final : public SamplerRun {
public:
  // threads: 0 = all hardware threads; the samples do not depend on it. As a block of a larger run
  // (particle_block.hpp) its n particles are particles first_particle … first_particle + n − 1 of that run, whose
  // run_particles particles (0: n) set what depends on the run's size (a score table's node cap), as in the whole run.
  Float32ReverseDiffusion(std::shared_ptr<const Process> process, Grid grid, std::shared_ptr<const Stepper> stepper,
                          std::shared_ptr<const Target> target, std::size_t n, std::uint64_t seed, unsigned threads,
                          std::uint32_t first_particle = 0, std::size_t run_particles = 0);
  ~Float32ReverseDiffusion() override;

  // Whether the constructor would find a kernel for (target, stepper) on this grid (it throws where not).
  static bool has_kernel(const Process& process, const Grid& grid, const Stepper& stepper,
                         const std::shared_ptr<const Target>& target);

  // The law score evaluations one score evaluation of a float32 run of `particles` particles makes on this target when
  // its kernel interpolates a score table (score/score_table.hpp: at most its node cap, counted twice for the error
  // estimate's doublings), or 0 when the kernel is closed-form (the work estimate charges such a run the table, not
  // a quadrature per particle and coordinate).
  static double score_table_evaluations(const Target& target, std::size_t particles);

  // The float32 particles widened to double (computed when asked after a step).
  const Particles& particles() const override;
  PerturbedLaw output_law() const override;
  void release_particle_copy() const override;

private:
  std::size_t advance(std::size_t k, double t, double t_next) override;
  bool particles_finite() const override;
  std::string overflow_advice() const override;

  std::shared_ptr<const Process> process_;
  std::shared_ptr<const Stepper> stepper_;
  std::unique_ptr<Float32Kernel> kernel_;
  std::unique_ptr<Float32LangevinCorrector> corrector_;  // pc's corrector when it has moves
  std::uint64_t seed_;
  unsigned threads_;
  std::size_t n_, stride_;  // particles and the padded length of one coordinate array
  int dim_;
  std::vector<float> x_;  // coordinate m of particle i at x_[m * stride_ + i]
  mutable Particles widened_;
  mutable bool widened_current_ = false;
};

}  // namespace sgm
