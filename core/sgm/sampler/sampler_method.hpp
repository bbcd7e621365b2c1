#pragma once
// What every sampler of the registry is, whatever the state it steps: a name and what the experiment may ask of it.
// The steppers of processes on R^d (stepper.hpp) and the samplers of the critically damped Langevin diffusion
// (cld_sampler.hpp) derive from it; a process builds its run from a sampler of its own family
// (experiment/diffusion.hpp).
#include <string>

namespace sgm {

class Stepper;
class CldSampler;

// The scheme a sampler's Girsanov path KL is derived for (docs/theory.md §8.1): the exponential integrator with the
// score frozen over the step, Euler–Maruyama, or none (no certified path KL).
enum class PathKLScheme { None, ExponentialIntegrator, EulerMaruyama };

class SamplerMethod {
public:
  virtual ~SamplerMethod() = default;
  virtual std::string name() const = 0;
  virtual double weak_order() const = 0;
  virtual int score_evaluations_per_step() const { return 1; }
  virtual PathKLScheme path_kl_scheme() const { return PathKLScheme::None; }
  // True when the sampler maps Gaussian particles to Gaussian particles for an affine score (an affine map per step
  // with Gaussian noise, particle by particle), so that its output law on a Gaussian target is exact (exact_law.hpp).
  virtual bool gaussian_preserving() const { return false; }
  // True when a particle's step depends on the other particles of the batch (e.g. the target-SNR step size of a
  // Langevin corrector averages norms over the batch): such a sampler has no per-particle output law (exact_law.hpp),
  // and its runs are not split into blocks of particles (particle_block.hpp).
  virtual bool batch_coupled() const { return false; }
  // The sampler as a stepper of a process on R^d (stepper.hpp) or as a CLD sampler (cld_sampler.hpp); null if it is
  // not one. Queries in place of dynamic_cast: the WebAssembly module is built without RTTI (docs/development.md).
  virtual const Stepper* as_stepper() const { return nullptr; }
  virtual const CldSampler* as_cld_sampler() const { return nullptr; }
};

}  // namespace sgm
