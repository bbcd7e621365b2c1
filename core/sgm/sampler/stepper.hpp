#pragma once
// One reverse-time step of a sampler: move a batch of particles from forward time t to t_next < t.
// Samplers declare their weak and strong orders as data; the driver (reverse_diffusion.hpp) walks a grid.
#include <cstdint>
#include <string>

#include "sgm/base/noise.hpp"
#include "sgm/process/process.hpp"
#include "sgm/sampler/sampler_method.hpp"
#include "sgm/score/score_model.hpp"

namespace sgm {

// Scratch buffers a stepper may use; the driver allocates them once per run.
struct StepWorkspace {
  Particles score;
  Particles noise;
  Particles stage;  // intermediate state of a multi-stage stepper (Heun's Euler predictor)
  Particles slope;  // first-stage slope of a multi-stage stepper
};

class Stepper : public SamplerMethod {
public:
  virtual double strong_order() const = 0;
  // Noise slots a step may draw (slots 0 … n-1 of NoiseSource::fill); a composition gives its parts disjoint slots.
  virtual int noise_slots_per_step() const { return 1; }
  // True when a particle's step depends on the other particles of the batch (e.g. the target-SNR step size of a
  // Langevin corrector averages norms over the batch): such a sampler has no per-particle output law (exact_law.hpp).
  virtual bool batch_coupled() const { return false; }

  // `k` is the index of the step in its grid; it keys the noise.
  virtual void step(const Process& process, const ScoreModel& score, const NoiseSource& noise, std::uint32_t k,
                    double t, double t_next, Particles& X, StepWorkspace& ws) const = 0;
};

// The update shared by the exponential integrator, DDPM ancestral sampling and DDIM, which differ only in their
// coefficients: X ← ratio X + weight s(t, X) + noise_std ξ, with ξ from noise slot 0 of step k (not drawn when
// noise_std = 0).
void scaled_score_step(const ScoreModel& score, const NoiseSource& noise, std::uint32_t k, double t, double ratio,
                       double weight, double noise_std, Particles& X, StepWorkspace& ws);

}  // namespace sgm
