#pragma once
// One experiment: a target, a forward process, a grid, a sampler, n particles and a seed; the run and its metrics.
// The process is either a Process on R^d with a Stepper, or the critically damped Langevin diffusion with a CldStepper;
// both runs are SamplerRuns, so front ends step and evaluate them alike.
// Front ends (CLI, WebAssembly) parse their input into an ExperimentConfig; the core never parses text.
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sgm/base/grid.hpp"
#include "sgm/bound/experiment_bounds.hpp"
#include "sgm/experiment/catalogue.hpp"
#include "sgm/process/critically_damped_langevin.hpp"
#include "sgm/sampler/cld_stepper.hpp"
#include "sgm/sampler/exact_law.hpp"
#include "sgm/sampler/sampler_run.hpp"
#include "sgm/sampler/stepper.hpp"
#include "sgm/score/score_error.hpp"
#include "sgm/target/target.hpp"

namespace sgm {

struct ExperimentConfig {
  std::shared_ptr<const Target> target;
  std::shared_ptr<const Process> process;
  std::shared_ptr<const Stepper> sampler;
  std::optional<ScoreErrorSpec> score_error;  // none: the exact score
  // The critically damped Langevin diffusion (theory §7.8) in place of `process`, with `cld_sampler` in place of
  // `sampler`; `denoise` adds its final denoising step (cld_reverse_diffusion.hpp). The score is the exact velocity
  // score.
  std::shared_ptr<const CriticallyDampedLangevin> cld;
  std::shared_ptr<const CldStepper> cld_sampler;
  bool denoise = false;
  GridSpec grid = GridKind::Uniform;
  double T = 5.0;
  double delta = 1e-3;
  std::size_t steps = 100;
  std::size_t particles = 2000;
  std::uint64_t seed = 0;
  std::vector<std::string> metrics = {"sliced_w2", "w2_marginals", "mean_error", "cov_error"};
  std::size_t projections = 64;     // directions for sliced W2
  std::vector<std::string> bounds;  // names from bound_catalogue(); none by default (Monte Carlo costs)
  BoundOptions bound_options;
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
  // Reference streams of the same seed.
  ExperimentResult evaluate() const;

private:
  ExperimentConfig config_;
  std::unique_ptr<SamplerRun> run_;
  std::optional<GaussianLaw> exact_law_;  // the output's exact law, when an exact metric asks for it (exact_law.hpp)
};

// The exact score of q_t under the experiment's process, plus its score error if any (noise keyed by its seed).
std::shared_ptr<const ScoreModel> make_score_model(const ExperimentConfig& config);

// Run to the end and evaluate.
ExperimentResult run_experiment(const ExperimentConfig& config);

}  // namespace sgm
