#pragma once
// The sampler driver: draws n particles from the prior N(0, prior_std(T)^2 I) and walks a grid with a stepper,
// one step at a time (so a page can animate it) or to the end with a per-step callback (k-diffusion style).
#include <cstddef>
#include <functional>
#include <memory>

#include "sgm/grid.hpp"
#include "sgm/stepper.hpp"

namespace sgm {

class ReverseDiffusion {
public:
  // Validates 1 ≤ n ≤ kMaxParticles and that the score model's dimension is the target's.
  ReverseDiffusion(std::shared_ptr<const Process> process, Grid grid, std::shared_ptr<const Stepper> stepper,
                   std::shared_ptr<const ScoreModel> score, std::size_t n, std::uint64_t seed);

  static constexpr std::size_t kMaxParticles = 10000000;

  bool done() const { return k_ >= grid_.steps(); }
  void step();  // one grid step; no-op when done
  // Steps to the end; after each step calls back with (steps done, current forward time, particles, score evals).
  using Callback = std::function<void(std::size_t, double, const Particles&, std::size_t)>;
  void run(const Callback& callback = {});

  const Particles& particles() const { return X_; }
  double time() const { return grid_.times()[k_]; }
  std::size_t steps_done() const { return k_; }
  std::size_t score_evaluations() const { return score_evals_; }
  const Grid& grid() const { return grid_; }

private:
  std::shared_ptr<const Process> process_;
  Grid grid_;
  std::shared_ptr<const Stepper> stepper_;
  std::shared_ptr<const ScoreModel> score_;
  CounterNoise noise_;
  Particles X_;
  StepWorkspace ws_;
  std::size_t k_ = 0;
  std::size_t score_evals_ = 0;
};

}  // namespace sgm
