#include "sgm/experiment/inspection.hpp"

#include <string>

#include "sgm/base/error.hpp"
#include "sgm/base/grid.hpp"

namespace sgm {

Inspection inspect(const ExperimentConfig& config, const InspectionRequest& request) {
  require(config.process != nullptr, "process",
          "inspect evaluates processes on R^d; the critically damped Langevin diffusion is not one");
  const Process& process = *config.process;
  const Grid grid(config.grid, process, config.T, config.delta, config.steps);
  Inspection out;
  out.grid = grid.times();
  out.times = request.times.empty() ? grid.times() : request.times;
  for (std::size_t i = 0; i < out.times.size(); ++i) {
    require(out.times[i] > 0.0 && out.times[i] <= config.T, "inspect.times[" + std::to_string(i) + "]", out.times[i],
            "a forward time in (0, T = " + format_value(config.T) + "]");
  }
  for (const double t : out.times) {
    out.process.mean_coeff.push_back(process.mean_coeff(t));
    out.process.std.push_back(process.std(t));
    out.process.drift_rate.push_back(process.drift_rate(t));
    out.process.diffusion_sq.push_back(process.diffusion_sq(t));
  }
  out.process.prior_std = process.prior_std(config.T);

  const Stepper& stepper = *config.sampler;
  out.sampler = {stepper.name(), stepper.weak_order(), stepper.score_evaluations_per_step(),
                 stepper.noise_slots_per_step(), stepper.batch_coupled()};

  const Particles& X = request.points;
  if (X.rows() == 0) return out;
  const Target& target = *config.target;
  require(X.cols() == target.dim(), "inspect.points", static_cast<double>(X.cols()),
          "points of the target's dimension " + std::to_string(target.dim()));
  require(X.allFinite(), "inspect.points", "must have finite coordinates");
  const auto model = make_score_model(config);
  for (const double t : out.times) {
    FieldAtTime field;
    field.time = t;
    // q_t = law of a(t) X_0 + σ(t) Z (theory §1): the target answers for its perturbed density and score.
    field.log_density = target.log_density(process.mean_coeff(t), process.std(t), X);
    field.score.resize(X.rows(), X.cols());
    field.model_score.resize(X.rows(), X.cols());
    target.score(process.mean_coeff(t), process.std(t), X, field.score);
    model->score(t, X, field.model_score);
    out.fields.push_back(std::move(field));
  }
  return out;
}

}  // namespace sgm
