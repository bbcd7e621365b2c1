#include "sgm/experiment/experiment.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <utility>

#include "sgm/base/error.hpp"
#include "sgm/base/registry.hpp"
#include "sgm/metric/energy_distance.hpp"
#include "sgm/metric/gaussian_distances.hpp"
#include "sgm/metric/gaussian_kl.hpp"
#include "sgm/metric/histogram_tv.hpp"
#include "sgm/metric/kl_estimate.hpp"
#include "sgm/metric/mode_occupancy.hpp"
#include "sgm/metric/nearest_neighbours.hpp"
#include "sgm/metric/wasserstein.hpp"
#include "sgm/numerics/normal_mixture_1d.hpp"
#include "sgm/target/gaussian_mixture.hpp"

namespace sgm {

const Catalogue& metric_catalogue() {
  static const Catalogue catalogue = {
      {"sliced_w2", "sliced W2 between the samples and an exact sample of q_δ of the same size"},
      {"sliced_w2_floor", "sliced W2 between two independent exact samples of q_δ: the Monte Carlo floor"},
      {"w2_marginals", "exact 1-D W2 per coordinate between the samples and an exact sample of q_δ"},
      {"mean_error", "|mean of the samples - E q_δ| (exact mean)"},
      {"cov_error", "Frobenius norm of (sample covariance - Cov q_δ) (exact covariance)"},
      {"w2", "exact W2 by optimal assignment between the samples and an exact sample of q_δ (particles ≤ 4000)"},
      {"w2_floor", "exact W2 between two independent exact samples of q_δ: the Monte Carlo floor of \"w2\""},
      {"w2_marginals_to_law",
       "exact 1-D W2 per coordinate between the samples and the exact marginal law of q_δ "
       "(quantile coupling; Gaussian and mixture targets)"},
      {"gaussian_w2",
       "W2 between N(sample mean, sample covariance) and N(E q_δ, Cov q_δ): the Gelbrich lower bound "
       "on W2(law of the samples, q_δ); exact for Gaussian laws"},
      {"energy_distance",
       "sqrt(2E|X-Y| - E|X-X'| - E|Y-Y'|) between the samples and an exact sample of q_δ "
       "(V-statistic; particles ≤ 20000 when d ≥ 2)"},
      {"energy_distance_floor", "energy distance between two independent exact samples of q_δ (Monte Carlo floor)"},
      {"tv_histogram",
       "TV between the samples and the density of q_δ by a histogram, ⌈n^{1/(d+2)}⌉ bins per axis "
       "(d ≤ 2)"},
      {"tv_histogram_floor", "tv_histogram of an exact sample of q_δ (its noise floor)"},
      {"kl_estimate", "KL(law of the samples ‖ q_δ) by Kozachenko–Leonenko k-NN entropy (k = 5) and log q_δ (d ≤ 2)"},
      {"kl_estimate_floor", "kl_estimate of an exact sample of q_δ (its noise and bias floor)"},
      {"kl_estimate_reverse",
       "KL(q_δ ‖ law of the samples) by the k-NN density (k = 1) of the samples at an exact "
       "sample of q_δ (d ≤ 2)"},
      {"kl_estimate_reverse_floor", "kl_estimate_reverse of an exact sample of q_δ (its noise and bias floor)"},
      {"mode_occupancy",
       "fraction of samples whose most responsible component of q_δ is j, per component "
       "(mixture targets)"},
      {"mode_occupancy_chi2",
       "Pearson statistic n Σ_j (occupancy_j - weight_j)²/weight_j (≈ K - 1 for exact "
       "samples of well-separated modes; mixture targets)"},
      {"mode_occupancy_chi2_floor", "mode_occupancy_chi2 of an exact sample of q_δ"},
      {"exact_w2",
       "W2 (Bures) between the exact Gaussian law of the output and q_δ: no Monte Carlo noise (Gaussian "
       "targets, linear samplers; exact_law.hpp)"},
      {"score_error",
       "the measured L² error ε(t) = (E_{q_t}|s(t, X) - ∇ln q_t(X)|²)^{1/2} of the run's score at each grid time, "
       "with CLT bounds (bound_options.samples draws), its sup and Σ_k h_k ε(t_k)² (docs/theory.md §14)"},
      {"nearest_training_distance",
       "distance of each sample to its nearest training point: [mean, 10 %, 50 %, 90 % quantiles] "
       "(point-cloud targets; memorisation)"},
      {"exact_kl",
       "KL(q_δ ‖ exact law of the output) in closed form (Gaussian targets, linear samplers): the quantity "
       "certified_kl bounds"},
  };
  return catalogue;
}

namespace {

// Limits and neighbour counts of the distance metrics (README.md, "Distances and estimators": timings from
// `sgm_metrics_bench`, k from the bias study `sgm_metrics_bench bias`).
constexpr std::size_t kMaxParticlesForW2 = 4000;               // O(n³) assignment: ≈ 1.3 s at 2000, 11 s at 4000
constexpr std::size_t kMaxParticlesForEnergyDistance = 20000;  // O(n² d) pairs when d ≥ 2 (1-D sorts: no limit)
constexpr int kNeighboursForward = 5;  // KL(samples ‖ q_δ): lowest mean squared error of k ∈ {1, 5} at n ≤ 16000
constexpr int kNeighboursReverse = 1;  // KL(q_δ ‖ samples): the bias from q_δ's mass in sparse regions grows with k

bool wants_any(const ExperimentConfig& c, std::initializer_list<const char*> names) {
  return std::any_of(names.begin(), names.end(), [&](const char* name) {
    return std::find(c.metrics.begin(), c.metrics.end(), name) != c.metrics.end();
  });
}

// Errors that only a combination of fields reveals (a metric with too many particles, the wrong dimension or a
// target without components), raised before any sampling.
void validate_metric_requirements(const ExperimentConfig& c) {
  const std::size_t n = c.particles;
  const int d = c.target ? c.target->dim() : 1;
  if (wants_any(c, {"w2", "w2_floor"}))
    require(
        n <= kMaxParticlesForW2, "particles", static_cast<double>(n),
        "at most " + std::to_string(kMaxParticlesForW2) +
            " for the metric \"w2\" (exact assignment costs O(n³)); \"sliced_w2\" and \"w2_marginals\" have no limit");
  if (d >= 2 && wants_any(c, {"energy_distance", "energy_distance_floor"}))
    require(n <= kMaxParticlesForEnergyDistance, "particles", static_cast<double>(n),
            "at most " + std::to_string(kMaxParticlesForEnergyDistance) +
                " for the metric \"energy_distance\" in dimension ≥ 2 (all pairs: O(n² d))");
  for (const char* name : {"tv_histogram", "tv_histogram_floor", "kl_estimate", "kl_estimate_floor",
                           "kl_estimate_reverse", "kl_estimate_reverse_floor"})
    if (wants_any(c, {name}))
      require(d <= 2, "metrics",
              std::string("\"") + name + "\" needs a target of dimension 1 or 2, got dimension " + std::to_string(d) +
                  " (use \"sliced_w2\" or \"energy_distance\")");
  if (wants_any(c, {"kl_estimate", "kl_estimate_floor"}))
    require(n >= kNeighboursForward + 1, "particles", static_cast<double>(n),
            "at least " + std::to_string(kNeighboursForward + 1) +
                " for the metric \"kl_estimate\" (k-NN, k = " + std::to_string(kNeighboursForward) + ")");
  if (wants_any(c, {"gaussian_w2"}))
    require(n >= static_cast<std::size_t>(d) + 1, "particles", static_cast<double>(n),
            "at least d + 1 = " + std::to_string(d + 1) + " for the metric \"gaussian_w2\" (a sample covariance)");
  if (wants_any(c, {"nearest_training_distance"}))
    require(c.target->empirical_points() != nullptr, "metrics",
            "\"nearest_training_distance\" needs a point-cloud target, got target \"" +
                (c.target ? c.target->name() : "none") + "\"");
  for (const char* name : {"w2_marginals_to_law", "mode_occupancy", "mode_occupancy_chi2", "mode_occupancy_chi2_floor"})
    if (wants_any(c, {name}))
      require(c.target->mixture_form() != nullptr, "metrics",
              std::string("\"") + name + "\" needs a Gaussian or Gaussian-mixture target, got target \"" +
                  (c.target ? c.target->name() : "none") + "\"");
}

void validate_metrics(const ExperimentConfig& c) {
  const auto& catalogue = metric_catalogue();
  for (const std::string& name : c.metrics) {
    const bool known = std::any_of(catalogue.begin(), catalogue.end(), [&](const auto& m) { return m.first == name; });
    if (!known) throw_unknown_name("metrics", name, catalogue);
  }
  require(c.projections >= 1 && c.projections <= 4096, "projections", static_cast<double>(c.projections),
          "an integer in [1, 4096]");
  validate_metric_requirements(c);
}

bool wants(const ExperimentConfig& c, const std::string& name) {
  return std::find(c.metrics.begin(), c.metrics.end(), name) != c.metrics.end();
}

Matrix sample_covariance(const Particles& X) {
  const Particles centred = X.rowwise() - X.colwise().mean();
  return centred.transpose() * centred / static_cast<double>(std::max<Eigen::Index>(X.rows() - 1, 1));
}

// Cov q_δ = a² Cov q + s² I.
Matrix exact_covariance(const Target& target, double a, double s) {
  Matrix exact = a * a * target.covariance();
  exact.diagonal().array() += s * s;
  return exact;
}

// Coordinate j of a X_0 + s Z for X_0 ~ Σ_k π_k N(μ_k, Σ_k): Σ_k π_k N(a μ_k[j], a² Σ_k[j][j] + s²).
NormalMixture1d coordinate_law(const GaussianMixture& q, double a, double s, Eigen::Index j) {
  std::vector<double> means, stds;
  for (std::size_t k = 0; k < q.components(); ++k) {
    means.push_back(a * q.means()[k](j));
    stds.push_back(std::sqrt(a * a * q.covariances()[k](j, j) + s * s));
  }
  return NormalMixture1d(q.weights(), means, stds);
}

// A metric (or a term of one) that is not finite (its computation overflowed) is an error naming it, never a null in
// the result.
void require_finite_metric(const std::string& name, double value) {
  require(std::isfinite(value), "metrics", [&] {
    return "\"" + name + "\" = " + format_value(value) +
           " is not finite: its computation overflowed double precision (the samples are too large: reduce the "
           "target's or the process's scale)";
  });
}

void require_finite_metrics(const ExperimentResult& r) {
  for (const auto& [name, value] : r.scalars) require_finite_metric(name, value);
  for (const auto& [name, values] : r.vectors)
    for (std::size_t j = 0; j < values.size(); ++j)
      require_finite_metric(name + "[" + std::to_string(j) + "]", values[j]);
}

}  // namespace

RunRequest ExperimentConfig::run_request() const {
  return {target, sampler,   score_error, learned_score, grid,    T,    delta,
          steps,  particles, seed,        precision,     threads, block};
}

namespace {

// Errors that only the process reveals (a bound or a score error it does not take), raised before any sampling.
const ExperimentConfig& validated(const ExperimentConfig& c) {
  require(c.target != nullptr, "target", "is missing");
  require(c.process != nullptr, "process", "is missing");
  require(c.sampler != nullptr, "sampler", "is missing");
  validate_metrics(c);
  require(!c.block || !c.sampler->batch_coupled(), "block", [&] {
    return "cannot split sampler \"" + c.sampler->name() +
           "\": its step couples the particles of the batch (the target-SNR step size averages over them); run it "
           "without \"block\"";
  });
  validate_bounds(c.bounds, c.bound_options);
  require_within(estimate_work(c), c.limits, "experiment");
  require(c.bounds.empty() || c.process->has_bounds(), "bounds",
          "are not available with process = \"" + c.process->name() +
              "\" (the bounds are written for processes on R^d); leave \"bounds\" out");
  require((!c.score_error && !c.learned_score) || c.process->takes_score_error(), "score",
          std::string(c.score_error ? "a score error" : "a learned score") + " is not available with process = \"" +
              c.process->name() + "\" (its score is the velocity score ∇_v ln p_t): use \"exact\"");
  require(!wants(c, "score_error") || c.process->takes_score_error(), "metrics",
          "\"score_error\" is not available with process = \"" + c.process->name() +
              "\" (its score is the velocity score ∇_v ln p_t)");
  return c;
}

}  // namespace

Experiment::Experiment(ExperimentConfig config)
    : config_(validated(config)), run_(config_.process->run(config_.run_request())) {
  // The exact metrics need the output's law in closed form: computed now (a few probe steps per grid step), so that a
  // target or sampler without one is refused before any sampling.
  const ExperimentConfig& c = config_;
  if (wants_any(c, {"exact_w2", "exact_kl"})) {
    const GaussianMixture* mixture = c.target->mixture_form();
    const bool gaussian = mixture != nullptr && mixture->weights().size() == 1;
    if (gaussian) exact_law_ = c.process->exact_output_law(c.run_request());
    require(exact_law_.has_value(), "metrics",
            "\"exact_w2\" and \"exact_kl\" need a Gaussian target and a process on R^d (the output law is then "
            "Gaussian), got target \"" +
                c.target->name() + "\"" + (gaussian ? " with process \"" + c.process->name() + "\"" : ""));
  }
}

ExperimentResult Experiment::evaluate(FloorCache* floors) const {
  return evaluate_particles(run_->particles(), floors);
}

void Experiment::require_run_particles(const Particles& X) const {
  const ExperimentConfig& c = config_;
  require(static_cast<std::size_t>(X.rows()) == c.particles && X.cols() == c.target->dim(), "particles", [&] {
    return "the particles to evaluate are " + std::to_string(X.rows()) + " × " + std::to_string(X.cols()) +
           ", the run's are " + std::to_string(c.particles) + " × " + std::to_string(c.target->dim()) +
           " (all particles of the run, every block gathered)";
  });
}

ExperimentResult Experiment::evaluate(const Particles& X, FloorCache* floors) const {
  require_run_particles(X);
  return evaluate_particles(X, floors);
}

ExperimentResult Experiment::evaluate(const Particles& X, const std::vector<double>& sliced_terms) const {
  require_run_particles(X);
  const std::size_t expected = config_.projections * sliced_samples();
  require(sliced_terms.size() == expected, "sliced_terms", static_cast<double>(sliced_terms.size()),
          "exactly projections × sliced samples = " + std::to_string(expected) + " terms (every direction's)");
  run_->release_particle_copy();
  return evaluate_particles(X, nullptr, &sliced_terms);
}

std::size_t Experiment::sliced_samples() const {
  return (wants(config_, "sliced_w2") ? 1 : 0) + (wants(config_, "sliced_w2_floor") ? 1 : 0);
}

std::vector<double> Experiment::sliced_terms(Particles X, std::size_t first, std::size_t last) const {
  const ExperimentConfig& c = config_;
  require_run_particles(X);
  run_->release_particle_copy();
  const PerturbedLaw law = run_->output_law();
  const CounterRng rng(c.seed);
  const Matrix directions = uniform_directions(c.target->dim(), c.projections, rng);
  const std::size_t samples = sliced_samples();
  // No term to compute (a worker left without directions): only the range is checked, and nothing is drawn.
  if (samples == 0 || first == last)
    return sliced_w2_terms({}, Particles(0, c.target->dim()), directions, first, last, c.threads);
  const Particles reference =
      c.target->sample_perturbed(c.particles, law.a, law.s, rng, Stream::Reference, Stream::ReferenceNoise);
  // The particles' terms, then (X freed) the floor's: interleaved direction by direction as sliced_w2_terms lays out
  // the terms of both samples.
  // Each metric's name (to name a term that overflowed as evaluate() names the metric) and its terms.
  std::vector<std::pair<std::string, std::vector<double>>> each;
  if (wants(c, "sliced_w2"))
    each.emplace_back("sliced_w2", sliced_w2_terms({&X}, reference, directions, first, last, c.threads));
  X = Particles();
  if (wants(c, "sliced_w2_floor")) {
    const Particles floor =
        c.target->sample_perturbed(c.particles, law.a, law.s, rng, Stream::FloorSample, Stream::FloorNoise);
    each.emplace_back("sliced_w2_floor", sliced_w2_terms({&floor}, reference, directions, first, last, c.threads));
  }
  std::vector<double> terms(samples * (last - first));
  for (std::size_t s = 0; s < samples; ++s)
    for (std::size_t k = 0; k < last - first; ++k) {
      const auto& [name, values] = each[s];
      require_finite_metric(name + " (the term of direction " + std::to_string(first + k) + ")", values[k]);
      terms[k * samples + s] = values[k];
    }
  return terms;
}

ExperimentResult Experiment::evaluate_particles(const Particles& X, FloorCache* floors,
                                                const std::vector<double>* sliced_terms) const {
  const ExperimentConfig& c = config_;
  const std::size_t n = static_cast<std::size_t>(X.rows());
  const PerturbedLaw law = run_->output_law();
  const double a = law.a, s = law.s;
  const CounterRng rng(c.seed);

  ExperimentResult r;
  r.steps = run_->steps_done();
  r.score_evaluations = run_->score_evaluations();
  r.final_time = run_->time();

  // Given the sliced terms, the sliced metrics need neither the reference nor the floor's sample.
  const bool needs_reference = (sliced_terms == nullptr && sliced_samples() > 0) || wants(c, "w2_marginals");
  Particles reference;
  if (needs_reference) reference = c.target->sample_perturbed(n, a, s, rng, Stream::Reference, Stream::ReferenceNoise);
  const Matrix directions = uniform_directions(c.target->dim(), c.projections, rng);

  // A floor the cache holds for this run's key is taken from it (into r); floor_computed stores one computed here.
  const FloorCache::Key floor_key{c.target.get(), n, a, s, c.seed, c.projections};
  auto floor_known = [&](const std::string& name) {
    const double* value = floors != nullptr ? floors->find(floor_key, name) : nullptr;
    if (value != nullptr) r.scalars[name] = *value;
    return value != nullptr;
  };
  auto floor_computed = [&](const std::string& name, double value) {
    r.scalars[name] = value;
    if (floors != nullptr) floors->store(floor_key, name, value);
  };
  Particles second;  // the floor's exact sample of q_δ, drawn once for every "_floor" metric computed here
  auto floor_sample = [&]() -> const Particles& {
    if (second.rows() == 0) second = c.target->sample_perturbed(n, a, s, rng, Stream::FloorSample, Stream::FloorNoise);
    return second;
  };

  // The metric and its floor share each sorted projection of the reference sample (the floor's sample is drawn only
  // when its terms are computed here).
  std::vector<const char*> sliced;
  if (wants(c, "sliced_w2")) sliced.push_back("sliced_w2");
  if (wants(c, "sliced_w2_floor") && !floor_known("sliced_w2_floor")) sliced.push_back("sliced_w2_floor");
  if (!sliced.empty()) {
    std::vector<double> distances;
    if (sliced_terms != nullptr) {
      distances = sliced_w2_from_terms(*sliced_terms, sliced.size());
    } else {
      std::vector<const Particles*> samples;
      for (const char* name : sliced) samples.push_back(std::string(name) == "sliced_w2" ? &X : &floor_sample());
      distances = sliced_w2_to_reference(samples, reference, directions, c.threads);
    }
    for (std::size_t k = 0; k < sliced.size(); ++k) {
      if (std::string(sliced[k]) == "sliced_w2")
        r.scalars[sliced[k]] = distances[k];
      else
        floor_computed(sliced[k], distances[k]);
    }
  }
  if (wants(c, "w2_marginals")) {
    std::vector<double>& w = r.vectors["w2_marginals"];
    for (Eigen::Index j = 0; j < X.cols(); ++j) w.push_back(w2_1d(X.col(j), reference.col(j)));
  }
  if (wants(c, "mean_error")) r.scalars["mean_error"] = (X.colwise().mean().transpose() - a * c.target->mean()).norm();
  if (wants(c, "cov_error")) r.scalars["cov_error"] = (sample_covariance(X) - exact_covariance(*c.target, a, s)).norm();
  if (exact_law_) {
    const Vector mean = a * c.target->mean();
    const Matrix cov = exact_covariance(*c.target, a, s);
    if (wants(c, "exact_w2")) r.scalars["exact_w2"] = gaussian_w2(exact_law_->mean, exact_law_->covariance, mean, cov);
    if (wants(c, "exact_kl")) r.scalars["exact_kl"] = gaussian_kl(mean, cov, exact_law_->mean, exact_law_->covariance);
  }

  // Distances of README.md, "Distances and estimators". Each sample-based one also has a "_floor" version: the same
  // computation with a second exact sample of q_δ (FloorSample/FloorNoise streams) in place of the particles.
  if (wants_any(c, {"w2", "w2_floor", "energy_distance", "energy_distance_floor", "kl_estimate_reverse",
                    "kl_estimate_reverse_floor"}) &&
      reference.rows() == 0)
    reference = c.target->sample_perturbed(n, a, s, rng, Stream::Reference, Stream::ReferenceNoise);
  const LogDensity log_q = [&](const Particles& P) { return c.target->log_density(a, s, P); };
  const GaussianMixture* mixture = c.target->mixture_form();
  auto occupancy = [&](const Particles& P) {
    return mode_occupancy(mixture->most_responsible_component(a, s, P), mixture->components());
  };
  const std::vector<std::pair<const char*, std::function<double(const Particles&)>>> sample_metrics = {
      {"w2", [&](const Particles& P) { return w2(P, reference); }},
      {"energy_distance", [&](const Particles& P) { return energy_distance(P, reference); }},
      {"tv_histogram", [&](const Particles& P) { return tv_histogram(P, log_q); }},
      {"kl_estimate",
       [&](const Particles& P) { return knn_kl_sample_to_density(P, log_q(P), kNeighboursForward, c.threads); }},
      {"kl_estimate_reverse",
       [&](const Particles& P) {
         return knn_kl_density_to_sample(reference, log_q(reference), P, kNeighboursReverse, c.threads);
       }},
      {"mode_occupancy_chi2",
       [&](const Particles& P) { return occupancy_chi_square(occupancy(P), mixture->weights(), n); }},
  };
  for (const auto& [name, of] : sample_metrics) {
    if (wants(c, name)) r.scalars[name] = of(X);
    const std::string floor = std::string(name) + "_floor";
    if (wants(c, floor) && !floor_known(floor)) floor_computed(floor, of(floor_sample()));
  }
  if (wants(c, "mode_occupancy")) {
    const Vector o = occupancy(X);
    r.vectors["mode_occupancy"] = std::vector<double>(o.data(), o.data() + o.size());
  }
  if (wants(c, "w2_marginals_to_law")) {
    std::vector<double>& w = r.vectors["w2_marginals_to_law"];
    for (Eigen::Index j = 0; j < X.cols(); ++j) w.push_back(w2_to_law_1d(X.col(j), coordinate_law(*mixture, a, s, j)));
  }
  if (wants(c, "gaussian_w2"))
    r.scalars["gaussian_w2"] = gaussian_w2(X.colwise().mean().transpose(), sample_covariance(X), a * c.target->mean(),
                                           exact_covariance(*c.target, a, s));
  if (wants(c, "nearest_training_distance")) {
    // Memorisation: the exact score of an empirical law sends samples onto its points as δ → 0.
    Vector distances = kth_neighbour_distances(*c.target->empirical_points(), X, 1);
    std::sort(distances.data(), distances.data() + distances.size());
    auto quantile = [&](double p) {  // the order statistic of rank ⌈p n⌉
      const auto rank = static_cast<Eigen::Index>(std::ceil(p * static_cast<double>(distances.size())));
      return distances(std::clamp<Eigen::Index>(rank - 1, 0, distances.size() - 1));
    };
    r.vectors["nearest_training_distance"] = {distances.mean(), quantile(0.1), quantile(0.5), quantile(0.9)};
  }
  if (wants(c, "score_error")) {
    const BoundOptions& o = c.bound_options;
    const ScoreErrorProfile p = c.process->score_error_profile(c.run_request(), {o.samples, o.confidence, c.seed});
    r.vectors["score_error_times"] = p.times;
    r.vectors["score_error"] = p.epsilon;
    r.vectors["score_error_lower"] = p.lower;
    r.vectors["score_error_upper"] = p.upper;
    r.scalars["score_error_sup"] = p.sup;
    r.scalars["score_error_weighted_square"] = p.weighted_square;
  }
  require_finite_metrics(r);
  if (!c.bounds.empty()) {
    r.bounds = c.process->bounds(c.run_request(), c.bounds, c.bound_options);
  }
  return r;
}

Inspection inspect(const ExperimentConfig& config, const InspectionRequest& request) {
  return config.process->inspect(config.run_request(), request);
}

ExperimentResult run_experiment(const ExperimentConfig& config, FloorCache* floors) {
  Experiment experiment(config);
  experiment.sampler().run();
  return experiment.evaluate(floors);
}

}  // namespace sgm
