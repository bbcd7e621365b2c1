#include "sgm/io/experiment_json.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "sgm/catalogue.hpp"
#include "sgm/error.hpp"
#include "sgm/gaussian.hpp"
#include "sgm/gaussian_mixture.hpp"

namespace sgm::io {

namespace {

const char* type_name(const Json& j) { return j.type_name(); }

std::string show(const Json& j) {
  std::string s = j.dump();
  return s.size() > 60 ? s.substr(0, 57) + "..." : s;
}

// An object whose keys must all be in `allowed`.
void require_object(const Json& j, const std::string& path, const std::set<std::string>& allowed) {
  require(j.is_object(), path, std::string("must be a JSON object, got ") + type_name(j) + " " + show(j));
  for (const auto& item : j.items()) {
    if (allowed.count(item.key())) continue;
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "\"" : ", \"") + a + "\"";
    throw InvalidArgument(path + ": unknown field \"" + item.key() + "\": allowed fields are " + list);
  }
}

double number(const Json& j, const std::string& path) {
  require(j.is_number(), path, std::string("must be a number, got ") + type_name(j) + " " + show(j));
  return j.get<double>();
}

// An integer in [lo, hi]; a number with a fractional part or out of range names the range.
std::uint64_t integer(const Json& j, const std::string& path, double lo, double hi) {
  const double v = number(j, path);
  const std::string range = "an integer in [" + format_value(lo) + ", " + format_value(hi) + "]";
  require(std::isfinite(v) && v == std::floor(v) && v >= lo && v <= hi, path, v, range);
  return static_cast<std::uint64_t>(v);
}

Vector vector_of(const Json& j, const std::string& path) {
  require(j.is_array() && !j.empty(), path, std::string("must be a non-empty array of numbers, got ") + show(j));
  Vector v(static_cast<Eigen::Index>(j.size()));
  for (std::size_t i = 0; i < j.size(); ++i) v(static_cast<Eigen::Index>(i)) = number(j[i], path + "[" + std::to_string(i) + "]");
  return v;
}

Matrix matrix_of(const Json& j, const std::string& path) {
  require(j.is_array() && !j.empty(), path, std::string("must be a non-empty array of rows, got ") + show(j));
  const std::size_t rows = j.size();
  Matrix m;
  for (std::size_t r = 0; r < rows; ++r) {
    const Vector row = vector_of(j[r], path + "[" + std::to_string(r) + "]");
    if (r == 0) m.resize(static_cast<Eigen::Index>(rows), row.size());
    require(row.size() == m.cols(), path + "[" + std::to_string(r) + "]",
            "has " + std::to_string(row.size()) + " entries: every row must have " + std::to_string(m.cols()));
    m.row(static_cast<Eigen::Index>(r)) = row.transpose();
  }
  return m;
}

// "name" or {"kind": "name", ...}: returns the kind.
std::string kind_of(const Json& j, const std::string& path) {
  if (j.is_string()) return j.get<std::string>();
  require(j.is_object() && j.contains("kind") && j["kind"].is_string(), path,
          "must be a name or an object with a string field \"kind\", got " + show(j));
  return j["kind"].get<std::string>();
}

// Re-throw an error of a core constructor with the JSON path in front of the parameter name.
template <class F>
auto with_path(const std::string& path, F&& make) -> decltype(make()) {
  try {
    return make();
  } catch (const InvalidArgument& e) {
    throw InvalidArgument(path + "." + e.what());
  }
}

const Catalogue& target_catalogue() {
  static const Catalogue c = {
      {"gaussian", "N(mean, covariance), full covariance, any dimension (theory §1)"},
      {"gmm", "Gaussian mixture Σ weights[j] N(means[j], covariances[j]), any dimension (theory §1)"},
  };
  return c;
}

std::shared_ptr<const Target> parse_target(const Json& j, const std::string& path) {
  const std::string kind = kind_of(j, path);
  if (kind == "gaussian") {
    require_object(j, path, {"kind", "mean", "covariance"});
    require(j.contains("mean") && j.contains("covariance"), path, "a gaussian needs \"mean\" and \"covariance\"");
    return with_path(path, [&] {
      return std::make_shared<Gaussian>(vector_of(j["mean"], path + ".mean"), matrix_of(j["covariance"], path + ".covariance"));
    });
  }
  if (kind == "gmm") {
    require_object(j, path, {"kind", "weights", "means", "covariances"});
    require(j.contains("weights") && j.contains("means") && j.contains("covariances"), path,
            "a gmm needs \"weights\", \"means\" and \"covariances\"");
    const Vector w = vector_of(j["weights"], path + ".weights");
    const Json& means = j["means"];
    const Json& covs = j["covariances"];
    require(means.is_array(), path + ".means", "must be an array of vectors, got " + show(means));
    require(covs.is_array(), path + ".covariances", "must be an array of matrices, got " + show(covs));
    std::vector<Vector> mu;
    std::vector<Matrix> sigma;
    for (std::size_t i = 0; i < means.size(); ++i) mu.push_back(vector_of(means[i], path + ".means[" + std::to_string(i) + "]"));
    for (std::size_t i = 0; i < covs.size(); ++i) sigma.push_back(matrix_of(covs[i], path + ".covariances[" + std::to_string(i) + "]"));
    return with_path(path, [&] {
      return std::make_shared<GaussianMixture>(std::vector<double>(w.data(), w.data() + w.size()), mu, sigma);
    });
  }
  throw_unknown_name(path + ".kind", kind, target_catalogue());
}

// Score models by name: the exact score, or the exact score plus one of the controlled errors.
const Catalogue& score_catalogue() {
  static const Catalogue c = [] {
    Catalogue all = {{"exact", "the exact score of q_t"}};
    for (const auto& entry : score_error_catalogue()) all.push_back(entry);
    return all;
  }();
  return c;
}

// "score": "exact" or {"kind": "bias" | "field" | "noise", "epsilon": ε, "frequency": ω0 (field only)}.
// Fills c.score_error and returns the normalised field.
Json parse_score(const Json& j, ExperimentConfig& c) {
  const std::string kind = kind_of(j, "score");
  if (kind == "exact") {
    if (j.is_object()) require_object(j, "score", {"kind"});
    return "exact";
  }
  const Catalogue& names = score_catalogue();
  if (std::none_of(names.begin(), names.end(), [&](const auto& e) { return e.first == kind; })) {
    throw_unknown_name("score.kind", kind, names);
  }
  ScoreErrorSpec spec;
  spec.kind = score_error_kind_from_name(kind);
  require(j.is_object(), "score", "a score error needs {\"kind\": \"" + kind + "\", \"epsilon\": ε}");
  require_object(j, "score", spec.kind == ScoreErrorKind::Field ? std::set<std::string>{"kind", "epsilon", "frequency"}
                                                                 : std::set<std::string>{"kind", "epsilon"});
  require(j.contains("epsilon"), "score.epsilon", "is missing: the L2 size ε of the score error");
  spec.epsilon = number(j["epsilon"], "score.epsilon");
  if (j.contains("frequency")) spec.frequency = number(j["frequency"], "score.frequency");
  with_path("score", [&] {
    validate_score_error(spec, c.target->dim());
    return 0;
  });
  c.score_error = spec;
  Json normalised = {{"kind", kind}, {"epsilon", spec.epsilon}};
  if (spec.kind == ScoreErrorKind::Field) normalised["frequency"] = spec.frequency;
  return normalised;
}

// "bounds": an array of names from bound_catalogue(), or "all".
std::vector<std::string> parse_bound_names(const Json& j) {
  std::vector<std::string> names;
  if (j.is_string() && j.get<std::string>() == "all") {
    for (const auto& entry : bound_catalogue()) names.push_back(entry.first);
    return names;
  }
  require(j.is_array(), "bounds", "must be \"all\" or an array of bound names, got " + show(j));
  for (std::size_t i = 0; i < j.size(); ++i) {
    require(j[i].is_string(), "bounds[" + std::to_string(i) + "]", "must be a bound name, got " + show(j[i]));
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

const Json& field(const Json& doc, const char* key, const Json& fallback) {
  return doc.contains(key) ? doc[key] : fallback;
}

}  // namespace

Json parse_json_text(const std::string& text) {
  try {
    return Json::parse(text);
  } catch (const Json::parse_error& e) {
    throw InvalidArgument(std::string("experiment: malformed JSON: ") + e.what());
  }
}

ExperimentConfig parse_experiment(const Json& doc, Json* normalised) {
  require_object(doc, "experiment",
                 {"description", "target", "process", "grid", "sampler", "score", "steps", "T", "delta", "particles",
                  "seed", "metrics", "projections", "bounds", "bound_options"});
  ExperimentConfig c;
  require(doc.contains("target"), "target", "is missing: an experiment needs a target (e.g. {\"kind\": \"gmm\", ...})");
  c.target = parse_target(doc["target"], "target");

  const std::string process = kind_of(field(doc, "process", "ou"), "process");
  c.process = make_process(process);
  const std::string sampler = kind_of(field(doc, "sampler", "ei"), "sampler");
  c.sampler = make_stepper(sampler);
  const Json score = parse_score(field(doc, "score", "exact"), c);
  const std::string grid = kind_of(field(doc, "grid", "uniform"), "grid");
  c.grid = grid_kind_from_name(grid);

  c.steps = integer(field(doc, "steps", Json(c.steps)), "steps", 1, static_cast<double>(Grid::kMaxSteps));
  c.T = number(field(doc, "T", Json(c.T)), "T");
  c.delta = number(field(doc, "delta", Json(c.delta)), "delta");
  c.particles = integer(field(doc, "particles", Json(c.particles)), "particles", 1,
                        static_cast<double>(ReverseDiffusion::kMaxParticles));
  c.seed = integer(field(doc, "seed", Json(c.seed)), "seed", 0, 9007199254740991.0);  // 2^53 - 1: exact in JS
  c.projections = integer(field(doc, "projections", Json(c.projections)), "projections", 1, 4096);
  if (doc.contains("metrics")) {
    const Json& m = doc["metrics"];
    require(m.is_array(), "metrics", "must be an array of metric names, got " + show(m));
    c.metrics.clear();
    for (std::size_t i = 0; i < m.size(); ++i) {
      require(m[i].is_string(), "metrics[" + std::to_string(i) + "]", "must be a metric name, got " + show(m[i]));
      c.metrics.push_back(m[i].get<std::string>());
    }
  }
  if (doc.contains("bounds")) c.bounds = parse_bound_names(doc["bounds"]);
  if (doc.contains("bound_options")) c.bound_options = parse_bound_options(doc["bound_options"]);
  validate_bounds(c.bounds, c.bound_options);
  // Validate every remaining range now (grid: T, δ, steps), so that errors surface before any work.
  Grid(c.grid, c.T, c.delta, c.steps);

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

Json catalogue_json() {
  auto entries = [](const Catalogue& c) {
    Json out = Json::array();
    for (const auto& [name, meaning] : c) out.push_back({{"name", name}, {"meaning", meaning}});
    return out;
  };
  return Json{{"targets", entries(target_catalogue())},
              {"processes", entries(process_catalogue())},
              {"samplers", entries(sampler_catalogue())},
              {"scores", entries(score_catalogue())},
              {"grids", Json::array({{{"name", "uniform"}, {"meaning", "t_k = T - k (T - δ)/N"}},
                                     {{"name", "log"}, {"meaning", "t_k = T (δ/T)^{k/N}, refined near δ"}}})},
              {"metrics", entries(metric_catalogue())},
              {"bounds", entries(bound_catalogue())}};
}

}  // namespace sgm::io
