#pragma once
// One reverse-time step of a sampler: move a batch of particles from forward time t to t_next < t.
// Samplers declare their weak order as data; the driver (reverse_diffusion.hpp) walks a grid. As diffrax's solvers do,
// a stepper starts each run with a state (Stepper::init) that every step of the run reads and updates, so a multistep
// method can keep what it computed at earlier steps.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

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

// What a stepper carries through one run: created by Stepper::init (CldStepper::init) once per run, passed to every
// step of that run in grid order.
struct StepperState {
  virtual ~StepperState() = default;
  // Per-particle memory from earlier steps, each array n × d with rows aligned with the particles (the previous data
  // prediction of a multistep method); empty for one-step methods and at the start of a run. Everything a step reads
  // from earlier steps that depends on the particles must be here: the exact-law probe (exact_law.hpp) propagates
  // these arrays jointly with the particles.
  std::vector<Particles> memory;
  StepWorkspace workspace;  // scratch with no meaning from one step to the next
};

// The coefficients of a step of the form X ← state X + score s(t, X) + noise ξ, ξ from noise slot 0 of step k: what a
// fused kernel needs to run the step without the stepper (the float32 path, float32_reverse_diffusion.hpp).
struct AffineStep {
  double state = 1.0;
  double score = 0.0;
  double noise = 0.0;
};

// One move of a step made of affine moves: X ← state X + score s(score_time, X) + noise ξ, with ξ from noise slot
// `slot` of the step.
struct AffineMove {
  AffineStep coefficients;
  double score_time = 0.0;
  std::uint32_t slot = 0;
};

class PredictorCorrector;

class Stepper : public SamplerMethod {
public:
  const Stepper* as_stepper() const final { return this; }
  // The stepper as a predictor-corrector (predictor_corrector.hpp), or null.
  virtual const PredictorCorrector* as_predictor_corrector() const { return nullptr; }
  // Noise slots a step may draw (slots 0 … n-1 of NoiseSource::fill); a composition gives its parts disjoint slots.
  virtual int noise_slots_per_step() const { return 1; }
  // Every stepper on R^d is affine in the particles for an affine score, unless a step couples the batch.
  bool gaussian_preserving() const override { return !batch_coupled(); }

  // A fresh state for a run (a multistep method overrides it to add what it needs besides the memory).
  virtual std::unique_ptr<StepperState> init() const { return std::make_unique<StepperState>(); }
  // The step from t to t_next as an AffineStep, for a one-step method whose step has that form; none otherwise.
  virtual std::optional<AffineStep> affine_step(const Process&, double /*t*/, double /*t_next*/) const {
    return std::nullopt;
  }
  // The step from t to t_next as affine moves in order, for a method whose step is made of them: a one-step method's
  // affine_step (one move, score at t, slot 0), or annealed Langevin's moves at t_next; none otherwise.
  virtual std::optional<std::vector<AffineMove>> affine_moves(const Process& process, double t, double t_next) const;
  // `k` is the index of the step in its grid; it keys the noise. `state` comes from this stepper's init() and has
  // seen the steps 0 … k-1 of the same run.
  virtual void step(const Process& process, const ScoreModel& score, const NoiseSource& noise, std::uint32_t k,
                    double t, double t_next, Particles& X, StepperState& state) const = 0;
};

// The update shared by the exponential integrator, DDPM ancestral sampling and DDIM, which differ only in their
// coefficients: X ← ratio X + weight s(t, X) + noise_std ξ, with ξ from noise slot 0 of step k (not drawn when
// noise_std = 0).
void scaled_score_step(const ScoreModel& score, const NoiseSource& noise, std::uint32_t k, double t, double ratio,
                       double weight, double noise_std, Particles& X, StepWorkspace& ws);

}  // namespace sgm
