#pragma once
// One reverse-time step of a sampler of the critically damped Langevin diffusion (theory §7.8): move a batch of
// positions X and velocities V (n × d each) from forward time t to t_next < t. The counterpart of stepper.hpp for the
// (x, v) state; the driver is cld_reverse_diffusion.hpp. Like a Stepper, it starts each run with a state (init) that
// every step of the run reads and updates.
#include <cstdint>
#include <memory>
#include <string>

#include "sgm/base/noise.hpp"
#include "sgm/process/critically_damped_langevin.hpp"
#include "sgm/sampler/stepper.hpp"
#include "sgm/score/velocity_score.hpp"

namespace sgm {

class CldStepper {
public:
  virtual ~CldStepper() = default;
  virtual std::string name() const = 0;
  virtual double weak_order() const = 0;
  virtual int score_evaluations_per_step() const { return 1; }

  virtual std::unique_ptr<StepperState> init() const { return std::make_unique<StepperState>(); }
  // `k` is the index of the step in its grid; it keys the noise. `state` comes from this stepper's init() and has
  // seen the steps 0 … k-1 of the same run.
  virtual void step(const CriticallyDampedLangevin& process, const VelocityScore& score, const NoiseSource& noise,
                    std::uint32_t k, double t, double t_next, Particles& X, Particles& V,
                    StepperState& state) const = 0;
};

}  // namespace sgm
