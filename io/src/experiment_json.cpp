#include "sgm/io/experiment_json.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "sgm/catalogue.hpp"
#include "sgm/datasets.hpp"
#include "sgm/double_well.hpp"
#include "sgm/error.hpp"
#include "sgm/gaussian.hpp"
#include "sgm/gaussian_mixture.hpp"
#include "sgm/modified_half_normal.hpp"
#include "sgm/point_cloud.hpp"
#include "sgm/product_target.hpp"

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
      {"elastic_net", "product over dim coordinates of ∝ exp(-lambda1 |y| - lambda2 y²/2), exact perturbed score "
                      "(theory §5; Bruno–Sabanis 2505.03432 example)"},
      {"modified_half_normal", "product over dim coordinates of ∝ |y|^(alpha-1) exp(-beta y² + gamma |y|), perturbed "
                               "score closed form (alpha = 1) or quadrature (theory §5; Sun–Kong–Pal 2023)"},
      {"double_well", "product over dim coordinates of ∝ exp(-stiffness (y² - well²)²/4), perturbed score by "
                      "quadrature (theory §5; Bruno–Sabanis 2505.03432 example)"},
      {"points", "empirical measure of the given points [[x, y, ...], ...], any dimension; perturbed law = mixture of "
                 "N(a x_i, s² I) (theory §1, §9.8)"},
      {"ring", "n_points uniform on the annulus radius ± width/2 (2-D point cloud from seed; theory §9.8)"},
      {"square", "n_points uniform on [-half_width, half_width]^dim (point cloud from seed; theory §9.8)"},
      {"two_moons", "n_points on scikit-learn's two moons plus N(0, noise²) (2-D point cloud from seed)"},
      {"swiss_roll", "n_points on the 2-D swiss roll (t cos t, t sin t)/5 plus N(0, noise²) (point cloud from seed)"},
  };
  return c;
}

// A number field of a target object; `fallback` NaN means required. A target given as a plain name has no fields.
double target_number(const Json& j, const std::string& path, const char* key,
                     double fallback = std::numeric_limits<double>::quiet_NaN()) {
  if (j.is_object() && j.contains(key)) return number(j[key], path + "." + key);
  require(!std::isnan(fallback), path + "." + key, "is missing");
  return fallback;
}

std::uint64_t target_integer(const Json& j, const std::string& path, const char* key, double lo, double hi,
                             double fallback = std::numeric_limits<double>::quiet_NaN()) {
  if (j.is_object() && j.contains(key)) return integer(j[key], path + "." + key, lo, hi);
  require(!std::isnan(fallback), path + "." + key, "is missing");
  return static_cast<std::uint64_t>(fallback);
}

// The product and point-cloud targets of theory §5 and §9.8 (strict fields; null for a target given by name only).
std::shared_ptr<const Target> parse_semiconvex_or_cloud_target(const std::string& kind, const Json& j,
                                                               const std::string& path) {
  static const std::map<std::string, std::set<std::string>> fields = {
      {"elastic_net", {"kind", "dim", "lambda1", "lambda2"}},
      {"modified_half_normal", {"kind", "dim", "alpha", "beta", "gamma"}},
      {"double_well", {"kind", "dim", "stiffness", "well"}},
      {"points", {"kind", "points"}},
      {"ring", {"kind", "n_points", "seed", "radius", "width"}},
      {"square", {"kind", "n_points", "seed", "half_width", "dim"}},
      {"two_moons", {"kind", "n_points", "seed", "noise"}},
      {"swiss_roll", {"kind", "n_points", "seed", "noise"}},
  };
  const auto allowed = fields.find(kind);
  if (allowed == fields.end()) return nullptr;
  if (j.is_object()) require_object(j, path, allowed->second);
  // Fields are read (with their JSON paths in errors) before the core validates them under with_path.
  auto number_field = [&](const char* key, double fallback = std::numeric_limits<double>::quiet_NaN()) {
    return target_number(j, path, key, fallback);
  };
  auto dim = [&](double fallback = std::numeric_limits<double>::quiet_NaN()) {
    return static_cast<int>(target_integer(j, path, "dim", 1, 4096, fallback));
  };
  auto product = [&](int d, auto make_law) {
    return with_path(path, [&]() -> std::shared_ptr<const Target> { return std::make_shared<ProductTarget>(make_law(), d); });
  };
  if (kind == "elastic_net") {
    const int d = dim();
    const double lambda1 = number_field("lambda1"), lambda2 = number_field("lambda2");
    return product(d, [&] { return make_elastic_net(lambda1, lambda2); });
  }
  if (kind == "modified_half_normal") {
    const int d = dim();
    const double alpha = number_field("alpha"), beta = number_field("beta"), gamma = number_field("gamma");
    return product(d, [&] { return std::make_shared<SymmetricModifiedHalfNormal>(alpha, beta, gamma); });
  }
  if (kind == "double_well") {
    const int d = dim();
    const double stiffness = number_field("stiffness", 1.0), well = number_field("well", 1.0);
    return product(d, [&] { return std::make_shared<DoubleWell>(stiffness, well); });
  }
  if (kind == "points") {
    require(j.is_object() && j.contains("points"), path + ".points", "is missing: a list of points [[x, y, ...], ...]");
    const Matrix points = matrix_of(j["points"], path + ".points");
    return with_path(path, [&]() -> std::shared_ptr<const Target> { return std::make_shared<PointCloud>(points); });
  }
  const auto n = static_cast<std::size_t>(target_integer(j, path, "n_points", 1, 1000000, 1000));
  const std::uint64_t seed = target_integer(j, path, "seed", 0, 9007199254740991.0, 0);
  if (kind == "ring") {
    const double radius = number_field("radius", 2.0), width = number_field("width", 0.2);
    return with_path(path, [&]() -> std::shared_ptr<const Target> {
      return std::make_shared<PointCloud>(ring_points(n, radius, width, seed), kind);
    });
  }
  if (kind == "square") {
    const double half_width = number_field("half_width", 1.0);
    const int d = dim(2);
    return with_path(path, [&]() -> std::shared_ptr<const Target> {
      return std::make_shared<PointCloud>(square_points(n, half_width, d, seed), kind);
    });
  }
  const double noise = number_field("noise", 0.05);
  return with_path(path, [&]() -> std::shared_ptr<const Target> {
    return std::make_shared<PointCloud>(kind == "two_moons" ? two_moons_points(n, noise, seed)
                                                            : swiss_roll_points(n, noise, seed), kind);
  });
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
  if (auto target = parse_semiconvex_or_cloud_target(kind, j, path)) return target;
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
                  "seed", "metrics", "projections"});
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
  return Json{
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
              {"metrics", entries(metric_catalogue())}};
}

}  // namespace sgm::io
