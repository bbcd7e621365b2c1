#include "sgm/experiment/inspection.hpp"

#include <string>

#include "sgm/base/error.hpp"

namespace sgm {

SamplerProperties sampler_properties(const SamplerMethod& sampler, const std::string& family) {
  return {sampler.name(), family, sampler.weak_order(), sampler.score_evaluations_per_step(), sampler.path_kl_scheme()};
}

Inspection inspect_process(const Process& process, const Grid& grid, const Target& target, const ScoreModel& model,
                           const SamplerProperties& sampler, const InspectionRequest& request) {
  Inspection out;
  out.sampler = sampler;
  out.grid = grid.times();
  out.times = request.times.empty() ? grid.times() : request.times;
  const double T = grid.horizon();
  for (std::size_t i = 0; i < out.times.size(); ++i) {
    require(out.times[i] > 0.0 && out.times[i] <= T, "inspect.times[" + std::to_string(i) + "]", out.times[i],
            "a forward time in (0, T = " + format_value(T) + "]");
  }
  for (const double t : out.times) {
    out.process.mean_coeff.push_back(process.mean_coeff(t));
    out.process.std.push_back(process.std(t));
    out.process.drift_rate.push_back(process.drift_rate(t));
    out.process.diffusion_sq.push_back(process.diffusion_sq(t));
  }
  out.process.prior_std = process.prior_std(T);

  const Particles& X = request.points;
  if (X.rows() == 0) return out;
  require(X.cols() == target.dim(), "inspect.points", static_cast<double>(X.cols()),
          "points of the target's dimension " + std::to_string(target.dim()));
  require(X.allFinite(), "inspect.points", "must have finite coordinates");
  for (const double t : out.times) {
    FieldAtTime field;
    field.time = t;
    // q_t = law of a(t) X_0 + σ(t) Z (theory §1): the target answers for its perturbed density and score.
    field.log_density = target.log_density(process.mean_coeff(t), process.std(t), X);
    field.score.resize(X.rows(), X.cols());
    field.model_score.resize(X.rows(), X.cols());
    target.score(process.mean_coeff(t), process.std(t), X, field.score);
    model.score(t, X, field.model_score);
    out.fields.push_back(std::move(field));
  }
  return out;
}

}  // namespace sgm
