#include "sgm/experiment/work_estimate.hpp"

#include <algorithm>
#include <cmath>

#include "sgm/base/error.hpp"
#include "sgm/bound/certified_bound.hpp"
#include "sgm/experiment/experiment.hpp"
#include "sgm/experiment/sweep.hpp"
#include "sgm/learn/dsm_trainer.hpp"
#include "sgm/sampler/float32_reverse_diffusion.hpp"
#include "sgm/target/gaussian_mixture.hpp"

namespace sgm {

namespace {

// Operations per drawn normal (counter-based generator and Box–Muller) and per coordinate of a stepper's own update.
constexpr double kNormalDraw = 30.0;
constexpr double kStepperUpdate = 20.0;
// Operations per coordinate of a float32 kernel's interpolation in a score table (four gathers, cubic weights).
constexpr double kTableInterpolation = 30.0;
// n × d buffers a run holds: particles, score, noise and the stepper's state (history, predictor, stages).
constexpr double kRunBuffers = 8.0;
constexpr double kBytes = sizeof(double);

// "particles 1000 × steps 100": the fields with their values.
std::string drivers(std::initializer_list<std::pair<const char*, double>> fields) {
  std::string out;
  for (const auto& [name, value] : fields)
    out += (out.empty() ? "" : " × ") + std::string(name) + " " + format_value(value);
  return out;
}

bool wants(const ExperimentConfig& c, std::initializer_list<const char*> names) {
  return std::any_of(names.begin(), names.end(), [&](const char* name) {
    return std::find(c.metrics.begin(), c.metrics.end(), name) != c.metrics.end();
  });
}

double log2_of(double n) { return std::log2(std::max(n, 2.0)); }

void add(WorkEstimate& e, WorkPart part) { e.parts.push_back(std::move(part)); }

void metric_parts(const ExperimentConfig& c, WorkEstimate& e) {
  const double n = static_cast<double>(c.particles), d = c.target->dim(), P = static_cast<double>(c.projections);
  const ScoreCost score = c.target->score_cost();
  const double sample = n * d * kNormalDraw, sample_bytes = n * d * kBytes;
  const double samples =
      1.0 + (wants(c, {"sliced_w2_floor", "w2_floor", "energy_distance_floor", "tv_histogram_floor",
                       "kl_estimate_floor", "kl_estimate_reverse_floor", "mode_occupancy_chi2_floor"})
                 ? 1.0
                 : 0.0);
  add(e, {"the exact reference samples", drivers({{"particles", n}, {"dimension", d}}), samples * sample,
          samples * sample_bytes});
  if (wants(c, {"sliced_w2", "sliced_w2_floor"}))
    add(e, {"the metric \"sliced_w2\"", drivers({{"projections", P}, {"particles", n}, {"dimension", d}}),
            samples * P * (2.0 * n * d + 6.0 * n * log2_of(n)), 2.0 * n * kBytes});
  if (wants(c, {"w2_marginals", "w2_marginals_to_law"}))
    add(e, {"the per-coordinate W2 metrics", drivers({{"dimension", d}, {"particles", n}}), d * 6.0 * n * log2_of(n),
            2.0 * n * kBytes});
  if (wants(c, {"cov_error", "gaussian_w2"}))
    add(e,
        {"the sample covariance", drivers({{"particles", n}, {"dimension²", d * d}}), 2.0 * n * d * d, sample_bytes});
  if (wants(c, {"w2", "w2_floor"}))
    add(e, {"the metric \"w2\" (exact assignment)", drivers({{"particles³", n * n * n}}), samples * n * n * n,
            n * n * kBytes});
  if (wants(c, {"energy_distance", "energy_distance_floor"}))
    add(e, {"the metric \"energy_distance\"", drivers({{"particles²", n * n}, {"dimension", d}}),
            samples * 3.0 * n * n * (d + 2.0), n * kBytes});
  if (wants(c, {"kl_estimate", "kl_estimate_floor", "kl_estimate_reverse", "kl_estimate_reverse_floor", "tv_histogram",
                "tv_histogram_floor"}))
    add(e, {"the density metrics (k-NN, histogram)", drivers({{"particles", n}, {"dimension", d}}),
            samples * 4.0 * n * (50.0 * d * log2_of(n) + score.operations), 4.0 * n * (d + 2.0) * kBytes});
  if (wants(c, {"mode_occupancy", "mode_occupancy_chi2", "mode_occupancy_chi2_floor"}))
    add(e, {"the mode occupancy", drivers({{"particles", n}}), samples * n * score.operations, n * score.bytes});
  if (wants(c, {"exact_w2", "exact_kl"}))
    add(e, {"the exact output law", drivers({{"steps", static_cast<double>(c.steps)}, {"dimension³", d * d * d}}),
            20.0 * static_cast<double>(c.steps) * (d * d * d + score.operations), 10.0 * d * d * kBytes});
}

void bound_parts(const ExperimentConfig& c, WorkEstimate& e) {
  if (c.bounds.empty()) return;
  const double m = static_cast<double>(c.bound_options.samples), d = c.target->dim();
  const ScoreCost score = c.target->score_cost();
  const double per_draw = 2.0 * score.operations + 3.0 * d * kNormalDraw;  // the exact and the model score, 3 draws
  const double draw_bytes = m * (kRunBuffers * d * kBytes + score.bytes);
  if (needs_path_kl(c.bounds)) {
    const double steps = static_cast<double>(c.steps), nodes = c.bound_options.nodes;
    add(e, {"the path-KL bound's Monte Carlo",
            drivers({{"bound_options.samples", m}, {"steps", steps}, {"bound_options.nodes", nodes}, {"dimension", d}}),
            m * steps * nodes * per_draw, draw_bytes});
  }
  add(e, {"the bounds' other Monte Carlo", drivers({{"bound_options.samples", m}, {"dimension", d}}),
          8.0 * m * per_draw, draw_bytes});
}

}  // namespace

WorkEstimate estimate_work(const ExperimentConfig& c) {
  require(c.target != nullptr && c.process != nullptr && c.sampler != nullptr, "experiment",
          "needs a target, a process and a sampler to estimate its work");
  const double n = static_cast<double>(c.particles), steps = static_cast<double>(c.steps);
  const double d = c.target->dim(), state = c.process->state_copies() * d;
  const double evals = c.sampler->score_evaluations_per_step();
  // The score the sampler evaluates: a learned network's cost, else the target's exact score (an error model adds
  // O(d) operations per point).
  const ScoreCost score = c.learned_score ? c.learned_score->cost() : c.target->score_cost();
  // A float32 run whose kernel interpolates a score table evaluates the law's score at the table's nodes (a product
  // target's score cost is d times its law's) and interpolates per coordinate, instead of a score per particle.
  const double table = c.precision == Precision::Float32 && !c.learned_score
                           ? Float32ReverseDiffusion::score_table_evaluations(*c.target, c.particles)
                           : 0.0;
  const double particle_score = table > 0.0 ? d * kTableInterpolation : c.process->state_copies() * score.operations;
  WorkEstimate e;
  add(e, {"the run",
          drivers({{"particles", n}, {"steps", steps}, {"dimension", d}, {"score evaluations per step", evals}}),
          n * steps * (evals * (particle_score + state * kStepperUpdate) + state * (kNormalDraw + kStepperUpdate)) +
              steps * evals * table * score.operations / d,
          n * (kRunBuffers * state * kBytes + score.bytes) + score.workspace_bytes});
  metric_parts(c, e);
  bound_parts(c, e);
  double largest_other = 0.0;
  for (std::size_t i = 0; i < e.parts.size(); ++i) {
    e.work += e.parts[i].work;
    if (i > 0) largest_other = std::max(largest_other, e.parts[i].bytes);
  }
  // The particles stay allocated while the metrics and bounds run.
  e.bytes = e.parts.front().bytes + largest_other;
  return e;
}

WorkEstimate estimate_work(const SweepConfig& s) {
  WorkEstimate total;
  const double replicates = static_cast<double>(s.replicates);
  for (const ExperimentConfig& point : sweep_points(s)) {
    const WorkEstimate e = estimate_work(point);
    if (total.parts.empty())
      total.parts = e.parts;
    else
      for (std::size_t i = 0; i < e.parts.size() && i < total.parts.size(); ++i)
        if (e.parts[i].work > total.parts[i].work) total.parts[i] = e.parts[i];  // the costliest point's, as an example
    total.work += replicates * e.work;
    total.bytes = std::max(total.bytes, e.bytes);
  }
  return total;
}

WorkEstimate estimate_work(const Target& target, const TrainingOptions& o) {
  const double d = target.dim(), batch = static_cast<double>(o.batch), steps = static_cast<double>(o.steps);
  std::vector<int> sizes{ScoreNetwork::input_size(target.dim(), o.frequencies)};
  sizes.insert(sizes.end(), o.widths.begin(), o.widths.end());
  sizes.push_back(target.dim());
  const double parameters = Mlp::parameter_count(sizes);
  // Per example: an exact draw of the data and a noise draw, the network input, a forward and a backward pass.
  const double example =
      2.0 * d * kNormalDraw + d * d + 3.0 * Mlp::kBudgetOperationsPerFlop * Mlp::forward_operations(sizes);
  const double draws = static_cast<double>(o.preconditioning_samples);
  WorkEstimate e;
  add(e, {"the training steps", drivers({{"steps", steps}, {"batch", batch}, {"network parameters", parameters}}),
          steps * (batch * example + 12.0 * parameters),
          4.0 * parameters * sizeof(float) +
              batch * ((Mlp::workspace_floats(sizes) + sizes.front()) * sizeof(float) + 4.0 * d * kBytes)});
  add(e, {"the preconditioning draws", drivers({{"draws", draws}, {"dimension", d}}), draws * d * (kNormalDraw + d),
          draws * d * kBytes});
  e.work = e.parts[0].work + e.parts[1].work;
  e.bytes = e.parts[0].bytes + e.parts[1].bytes;
  return e;
}

bool within(const WorkEstimate& e, const WorkLimits& limits) {
  return e.work <= limits.max_work && e.bytes <= limits.max_bytes;
}

void require_within(const WorkEstimate& e, const WorkLimits& limits, const std::string& what) {
  if (within(e, limits)) return;
  // Each exceeded limit with the part that drives it most, and its fields.
  auto exceeded = [&](const char* quantity, double estimate, double limit, const char* unit, const char* flag,
                      double WorkPart::*of) {
    const WorkPart& top = *std::max_element(e.parts.begin(), e.parts.end(),
                                            [&](const WorkPart& a, const WorkPart& b) { return a.*of < b.*of; });
    return "the estimated " + std::string(quantity) + " is " + format_general(estimate, 3) + " " + unit +
           ", above the limit of " + format_general(limit, 3) + "; most of it is " + top.name + ": " + top.drivers +
           " (" + format_general(top.*of, 3) + " " + unit + "). Reduce these fields, or raise the limit (sgm " + flag +
           ")";
  };
  std::string message;
  if (e.work > limits.max_work)
    message = exceeded("work", e.work, limits.max_work, "operations", "--max-work", &WorkPart::work);
  if (e.bytes > limits.max_bytes)
    message += (message.empty() ? "" : "; ") +
               exceeded("memory", e.bytes, limits.max_bytes, "bytes", "--max-memory", &WorkPart::bytes);
  throw InvalidArgument(what + ": " + message);
}

}  // namespace sgm
