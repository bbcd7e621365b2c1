#pragma once
// The sampler driver of the critically damped Langevin diffusion (theory §7.8): draws n particles (x, v) from the prior
// N(0, I) ⊗ N(0, M I), walks a grid with a CLD stepper, and exposes the positions x as the particles (SamplerRun).
// With `denoise`, the last grid step is followed by CLD-SGM's denoising step: the mean of one Euler–Maruyama step from
// δ to 0 (one more score evaluation); its output then stands for the data law q itself (forward time 0). As a block of
// a larger run (particle_block.hpp) its n particles are particles first_particle … first_particle + n − 1 of that run.
#include <cstddef>
#include <cstdint>
#include <memory>

#include "sgm/sampler/cld_stepper.hpp"
#include "sgm/sampler/sampler_run.hpp"

namespace sgm {

class CldReverseDiffusion final : public SamplerRun {
public:
  // Validates 1 ≤ n ≤ kMaxParticles. step() throws InvalidArgument if a particle leaves the floating-point range (an
  // Euler–Maruyama step far beyond its stability limit) rather than going on with NaN.
  CldReverseDiffusion(std::shared_ptr<const CriticallyDampedLangevin> process, Grid grid,
                      std::shared_ptr<const CldStepper> stepper, std::shared_ptr<const VelocityScore> score,
                      std::size_t n, std::uint64_t seed, bool denoise = false, std::uint32_t first_particle = 0);

  const Particles& particles() const override { return X_; }
  const Particles& velocities() const { return V_; }
  double time() const override;  // the grid time; 0 once done with denoising
  // The position marginal of the CLD kernel at δ: a = a(δ), s = σ(δ) (critically_damped_langevin.hpp), or the data law
  // itself (a = 1, s = 0) with denoising.
  PerturbedLaw output_law() const override;

private:
  std::size_t advance(std::size_t k, double t, double t_next) override;

  std::shared_ptr<const CriticallyDampedLangevin> process_;
  std::shared_ptr<const CldStepper> stepper_;
  std::shared_ptr<const VelocityScore> score_;
  bool denoise_;
  CounterNoise noise_;
  Particles X_, V_;
  std::unique_ptr<StepperState> state_;  // the stepper's, for this run
};

}  // namespace sgm
