#include "sgm/experiment/process_diffusion.hpp"

#include "sgm/base/error.hpp"
#include "sgm/sampler/float32_reverse_diffusion.hpp"
#include "sgm/sampler/reverse_diffusion.hpp"

namespace sgm {

ProcessDiffusion::ProcessDiffusion(std::shared_ptr<const Process> process, double default_horizon,
                                   double default_early_stop)
    : process_(std::move(process)), T_(default_horizon), delta_(default_early_stop) {}

Grid ProcessDiffusion::grid(const GridSpec& spec, double T, double delta, std::size_t steps) const {
  return Grid(spec, *process_, T, delta, steps);
}

std::shared_ptr<const Stepper> stepper_of(const RunRequest& request) {
  require(request.sampler != nullptr, "sampler", "is missing");
  const Stepper* stepper = request.sampler->as_stepper();
  require(stepper != nullptr, "sampler",
          "\"" + request.sampler->name() + "\" does not step a process on R^d (it belongs to another family)");
  return std::shared_ptr<const Stepper>(request.sampler, stepper);  // sharing the sampler's ownership
}

std::shared_ptr<const ScoreModel> ProcessDiffusion::score_model(const RunRequest& request,
                                                                std::uint32_t first_particle) const {
  require(request.target != nullptr, "target", "is missing");
  if (request.learned_score) {
    require(!request.score_error, "score", "is either learned or the exact score plus an error, not both");
    require(request.learned_score->dim() == request.target->dim(), "score",
            "the learned score has dimension " + std::to_string(request.learned_score->dim()) +
                ", the target has dimension " + std::to_string(request.target->dim()));
    return request.learned_score;
  }
  auto exact = std::make_shared<ExactScore>(request.target, process_);
  if (!request.score_error) return exact;
  const ScoreErrorSpec& e = *request.score_error;
  return std::make_shared<ScoreWithError>(exact, e.kind, e.epsilon, e.frequency, request.seed, first_particle);
}

std::unique_ptr<SamplerRun> ProcessDiffusion::run(const RunRequest& request) const {
  const Grid run_grid = grid(request.grid, request.T, request.delta, request.steps);
  const bool exact = !request.score_error && !request.learned_score;
  const bool float32 = request.precision == Precision::Float32 ||
                       (request.precision == Precision::Automatic && exact &&
                        Float32ReverseDiffusion::has_kernel(*process_, run_grid, *stepper_of(request), request.target));
  // A block of the run (particle_block.hpp): its particles are keyed by their index in the whole run.
  const ParticleBlock block = resolve_particle_block(request.block, request.particles);
  const auto first = static_cast<std::uint32_t>(block.first);
  if (float32) {
    require(exact, "precision",
            "\"float32\" runs the exact score only (no score error, no learned score); use \"float64\"");
    return std::make_unique<Float32ReverseDiffusion>(process_, run_grid, stepper_of(request), request.target,
                                                     block.count, request.seed, request.threads, first,
                                                     request.particles);
  }
  return std::make_unique<ReverseDiffusion>(process_, run_grid, stepper_of(request), score_model(request, first),
                                            block.count, request.seed, first);
}

std::optional<GaussianLaw> ProcessDiffusion::exact_output_law(const RunRequest& request) const {
  return sgm::exact_output_law(*process_, grid(request.grid, request.T, request.delta, request.steps),
                               *stepper_of(request), *score_model(request));
}

Inspection ProcessDiffusion::inspect(const RunRequest& request, const InspectionRequest& what) const {
  return inspect_process(*process_, grid(request.grid, request.T, request.delta, request.steps), *request.target,
                         *score_model(request), sampler_properties(*request.sampler, kFamily), what);
}

std::vector<Bound> ProcessDiffusion::bounds(const RunRequest& request, const std::vector<std::string>& names,
                                            const BoundOptions& options) const {
  const Grid g = grid(request.grid, request.T, request.delta, request.steps);
  const auto score = score_model(request);
  if (request.learned_score) {
    // The published bounds take the measured error: its sup over the grid (Chen et al.'s A3) and its step-weighted
    // sum of squares (Benton et al.'s Assumption 1), docs/theory.md §14.
    const ScoreErrorProfile p = score_error_profile(request, {options.samples, options.confidence, request.seed});
    return experiment_bounds(names, *request.target, *process_, g.times(), *stepper_of(request), *score, p.sup, options,
                             request.seed, p.weighted_square);
  }
  return experiment_bounds(names, *request.target, *process_, g.times(), *stepper_of(request), *score,
                           request.score_error ? request.score_error->epsilon : 0.0, options, request.seed);
}

ScoreErrorProfile ProcessDiffusion::score_error_profile(const RunRequest& request,
                                                        const MonteCarloOptions& options) const {
  const Grid g = grid(request.grid, request.T, request.delta, request.steps);
  return measure_score_error(*score_model(request), *request.target, *process_, g.times(), options);
}

}  // namespace sgm
