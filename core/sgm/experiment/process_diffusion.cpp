#include "sgm/experiment/process_diffusion.hpp"

#include "sgm/base/error.hpp"
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
  auto stepper = std::dynamic_pointer_cast<const Stepper>(request.sampler);
  require(stepper != nullptr, "sampler",
          "\"" + request.sampler->name() + "\" does not step a process on R^d (it belongs to another family)");
  return stepper;
}

std::shared_ptr<const ScoreModel> ProcessDiffusion::score_model(const RunRequest& request) const {
  require(request.target != nullptr, "target", "is missing");
  auto exact = std::make_shared<ExactScore>(request.target, process_);
  if (!request.score_error) return exact;
  const ScoreErrorSpec& e = *request.score_error;
  return std::make_shared<ScoreWithError>(exact, e.kind, e.epsilon, e.frequency, request.seed);
}

std::unique_ptr<SamplerRun> ProcessDiffusion::run(const RunRequest& request) const {
  return std::make_unique<ReverseDiffusion>(process_, grid(request.grid, request.T, request.delta, request.steps),
                                            stepper_of(request), score_model(request), request.particles, request.seed);
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
  return experiment_bounds(names, *request.target, *process_, g.times(), *stepper_of(request), *score_model(request),
                           request.score_error ? request.score_error->epsilon : 0.0, options, request.seed);
}

}  // namespace sgm
