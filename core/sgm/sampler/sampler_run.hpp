#pragma once
// A reverse-time sampler run, driven the same way by every front end (CLI, WebAssembly Session, experiments) whatever
// the process: one grid step at a time (so a page can animate it) or to the end with a per-step callback
// (k-diffusion style). This base walks the grid and counts; ReverseDiffusion (processes on R^d) and
// CldReverseDiffusion (the critically damped Langevin diffusion on (x, v) ∈ R^{2d}, whose particles() are the
// positions x) move the particles.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "sgm/base/grid.hpp"
#include "sgm/base/types.hpp"

namespace sgm {

// The law of a X_0 + s Z with X_0 ~ q and Z ~ N(0, I) independent (target.hpp answers for it).
struct PerturbedLaw {
  double a = 1.0;
  double s = 0.0;
};

class SamplerRun {
public:
  virtual ~SamplerRun() = default;

  static constexpr std::size_t kMaxParticles = 10000000;

  bool done() const { return k_ >= grid_.steps(); }
  // One grid step; no-op when done. Polls cancellation (base/cancellation.hpp) before the step, and after it throws
  // InvalidArgument naming the step, the time and the first particle when a particle is not finite.
  void step();
  // Steps to the end; after each step calls back with (steps done, current forward time, particles, score evals).
  using Callback = std::function<void(std::size_t, double, const Particles&, std::size_t)>;
  void run(const Callback& callback = {});

  virtual const Particles& particles() const = 0;            // n × d positions
  virtual double time() const { return grid_.times()[k_]; }  // current forward time
  std::size_t steps_done() const { return k_; }
  std::size_t score_evaluations() const { return score_evals_; }
  const Grid& grid() const { return grid_; }
  // The run's first particle in a larger run it is a block of (particle_block.hpp); 0 for a whole run.
  std::uint32_t first_particle() const { return first_particle_; }
  // The law the final particles approximate, of the form a X_0 + s Z (q_δ for early stopping at δ).
  virtual PerturbedLaw output_law() const = 0;
  // Frees what particles() keeps beside the run's own state (the double copy of float32 particles: particles()
  // builds it again when asked), for a caller that evaluates particles given from elsewhere.
  virtual void release_particle_copy() const {}

protected:
  // Validates 1 ≤ n ≤ kMaxParticles (the number of particles the derived run will hold).
  SamplerRun(Grid grid, std::size_t n, std::uint32_t first_particle = 0);
  // Moves the particles over grid step k, from forward time t to t_next; returns the score evaluations it made.
  virtual std::size_t advance(std::size_t k, double t, double t_next) = 0;
  // Whether every coordinate of particles() is finite (checked after each step). A run that holds its particles in
  // another form (float32) answers from that form, without building particles().
  virtual bool particles_finite() const { return particles().allFinite(); }
  // What the error of a non-finite particle advises (the run's precision decides what overflowed).
  virtual std::string overflow_advice() const {
    return "The parameters overflow double precision: reduce the target's scale, the score error or the step size";
  }

private:
  void require_finite_particles() const;

  Grid grid_;
  std::uint32_t first_particle_;
  std::size_t k_ = 0;
  std::size_t score_evals_ = 0;
};

}  // namespace sgm
