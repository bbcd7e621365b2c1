#pragma once
// One experiment: a target, a forward process, a grid, a sampler, n particles and a seed; the run and its metrics.
// The process is a Diffusion (diffusion.hpp): a process on R^d or the critically damped Langevin diffusion, each with
// a sampler of its own family; it builds the run (a SamplerRun), so front ends step and evaluate every process alike.
// Front ends (CLI, WebAssembly) parse their input into an ExperimentConfig; the core never parses text.
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sgm/base/grid.hpp"
#include "sgm/base/registry.hpp"
#include "sgm/bound/experiment_bounds.hpp"
#include "sgm/experiment/diffusion.hpp"
#include "sgm/experiment/floor_cache.hpp"
#include "sgm/experiment/work_estimate.hpp"
#include "sgm/learn/score_network.hpp"
#include "sgm/sampler/exact_law.hpp"
#include "sgm/sampler/sampler_run.hpp"
#include "sgm/score/score_error.hpp"
#include "sgm/target/target.hpp"

namespace sgm {

struct ExperimentConfig {
  std::shared_ptr<const Target> target;
  std::shared_ptr<const Diffusion> process;
  std::shared_ptr<const SamplerMethod> sampler;       // of the process's sampler family
  std::optional<ScoreErrorSpec> score_error;          // none: the exact score
  std::shared_ptr<const ScoreNetwork> learned_score;  // a trained network in place of the exact score
  GridSpec grid = GridKind::Uniform;
  double T = 5.0;
  double delta = 1e-3;
  std::size_t steps = 100;
  std::size_t particles = 2000;
  std::uint64_t seed = 0;
  Precision precision = Precision::Float64;
  unsigned threads = 0;  // the float32 kernel and sliced W2: 0 = all hardware threads
  // Run only these of the `particles` (particle_block.hpp: a run split across the page's workers); none: all.
  std::optional<ParticleBlock> block;
  std::vector<std::string> metrics = {"sliced_w2", "w2_marginals", "mean_error", "cov_error"};
  std::size_t projections = 64;     // directions for sliced W2
  std::vector<std::string> bounds;  // names from bound_catalogue(); none by default (Monte Carlo costs)
  BoundOptions bound_options;
  WorkLimits limits;  // the work and memory the run may take (work_estimate.hpp); checked before any allocation

  RunRequest run_request() const;  // everything but the process and the metrics
};

// The metric names an experiment accepts, each with a one-line meaning (for --help, the documents and error messages).
const Catalogue& metric_catalogue();

struct ExperimentResult {
  std::map<std::string, double> scalars;               // e.g. "sliced_w2"
  std::map<std::string, std::vector<double>> vectors;  // e.g. "w2_marginals" (one value per coordinate)
  std::size_t steps = 0;
  std::size_t score_evaluations = 0;
  double final_time = 0.0;
  std::vector<Bound> bounds;  // the requested bounds, in the requested order
};

class Experiment {
public:
  explicit Experiment(ExperimentConfig config);  // validates every field

  SamplerRun& sampler() { return *run_; }
  const SamplerRun& sampler() const { return *run_; }
  const ExperimentConfig& config() const { return config_; }

  // Metrics of the current particles against the exact law q_δ the run approximates (SamplerRun::output_law; for CLD
  // the position marginal): the reference is an independent exact sample of q_δ of the same size, drawn from the
  // Reference streams of the same seed. With `floors`, a "_floor" metric already stored for this run's key is taken
  // from it and one computed here is stored in it (floor_cache.hpp: a sweep's runs share their floors).
  ExperimentResult evaluate(FloorCache* floors = nullptr) const;
  // The same for given particles in place of the run's own: all `particles` of the run (n × d), e.g. gathered from
  // the blocks of a split run (particle_block.hpp), whose result is then the unsplit run's. Throws InvalidArgument
  // naming "particles" unless X is config().particles × the target's dimension.
  ExperimentResult evaluate(const Particles& X, FloorCache* floors = nullptr) const;

  // Sliced W2 shared out by directions (the page's workers each take a range of them): the samples its terms hold
  // per direction — the particles for "sliced_w2", then the floor's exact sample for "sliced_w2_floor", those asked
  // for (0, 1 or 2) — and their terms for all particles X of the run (as evaluate(X)) over the directions
  // first … last − 1 of the experiment's `projections` (sliced_w2_terms' layout). Each worker draws the same reference
  // and floor samples from the seed. To hold at most two n × d samples besides the run's own particles, sliced_terms
  // takes X, computes its terms, frees it, and only then draws the floor's sample (each reference projection is then
  // sorted twice: a third more sorts than evaluate(), which shares them). evaluate(X, terms), with the terms of all
  // directions (the ranges' terms joined in direction order), is evaluate(X) bit for bit without computing them; it
  // throws InvalidArgument naming "sliced_terms" unless they number projections × sliced_samples(). Both free the
  // run's double copy of float32 particles (SamplerRun::release_particle_copy): X comes from elsewhere.
  std::size_t sliced_samples() const;
  std::vector<double> sliced_terms(Particles X, std::size_t first, std::size_t last) const;
  ExperimentResult evaluate(const Particles& X, const std::vector<double>& sliced_terms) const;

private:
  void require_run_particles(const Particles& X) const;
  ExperimentResult evaluate_particles(const Particles& X, FloorCache* floors,
                                      const std::vector<double>* sliced_terms = nullptr) const;

  ExperimentConfig config_;
  std::unique_ptr<SamplerRun> run_;
  std::optional<GaussianLaw> exact_law_;  // the output's exact law, when an exact metric asks for it (exact_law.hpp)
};

// The experiment's objects evaluated without sampling (inspection.hpp, Diffusion::inspect).
Inspection inspect(const ExperimentConfig& config, const InspectionRequest& request);

// Run to the end and evaluate.
ExperimentResult run_experiment(const ExperimentConfig& config, FloorCache* floors = nullptr);

}  // namespace sgm
