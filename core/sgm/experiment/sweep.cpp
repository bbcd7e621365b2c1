#include "sgm/experiment/sweep.hpp"

#include <algorithm>
#include <cmath>

#include "sgm/base/cancellation.hpp"
#include "sgm/base/enum_names.hpp"
#include "sgm/base/error.hpp"
#include "sgm/base/registry.hpp"
#include "sgm/experiment/work_estimate.hpp"

namespace sgm {

namespace {

// The experiment of one point: the base with the swept parameter set to `value` and the sampler replaced.
ExperimentConfig point_config(const SweepConfig& s, const std::shared_ptr<const SamplerMethod>& sampler, double value) {
  ExperimentConfig c = s.base;
  c.sampler = sampler;
  switch (s.axis) {
    case SweepAxis::Steps:
      require(value >= 1 && value <= static_cast<double>(Grid::kMaxSteps) && value == std::floor(value), "sweep.values",
              value, "integers in [1, " + std::to_string(Grid::kMaxSteps) + "] for the axis \"steps\"");
      c.steps = static_cast<std::size_t>(value);
      break;
    case SweepAxis::Dimension:
      require(static_cast<bool>(s.target_of_dimension), "sweep.axis",
              "\"dimension\" needs a target with a \"dim\" parameter (elastic_net, modified_half_normal, double_well, "
              "square)");
      require(value >= 1 && value <= 4096 && value == std::floor(value), "sweep.values", value,
              "integers in [1, 4096] for the axis \"dimension\"");
      c.target = s.target_of_dimension(static_cast<int>(value));
      break;
    case SweepAxis::Horizon:
      c.T = value;
      break;
    case SweepAxis::EarlyStop:
      c.delta = value;
      break;
    case SweepAxis::ScoreEpsilon:
      require(
          c.score_error.has_value(), "sweep.axis",
          "\"epsilon\" needs a score error in the experiment, e.g. \"score\": {\"kind\": \"bias\", \"epsilon\": 0.1}");
      c.score_error->epsilon = value;
      validate_score_error(*c.score_error, c.target->dim());
      break;
  }
  // Validates T, δ and N with their names (and the process's horizon).
  require(c.process != nullptr, "process", "is missing");
  c.process->grid(c.grid, c.T, c.delta, c.steps);
  return c;
}

}  // namespace

std::vector<ExperimentConfig> sweep_points(const SweepConfig& s) {
  std::vector<ExperimentConfig> points;
  const std::vector<std::shared_ptr<const SamplerMethod>> samplers =
      s.samplers.empty() ? std::vector<std::shared_ptr<const SamplerMethod>>{s.base.sampler} : s.samplers;
  for (const auto& sampler : samplers)
    for (double value : s.values) points.push_back(point_config(s, sampler, value));
  return points;
}

namespace {
// steps: grid steps N; T: horizon; delta: early-stopping time δ; epsilon: L2 size ε of the score error (needs one in
// the experiment); dimension: d of a target with a "dim" parameter (product targets, the square).
constexpr EnumNames<SweepAxis, 5> kSweepAxisNames{{{SweepAxis::Steps, "steps"},
                                                   {SweepAxis::Horizon, "T"},
                                                   {SweepAxis::EarlyStop, "delta"},
                                                   {SweepAxis::ScoreEpsilon, "epsilon"},
                                                   {SweepAxis::Dimension, "dimension"}}};
}  // namespace

SweepAxis sweep_axis_from_name(const std::string& name, const std::string& field) {
  return value_named(kSweepAxisNames, field, name);
}

std::string sweep_axis_name(SweepAxis axis) { return name_of(kSweepAxisNames, axis); }

Sweep::Sweep(SweepConfig config) : config_(std::move(config)) {
  SweepConfig& s = config_;
  if (s.samplers.empty()) s.samplers.push_back(s.base.sampler);
  require(!s.base.block, "block",
          "splits one run's particles across workers; a sweep is split by its runs instead (\"--shard i/n\"): leave "
          "\"block\" out");
  require(s.values.size() >= 2 && s.values.size() <= 1000, "sweep.values",
          "needs between 2 and 1000 values, got " + std::to_string(s.values.size()));
  std::vector<double> sorted = s.values;
  std::sort(sorted.begin(), sorted.end());
  require(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end(), "sweep.values", "must be distinct");
  require(s.replicates >= 1 && s.replicates <= 1000, "sweep.replicates", static_cast<double>(s.replicates),
          "an integer in [1, 1000]");
  require(s.confidence > 0.0 && s.confidence < 1.0, "sweep.confidence", s.confidence, "a number in (0, 1)");
  require(s.fit_from >= 0.0 && s.fit_to >= 0.0, "sweep.fit", "bounds must be ≥ 0 (0: unbounded)");
  require(s.samplers.size() * s.values.size() * s.replicates <= kMaxRuns, "sweep",
          "asks for " + std::to_string(s.samplers.size() * s.values.size() * s.replicates) +
              " runs (samplers × values × replicates): must be at most " + std::to_string(kMaxRuns));
  s.values = sorted;
  configs_ = sweep_points(s);
  // The whole sweep's cost before any run (each run's own is checked again when it starts).
  require_within(estimate_work(s), s.base.limits, "sweep");
  // Every point shares the metrics and particles of the base: validate them once, before any work, on an experiment
  // of at most 64 particles (enough for every metric's smallest count, e.g. k-NN's k + 1; fewer particles than the
  // base's keeps the check cheap, and the first run checks the count itself with its name).
  ExperimentConfig probe = configs_.front();
  probe.particles = std::min<std::size_t>(probe.particles, 64);
  Experiment check(probe);
  values_.resize(configs_.size());
}

void Sweep::next() {
  if (done()) return;
  record(measure(done_));
}

std::map<std::string, double> Sweep::measure(std::size_t run) const {
  require(run < runs(), "run", static_cast<double>(run), "an index in [0, " + std::to_string(runs()) + ")");
  poll_cancellation(
      [&] { return "before run " + std::to_string(run) + " of " + std::to_string(runs()) + " of the sweep"; });
  ExperimentConfig c = configs_[run / config_.replicates];
  c.seed += run % config_.replicates;
  const ExperimentResult r = run_experiment(c, &floors_);
  std::map<std::string, double> values(r.scalars.begin(), r.scalars.end());
  // The requested bounds join the metrics under their names (their point value; a bound that is not finite for this
  // run — it does not apply, or a figure is unknown — is left out).
  for (const Bound& b : r.bounds)
    if (std::isfinite(b.value.value)) values[b.name] = b.value.value;
  return values;
}

void Sweep::record(const std::map<std::string, double>& values) {
  require(!done(), "run", "every run of the sweep is already recorded");
  for (const auto& [name, value] : values) values_[done_ / config_.replicates][name].push_back(value);
  ++done_;
}

void Sweep::run() {
  while (!done()) next();
}

SweepResult Sweep::result() const {
  const SweepConfig& s = config_;
  const std::size_t completed = done_ / s.replicates;
  SweepResult result;
  for (std::size_t p = 0; p < completed; ++p) {
    SweepPoint point;
    point.sampler = configs_[p].sampler->name();
    point.value = s.values[p % s.values.size()];
    for (const auto& [name, values] : values_[p])
      if (values.size() == s.replicates) point.metrics[name] = estimate_mean(values, s.confidence);
    result.points.push_back(std::move(point));
  }
  // Slopes per (sampler, metric) over the completed points inside the window.
  for (std::size_t k = 0; k < s.samplers.size(); ++k) {
    std::map<std::string, std::vector<const SweepPoint*>> series;
    for (std::size_t i = 0; i < s.values.size(); ++i) {
      const std::size_t p = k * s.values.size() + i;
      if (p >= completed) break;
      const double v = s.values[i];
      if ((s.fit_from > 0 && v < s.fit_from) || (s.fit_to > 0 && v > s.fit_to)) continue;
      for (const auto& entry : result.points[p].metrics) series[entry.first].push_back(&result.points[p]);
    }
    for (const auto& [metric, points] : series) {
      std::vector<double> x, y, se;
      for (const SweepPoint* pt : points) {
        const Estimate& e = pt->metrics.at(metric);
        x.push_back(pt->value);
        y.push_back(e.value);
        se.push_back(e.std_error);
      }
      const bool positive = std::all_of(y.begin(), y.end(), [](double v) { return v > 0.0 && std::isfinite(v); });
      if (x.size() < 2 || !positive) continue;
      result.slopes.push_back(
          {result.points[k * s.values.size()].sampler, metric, fit_loglog_slope(x, y, se, s.confidence)});
    }
  }
  return result;
}

}  // namespace sgm
