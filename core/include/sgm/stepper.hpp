#pragma once
// One reverse-time step of a sampler: move a batch of particles from forward time t to t_next < t.
// Samplers declare their weak and strong orders as data; the driver (reverse_diffusion.hpp) walks a grid.
#include <cstdint>
#include <string>

#include "sgm/noise.hpp"
#include "sgm/process.hpp"
#include "sgm/score_model.hpp"

namespace sgm {

// Scratch buffers a stepper may use; the driver allocates them once per run.
struct StepWorkspace {
  Particles score;
  Particles noise;
};

class Stepper {
public:
  virtual ~Stepper() = default;
  virtual std::string name() const = 0;
  virtual double weak_order() const = 0;
  virtual double strong_order() const = 0;
  virtual int score_evaluations_per_step() const { return 1; }

  // `k` is the index of the step in its grid; it keys the noise.
  virtual void step(const Process& process, const ScoreModel& score, const NoiseSource& noise, std::uint32_t k,
                    double t, double t_next, Particles& X, StepWorkspace& ws) const = 0;
};

}  // namespace sgm
