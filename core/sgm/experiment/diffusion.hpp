#pragma once
// A forward process as an experiment runs it (the registry's "process" entries): it builds its grid and its
// reverse-time run (sampler_run.hpp) from a sampler of its own family, and says what the metrics and bounds may ask of
// it. Two implementations: ProcessDiffusion, a process on R^d (process.hpp) with the steppers of stepper.hpp (family
// "diffusion"), and CldDiffusion, the critically damped Langevin diffusion on (x, v) with the samplers of
// cld_sampler.hpp (family "cld"). The experiment, the parser, the sweep and the page see only this interface, so no
// front end branches on the process.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sgm/base/grid.hpp"
#include "sgm/base/parameter.hpp"
#include "sgm/bound/bound.hpp"
#include "sgm/bound/experiment_bounds.hpp"
#include "sgm/experiment/inspection.hpp"
#include "sgm/sampler/exact_law.hpp"
#include "sgm/sampler/particle_block.hpp"
#include "sgm/sampler/sampler_method.hpp"
#include "sgm/sampler/sampler_run.hpp"
#include "sgm/score/measured_score_error.hpp"
#include "sgm/score/score_error.hpp"
#include "sgm/target/target.hpp"

namespace sgm {

// Everything a run is made of besides the process.
// The arithmetic of the sampler: float64 is the reference path; float32 runs the fused SIMD kernels on all cores
// (float32_reverse_diffusion.hpp) where a (target, sampler) pair has one; automatic takes float32 where the run has a
// kernel (exact score, a target and sampler with one) and float64 otherwise.
enum class Precision { Float64, Float32, Automatic };

struct RunRequest {
  std::shared_ptr<const Target> target;
  std::shared_ptr<const SamplerMethod> sampler;
  std::optional<ScoreErrorSpec> score_error;        // none: the exact score
  std::shared_ptr<const ScoreModel> learned_score;  // a trained network (score_network.hpp) in place of the exact score
  GridSpec grid;
  double T = 1.0;
  double delta = 1e-3;
  std::size_t steps = 100;
  std::size_t particles = 2000;
  std::uint64_t seed = 0;
  Precision precision = Precision::Float64;
  unsigned threads = 0;                // float32 only: 0 = all hardware threads (the samples do not depend on it)
  std::optional<ParticleBlock> block;  // run only these of the `particles` (particle_block.hpp); none: all
};

class ProcessDiffusion;

class Diffusion {
public:
  virtual ~Diffusion() = default;
  virtual std::string name() const = 0;
  // The family of samplers it takes (the registry's sampler entries declare theirs) and the default one.
  virtual std::string sampler_family() const = 0;
  virtual std::string default_sampler() const = 0;
  // The horizon T and early-stopping time δ an experiment uses when it names none (docs/theory.md §7.9).
  virtual double default_horizon() const = 0;
  virtual double default_early_stop() const = 0;
  // What the defaults of its samplers may depend on (context of parameter.hpp).
  virtual Context context(double T, double delta, int dim) const = 0;
  // The grid of a run; validates T, δ, N and the grid's parameters with their names.
  virtual Grid grid(const GridSpec& spec, double T, double delta, std::size_t steps) const = 0;
  // Capabilities: a score model other than the exact score (with a controlled error, score_error.hpp, or learned),
  // the bounds of experiment_bounds.hpp.
  virtual bool takes_score_error() const = 0;
  virtual bool has_bounds() const = 0;
  // The run's coordinates per particle and target dimension: 1 on R^d, 2 for CLD's (x, v) (for the work budget).
  virtual int state_copies() const { return 1; }
  // The diffusion as a process on R^d (process_diffusion.hpp), or null (a query in place of dynamic_cast: the
  // WebAssembly module is built without RTTI).
  virtual const ProcessDiffusion* as_process_diffusion() const { return nullptr; }
  // The run; throws InvalidArgument naming the field that does not fit (a sampler of another family, a score error
  // where none is taken).
  virtual std::unique_ptr<SamplerRun> run(const RunRequest& request) const = 0;
  // The exact law of the output, when it is Gaussian and computable (linear sampler, Gaussian target); none otherwise.
  virtual std::optional<GaussianLaw> exact_output_law(const RunRequest& request) const = 0;
  // The objects of a run evaluated without sampling (inspection.hpp): grid, sampler properties, and for a process on
  // R^d its coefficients and the density and scores of q_t at the requested times and points.
  virtual Inspection inspect(const RunRequest& request, const InspectionRequest& what) const = 0;
  // The bounds `names` of a run (has_bounds() must hold).
  virtual std::vector<Bound> bounds(const RunRequest& request, const std::vector<std::string>& names,
                                    const BoundOptions& options) const = 0;
  // The measured L² error of the run's score model on its grid (measured_score_error.hpp; takes_score_error() must
  // hold).
  virtual ScoreErrorProfile score_error_profile(const RunRequest& request, const MonteCarloOptions& options) const = 0;
};

}  // namespace sgm
