#include "sgm/experiment.hpp"

#include <algorithm>

#include "sgm/catalogue.hpp"
#include "sgm/cld_reverse_diffusion.hpp"
#include "sgm/error.hpp"
#include "sgm/reverse_diffusion.hpp"
#include "sgm/score_model.hpp"
#include "sgm/wasserstein.hpp"

namespace sgm {

const Catalogue& metric_catalogue() {
  static const Catalogue catalogue = {
      {"sliced_w2", "sliced W2 between the samples and an exact sample of q_δ of the same size"},
      {"sliced_w2_floor", "sliced W2 between two independent exact samples of q_δ: the Monte Carlo floor"},
      {"w2_marginals", "exact 1-D W2 per coordinate between the samples and an exact sample of q_δ"},
      {"mean_error", "|mean of the samples - E q_δ| (exact mean)"},
      {"cov_error", "Frobenius norm of (sample covariance - Cov q_δ) (exact covariance)"},
  };
  return catalogue;
}

namespace {

// The exact score of q_t, plus the requested error if any (its noise keyed by the experiment's seed).
std::shared_ptr<const ScoreModel> score_model(const ExperimentConfig& c) {
  require(c.target != nullptr, "target", "is missing");
  require(c.process != nullptr, "process", "is missing");
  require(c.sampler != nullptr, "sampler", "is missing");
  auto exact = std::make_shared<ExactScore>(c.target, c.process);
  if (!c.score_error) return exact;
  const ScoreErrorSpec& e = *c.score_error;
  return std::make_shared<ScoreWithError>(exact, e.kind, e.epsilon, e.frequency, c.seed);
}

void validate_metrics(const ExperimentConfig& c) {
  const auto& catalogue = metric_catalogue();
  for (const std::string& name : c.metrics) {
    const bool known = std::any_of(catalogue.begin(), catalogue.end(), [&](const auto& m) { return m.first == name; });
    if (!known) throw_unknown_name("metrics", name, catalogue);
  }
  require(c.projections >= 1 && c.projections <= 4096, "projections", static_cast<double>(c.projections),
          "an integer in [1, 4096]");
}

// The run of the configured process: CLD (state (x, v), exact velocity score) or a process on R^d.
std::unique_ptr<SamplerRun> make_run(const ExperimentConfig& c) {
  if (!c.cld) {
    require(c.process != nullptr, "process", "is missing");
    Grid grid(c.grid, *c.process, c.T, c.delta, c.steps);
    require(c.cld_sampler == nullptr, "sampler",
            "\"" + (c.cld_sampler ? c.cld_sampler->name() : "") + "\" needs process = \"cld\"");
    return std::make_unique<ReverseDiffusion>(c.process, std::move(grid), c.sampler, score_model(c), c.particles,
                                              c.seed);
  }
  Grid grid(c.grid, c.T, c.delta, c.steps);
  require(c.target != nullptr, "target", "is missing");
  require(c.process == nullptr, "process", "set both a process on R^d and cld: choose one");
  require(c.sampler == nullptr && c.cld_sampler != nullptr, "sampler",
          (c.sampler ? "\"" + c.sampler->name() + "\" does not apply to process = \"cld\": " : std::string()) +
              "process = \"cld\" needs one of " + quoted_names(cld_sampler_catalogue()));
  require(c.bounds.empty(), "bounds", "are not available with process = \"cld\" (the bounds are written for processes "
                                      "on R^d); leave \"bounds\" out");
  require(!c.score_error, "score", "a score error is not available with process = \"cld\" (its score is the velocity "
                                   "score ∇_v ln p_t): use \"exact\"");
  return std::make_unique<CldReverseDiffusion>(c.cld, std::move(grid), c.cld_sampler,
                                               std::make_shared<ExactVelocityScore>(c.target, c.cld), c.particles,
                                               c.seed, c.denoise);
}

bool wants(const ExperimentConfig& c, const std::string& name) {
  return std::find(c.metrics.begin(), c.metrics.end(), name) != c.metrics.end();
}

Matrix sample_covariance(const Particles& X) {
  const Particles centred = X.rowwise() - X.colwise().mean();
  return centred.transpose() * centred / static_cast<double>(std::max<Eigen::Index>(X.rows() - 1, 1));
}

}  // namespace

Experiment::Experiment(ExperimentConfig config)
    : config_((validate_metrics(config), validate_bounds(config.bounds, config.bound_options), std::move(config))),
      run_(make_run(config_)) {}

ExperimentResult Experiment::evaluate() const {
  const ExperimentConfig& c = config_;
  const Particles& X = run_->particles();
  const std::size_t n = static_cast<std::size_t>(X.rows());
  const PerturbedLaw law = run_->output_law();
  const double a = law.a, s = law.s;
  const CounterRng rng(c.seed);

  ExperimentResult r;
  r.steps = run_->steps_done();
  r.score_evaluations = run_->score_evaluations();
  r.final_time = run_->time();

  const bool needs_reference = wants(c, "sliced_w2") || wants(c, "sliced_w2_floor") || wants(c, "w2_marginals");
  Particles reference;
  if (needs_reference) reference = c.target->sample_perturbed(n, a, s, rng, Stream::Reference, Stream::ReferenceNoise);
  const Matrix directions = uniform_directions(c.target->dim(), c.projections, rng);

  if (wants(c, "sliced_w2")) r.scalars["sliced_w2"] = sliced_w2(X, reference, directions);
  if (wants(c, "sliced_w2_floor")) {
    const Particles second = c.target->sample_perturbed(n, a, s, rng, Stream::FloorSample, Stream::FloorNoise);
    r.scalars["sliced_w2_floor"] = sliced_w2(second, reference, directions);
  }
  if (wants(c, "w2_marginals")) {
    std::vector<double>& w = r.vectors["w2_marginals"];
    for (Eigen::Index j = 0; j < X.cols(); ++j) w.push_back(w2_1d(X.col(j), reference.col(j)));
  }
  if (wants(c, "mean_error")) r.scalars["mean_error"] = (X.colwise().mean().transpose() - a * c.target->mean()).norm();
  if (wants(c, "cov_error")) {
    Matrix exact = a * a * c.target->covariance();
    exact.diagonal().array() += s * s;
    r.scalars["cov_error"] = (sample_covariance(X) - exact).norm();
  }
  if (!c.bounds.empty()) {
    r.bounds = experiment_bounds(c.bounds, *c.target, *c.process, run_->grid().times(), c.sampler->name(),
                                 *score_model(c), c.score_error ? c.score_error->epsilon : 0.0, c.bound_options, c.seed);
  }
  return r;
}

ExperimentResult run_experiment(const ExperimentConfig& config) {
  Experiment experiment(config);
  experiment.sampler().run();
  return experiment.evaluate();
}

}  // namespace sgm
