#include "sgm/io/experiment_json.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include "sgm/base/error.hpp"
#include "sgm/io/learn_json.hpp"
#include "sgm/io/registry_json.hpp"

namespace sgm::io {

namespace {

// "bounds": an array of names from bound_catalogue(), or "all".
std::vector<std::string> parse_bound_names(const Json& j) {
  std::vector<std::string> names;
  if (j.is_string() && j.get<std::string>() == "all") {
    for (const auto& entry : bound_catalogue()) names.push_back(entry.first);
    return names;
  }
  require(j.is_array(), "bounds", [&] { return "must be \"all\" or an array of bound names, got " + show(j); });
  for (std::size_t i = 0; i < j.size(); ++i) {
    if (!j[i].is_string())
      throw InvalidArgument("bounds[" + std::to_string(i) + "]: must be a bound name, got " + show(j[i]));
    names.push_back(j[i].get<std::string>());
  }
  return names;
}

// "bound_options": {"samples": n, "nodes": m, "confidence": c, "hidden_constant": C}, each optional.
BoundOptions parse_bound_options(const Json& j) {
  require_object(j, "bound_options", {"samples", "nodes", "confidence", "hidden_constant"});
  BoundOptions o;
  if (j.contains("samples")) o.samples = integer(j["samples"], "bound_options.samples", 2, 1e7);
  if (j.contains("nodes")) o.nodes = static_cast<int>(integer(j["nodes"], "bound_options.nodes", 1, 64));
  if (j.contains("confidence")) o.confidence = number(j["confidence"], "bound_options.confidence");
  if (j.contains("hidden_constant")) o.hidden_constant = number(j["hidden_constant"], "bound_options.hidden_constant");
  with_path("bound_options", [&] {
    validate_bounds({}, o);
    return 0;
  });
  return o;
}

// A bound as JSON; non-finite numbers (a bound that does not apply, or cannot be evaluated) are null.
Json bound_json(const Bound& b) {
  auto num = [](double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); };
  Json terms = Json::array(), assumptions = Json::array();
  for (const BoundTerm& t : b.terms) {
    Json term = {{"name", t.name},
                 {"formula", t.formula},
                 {"value", num(t.value.value)},
                 {"upper", num(t.value.upper)},
                 {"explicit_constant", t.explicit_constant}};
    if (t.unverified) term["label"] = "UNVERIFIED";
    terms.push_back(term);
  }
  for (const Assumption& a : b.assumptions)
    assumptions.push_back({{"name", a.name}, {"status", assumption_status_name(a.status)}, {"reason", a.reason}});
  Json out = {{"quantity", b.quantity},
              {"source", b.source},
              {"value", num(b.value.value)},
              {"lower", num(b.value.lower)},
              {"upper", num(b.value.upper)},
              {"std_error", num(b.value.std_error)},
              {"confidence", b.value.confidence},
              {"samples", b.value.samples},
              {"explicit_constants", b.explicit_constants},
              {"hidden_constant", b.hidden_constant},
              {"assumptions_hold", b.assumptions_hold()},
              {"terms", terms},
              {"assumptions", assumptions},
              {"notes", b.notes}};
  if (b.unverified) out["label"] = "UNVERIFIED";
  return out;
}

}  // namespace

ExperimentConfig parse_experiment(const Json& doc, Json* normalised) {
  require_object(doc, "experiment",
                 {"description", "target", "process", "grid", "sampler", "score", "steps", "T", "delta", "particles",
                  "seed", "precision", "threads", "block", "metrics", "projections", "bounds", "bound_options"});
  ExperimentConfig c;
  require(doc.contains("target"), "target", "is missing: an experiment needs a target (e.g. {\"kind\": \"gmm\", ...})");
  Json target, process, score, grid, sampler;
  c.target = parse_registered<Target>(doc["target"], "target", "", {}, target);
  c.process = parse_registered<Diffusion>(field(doc, "process", "ou"), "process", "", {}, process);
  const int dim = c.target->dim();
  if (is_learned_score(field(doc, "score", "exact"))) {
    c.learned_score = parse_learned_score(doc["score"], process, c.process, dim);
    score = doc["score"];
  } else {
    const auto score_error = parse_registered<ScoreErrorSpec>(field(doc, "score", "exact"), "score", "",
                                                              Context{nullptr, 1.0, 1e-3, dim}, score);
    if (score_error) c.score_error = *score_error;
  }
  c.grid = *parse_registered<GridSpec>(field(doc, "grid", "uniform"), "grid", "", {}, grid);
  // T and δ default per process (docs/theory.md §7.9).
  c.T = c.process->default_horizon();
  c.delta = c.process->default_early_stop();

  c.steps = integer(field(doc, "steps", Json(c.steps)), "steps", 1, static_cast<double>(Grid::kMaxSteps));
  c.T = number(field(doc, "T", Json(c.T)), "T");
  c.delta = number(field(doc, "delta", Json(c.delta)), "delta");
  c.particles = integer(field(doc, "particles", Json(c.particles)), "particles", 1,
                        static_cast<double>(SamplerRun::kMaxParticles));
  c.seed = integer(field(doc, "seed", Json(c.seed)), "seed", 0, 9007199254740991.0);  // 2^53 - 1: exact in JS
  c.projections = integer(field(doc, "projections", Json(c.projections)), "projections", 1, 4096);
  const Json precision = field(doc, "precision", "float64");
  require(precision == "float64" || precision == "float32" || precision == "auto", "precision",
          "must be \"float64\" (the reference), \"float32\" (SIMD kernels) or \"auto\" (float32 where the run has a "
          "kernel), got " +
              show(precision));
  c.precision = precision == "float32" ? Precision::Float32
                : precision == "auto"  ? Precision::Automatic
                                       : Precision::Float64;
  c.threads = static_cast<unsigned>(integer(field(doc, "threads", Json(c.threads)), "threads", 0, 1024));
  if (doc.contains("block")) {
    const Json& block = doc["block"];
    require_object(block, "block", {"first", "count"});
    require(block.contains("first") && block.contains("count"), "block",
            [&] { return "needs \"first\" and \"count\" (particles first … first + count − 1), got " + show(block); });
    const auto n = static_cast<double>(c.particles);
    c.block = ParticleBlock{static_cast<std::size_t>(integer(block["first"], "block.first", 0, n - 1)),
                            static_cast<std::size_t>(integer(block["count"], "block.count", 1, n))};
    validate_particle_block(*c.block, c.particles);
  }
  if (doc.contains("metrics")) {
    const Json& m = doc["metrics"];
    require(m.is_array(), "metrics", [&] { return "must be an array of metric names, got " + show(m); });
    c.metrics.clear();
    for (std::size_t i = 0; i < m.size(); ++i) {
      if (!m[i].is_string())
        throw InvalidArgument("metrics[" + std::to_string(i) + "]: must be a metric name, got " + show(m[i]));
      c.metrics.push_back(m[i].get<std::string>());
    }
  }
  if (doc.contains("bounds")) c.bounds = parse_bound_names(doc["bounds"]);
  if (doc.contains("bound_options")) c.bound_options = parse_bound_options(doc["bound_options"]);
  validate_bounds(c.bounds, c.bound_options);
  // Validate every remaining range now (grid: T, δ, steps, its parameters; the process's horizon), so that errors
  // surface before any work; then the sampler, whose defaults depend on the process and δ.
  c.process->grid(c.grid, c.T, c.delta, c.steps);
  c.sampler =
      parse_registered<SamplerMethod>(field(doc, "sampler", c.process->default_sampler()), "sampler",
                                      c.process->sampler_family(), c.process->context(c.T, c.delta, dim), sampler);

  if (normalised) {
    *normalised = doc;
    (*normalised)["process"] = process;
    (*normalised)["sampler"] = sampler;
    (*normalised)["grid"] = grid;
    (*normalised)["score"] = score;
    (*normalised)["steps"] = c.steps;
    (*normalised)["T"] = c.T;
    (*normalised)["delta"] = c.delta;
    (*normalised)["particles"] = c.particles;
    (*normalised)["seed"] = c.seed;
    (*normalised)["projections"] = c.projections;
    (*normalised)["metrics"] = c.metrics;
    if (doc.contains("bounds") || doc.contains("bound_options")) {
      (*normalised)["bounds"] = c.bounds;
      (*normalised)["bound_options"] = {{"samples", c.bound_options.samples},
                                        {"nodes", c.bound_options.nodes},
                                        {"confidence", c.bound_options.confidence},
                                        {"hidden_constant", c.bound_options.hidden_constant}};
    }
  }
  return c;
}

Json result_to_json(const Json& normalised_config, const ExperimentConfig& config, const ExperimentResult& result) {
  Json metrics = Json::object();
  for (const auto& [name, value] : result.scalars) metrics[name] = value;
  for (const auto& [name, values] : result.vectors) metrics[name] = values;
  const TargetFigures f = config.target->figures();
  // Non-finite figures are written as null (JSON has no NaN); the README says what null means for each.
  auto figure = [](double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); };
  Json out{
      {"config", normalised_config},
      {"metrics", metrics},
      {"steps", result.steps},
      {"score_evaluations", result.score_evaluations},
      {"final_time", result.final_time},
      {"dimension", config.target->dim()},
      {"target_figures",
       {{"m2", figure(f.m2)},
        {"lipschitz", figure(f.lipschitz)},
        {"support_radius", figure(f.support_radius)},
        {"semiconvexity", figure(f.semiconvexity)},
        {"convexity_at_infinity", figure(f.convexity_at_infinity)},
        {"kl_to_standard_gaussian", figure(f.kl_to_standard_gaussian)}}},
  };
  if (!result.bounds.empty()) {
    Json bounds = Json::object();
    for (const Bound& b : result.bounds) bounds[b.name] = bound_json(b);
    out["bounds"] = bounds;
  }
  return out;
}

std::string run_experiment_json(const std::string& text) {
  Json normalised;
  const ExperimentConfig config = parse_experiment(parse_json_text(text), &normalised);
  return result_to_json(normalised, config, run_experiment(config)).dump();
}

SweepConfig parse_sweep(const Json& doc, Json* normalised) {
  require(doc.is_object(), "experiment",
          [&] { return std::string("must be a JSON object, got ") + doc.type_name() + " " + show(doc); });
  require(doc.contains("sweep"), "sweep", "is missing: a sweep needs {\"axis\": \"steps\", \"values\": [...]}");
  const Json& j = doc["sweep"];
  require_object(j, "sweep", {"axis", "values", "samplers", "replicates", "confidence", "fit"});
  Json experiment = doc;
  experiment.erase("sweep");
  SweepConfig s;
  s.base = parse_experiment(experiment, normalised);
  const std::string axis = kind_of(field(j, "axis", "steps"), "sweep.axis");
  s.axis = sweep_axis_from_name(axis);
  if (s.axis == SweepAxis::Dimension) {
    const Json& target = doc["target"];
    const Entry<Target>* entry = Registry<Target>::find(kind_of(target, "target"));
    require(target.is_object() && entry != nullptr && entry->parameter("dim") != nullptr, "sweep.axis", [] {
      std::string with_dim;  // the targets that declare a "dim" parameter
      for (const Entry<Target>* e : Registry<Target>::entries())
        if (e->parameter("dim") != nullptr) with_dim += (with_dim.empty() ? "" : ", ") + e->name;
      return "\"dimension\" needs a target with a \"dim\" parameter (" + with_dim + ")";
    });
    s.target_of_dimension = [target](int d) {
      Json copy = target, echo;
      copy["dim"] = d;
      return parse_registered<Target>(copy, "target", "", {}, echo);
    };
  }
  require(j.contains("values"), "sweep.values", "is missing: the values of the swept parameter, e.g. [10, 20, 40, 80]");
  const Vector values = vector_of(j["values"], "sweep.values");
  s.values.assign(values.data(), values.data() + values.size());
  Json samplers = Json::array();
  if (j.contains("samplers")) {
    require(j["samplers"].is_array() && !j["samplers"].empty(), "sweep.samplers",
            [&] { return "must be a non-empty array of sampler names, got " + show(j["samplers"]); });
    const Diffusion& process = *s.base.process;
    for (std::size_t i = 0; i < j["samplers"].size(); ++i) {
      Json normalised_sampler;
      s.samplers.push_back(parse_registered<SamplerMethod>(
          j["samplers"][i], "sweep.samplers[" + std::to_string(i) + "]", process.sampler_family(),
          process.context(s.base.T, s.base.delta, s.base.target->dim()), normalised_sampler));
      samplers.push_back(normalised_sampler);
    }
  }
  s.replicates = integer(field(j, "replicates", Json(s.replicates)), "sweep.replicates", 1, 1000);
  s.confidence = number(field(j, "confidence", Json(s.confidence)), "sweep.confidence");
  if (j.contains("fit")) {
    require_object(j["fit"], "sweep.fit", {"from", "to"});
    s.fit_from = number(field(j["fit"], "from", Json(0.0)), "sweep.fit.from");
    s.fit_to = number(field(j["fit"], "to", Json(0.0)), "sweep.fit.to");
  }
  if (normalised) {
    if (samplers.empty()) samplers.push_back((*normalised)["sampler"]);
    (*normalised)["sweep"] = {{"axis", axis},
                              {"values", s.values},
                              {"samplers", samplers},
                              {"replicates", s.replicates},
                              {"confidence", s.confidence},
                              {"fit", {{"from", s.fit_from}, {"to", s.fit_to}}}};
  }
  return s;
}

namespace {
Json estimate_json(const Estimate& e) {
  auto number_or_null = [](double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); };
  return {{"mean", e.value},
          {"std_error", number_or_null(e.std_error)},
          {"lower", number_or_null(e.lower)},
          {"upper", number_or_null(e.upper)},
          {"replicates", e.samples}};
}
}  // namespace

Json sweep_result_to_json(const Json& normalised_config, const SweepConfig& config, const SweepResult& result) {
  Json points = Json::array();
  for (const SweepPoint& p : result.points) {
    Json metrics = Json::object();
    for (const auto& [name, e] : p.metrics) metrics[name] = estimate_json(e);
    points.push_back({{"sampler", p.sampler}, {"value", p.value}, {"metrics", metrics}});
  }
  Json slopes = Json::array();
  for (const SweepSlope& s : result.slopes) {
    slopes.push_back({{"sampler", s.sampler},
                      {"metric", s.metric},
                      {"slope", s.fit.slope},
                      {"intercept", s.fit.intercept},
                      {"lower", s.fit.lower},
                      {"upper", s.fit.upper},
                      {"noise_std_error", s.fit.noise_std_error},
                      {"fit_std_error", s.fit.fit_std_error},
                      {"points", s.fit.points}});
  }
  return {{"config", normalised_config},
          {"axis", sweep_axis_name(config.axis)},
          {"dimension", config.base.target->dim()},
          {"points", points},
          {"slopes", slopes}};
}

std::string sweep_result_to_csv(const SweepConfig& config, const SweepResult& result) {
  std::ostringstream out;
  out.precision(17);
  out << "sampler," << sweep_axis_name(config.axis) << ",metric,mean,std_error,lower,upper,replicates\n";
  for (const SweepPoint& p : result.points) {
    for (const auto& [name, e] : p.metrics) {
      out << p.sampler << ',' << p.value << ',' << name << ',' << e.value << ',' << e.std_error << ',' << e.lower << ','
          << e.upper << ',' << e.samples << '\n';
    }
  }
  return out.str();
}

std::string run_sweep_json(const std::string& text) {
  Json normalised;
  const SweepConfig config = parse_sweep(parse_json_text(text), &normalised);
  Sweep sweep(config);
  sweep.run();
  return sweep_result_to_json(normalised, sweep.config(), sweep.result()).dump();
}

}  // namespace sgm::io
