#pragma once
// The sampler driver for processes on R^d: draws n particles from the prior N(0, prior_std(T)^2 I) and walks a grid
// with a stepper (the SamplerRun interface: step by step or to the end). It may hold a block of a larger run
// (particle_block.hpp): its n particles are then particles first_particle … first_particle + n − 1 of that run.
#include <cstddef>
#include <cstdint>
#include <memory>

#include "sgm/base/grid.hpp"
#include "sgm/sampler/sampler_run.hpp"
#include "sgm/sampler/stepper.hpp"

namespace sgm {

class ReverseDiffusion final : public SamplerRun {
public:
  // Validates 1 ≤ n ≤ kMaxParticles.
  ReverseDiffusion(std::shared_ptr<const Process> process, Grid grid, std::shared_ptr<const Stepper> stepper,
                   std::shared_ptr<const ScoreModel> score, std::size_t n, std::uint64_t seed,
                   std::uint32_t first_particle = 0);

  const Particles& particles() const override { return X_; }
  // q_δ: a = a(δ), s = σ(δ) of the process at the grid's last time.
  PerturbedLaw output_law() const override;

private:
  std::size_t advance(std::size_t k, double t, double t_next) override;

  std::shared_ptr<const Process> process_;
  std::shared_ptr<const Stepper> stepper_;
  std::shared_ptr<const ScoreModel> score_;
  CounterNoise noise_;
  Particles X_;
  std::unique_ptr<StepperState> state_;  // the stepper's, for this run
};

}  // namespace sgm
