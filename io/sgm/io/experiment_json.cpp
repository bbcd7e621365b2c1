#include "sgm/io/experiment_json.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <sstream>

#include "sgm/base/error.hpp"
#include "sgm/experiment/catalogue.hpp"
#include "sgm/sampler/annealed_langevin.hpp"
#include "sgm/sampler/ddim.hpp"
#include "sgm/sampler/ddpm_ancestral.hpp"
#include "sgm/sampler/dpm_solver_2m_sde.hpp"
#include "sgm/sampler/predictor_corrector.hpp"
#include "sgm/target/datasets.hpp"
#include "sgm/target/double_well.hpp"
#include "sgm/target/gaussian.hpp"
#include "sgm/target/gaussian_mixture.hpp"
#include "sgm/target/modified_half_normal.hpp"
#include "sgm/target/point_cloud.hpp"
#include "sgm/target/product_target.hpp"

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

}  // namespace

Vector vector_of(const Json& j, const std::string& path) {
  require(j.is_array() && !j.empty(), path, std::string("must be a non-empty array of numbers, got ") + show(j));
  Vector v(static_cast<Eigen::Index>(j.size()));
  for (std::size_t i = 0; i < j.size(); ++i)
    v(static_cast<Eigen::Index>(i)) = number(j[i], path + "[" + std::to_string(i) + "]");
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

namespace {

// An integer in [lo, hi]; a number with a fractional part or out of range names the range.
std::uint64_t integer(const Json& j, const std::string& path, double lo, double hi) {
  const double v = number(j, path);
  const std::string range = "an integer in [" + format_value(lo) + ", " + format_value(hi) + "]";
  require(std::isfinite(v) && v == std::floor(v) && v >= lo && v <= hi, path, v, range);
  return static_cast<std::uint64_t>(v);
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
      {"elastic_net",
       "product over dim coordinates of ∝ exp(-lambda1 |y| - lambda2 y²/2), exact perturbed score "
       "(theory §5; Bruno–Sabanis 2505.03432 example)"},
      {"modified_half_normal",
       "product over dim coordinates of ∝ |y|^(alpha-1) exp(-beta y² + gamma |y|), perturbed "
       "score closed form (alpha = 1) or quadrature (theory §5; Sun–Kong–Pal 2023)"},
      {"double_well",
       "product over dim coordinates of ∝ exp(-stiffness (y² - well²)²/4), perturbed score by "
       "quadrature (theory §5; Bruno–Sabanis 2505.03432 example)"},
      {"points",
       "empirical measure of the given points [[x, y, ...], ...], any dimension; perturbed law = mixture of "
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
    return with_path(path,
                     [&]() -> std::shared_ptr<const Target> { return std::make_shared<ProductTarget>(make_law(), d); });
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
    return std::make_shared<PointCloud>(
        kind == "two_moons" ? two_moons_points(n, noise, seed) : swiss_roll_points(n, noise, seed), kind);
  });
}

std::shared_ptr<const Target> parse_target(const Json& j, const std::string& path) {
  const std::string kind = kind_of(j, path);
  if (kind == "gaussian") {
    require_object(j, path, {"kind", "mean", "covariance"});
    require(j.contains("mean") && j.contains("covariance"), path, "a gaussian needs \"mean\" and \"covariance\"");
    return with_path(path, [&] {
      return std::make_shared<Gaussian>(vector_of(j["mean"], path + ".mean"),
                                        matrix_of(j["covariance"], path + ".covariance"));
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
    for (std::size_t i = 0; i < means.size(); ++i)
      mu.push_back(vector_of(means[i], path + ".means[" + std::to_string(i) + "]"));
    for (std::size_t i = 0; i < covs.size(); ++i)
      sigma.push_back(matrix_of(covs[i], path + ".covariances[" + std::to_string(i) + "]"));
    return with_path(path, [&] {
      return std::make_shared<GaussianMixture>(std::vector<double>(w.data(), w.data() + w.size()), mu, sigma);
    });
  }
  if (auto target = parse_semiconvex_or_cloud_target(kind, j, path)) return target;
  throw_unknown_name(path + ".kind", kind, target_catalogue());
}

// "name" or {"kind": "name", parameter: number, ...}; the parameters are those of process_defaults(name).
std::shared_ptr<const Process> parse_process(const Json& j, const std::string& path, std::string& kind,
                                             ProcessParameters& parameters) {
  kind = kind_of(j, path);
  parameters = process_defaults(kind, path + (j.is_object() ? ".kind" : "")).parameters;
  if (j.is_object()) {
    std::set<std::string> allowed = {"kind"};
    for (const auto& entry : parameters) allowed.insert(entry.first);
    require_object(j, path, allowed);
    for (auto& [name, value] : parameters) {
      if (j.contains(name)) value = number(j[name], path + "." + name);
    }
  }
  return with_path(path, [&] { return make_process(kind, parameters, path); });
}

// "name" or {"kind": "name", ...}; only "karras" has a parameter ("rho").
GridSpec parse_grid(const Json& j, const std::string& path) {
  const std::string kind = kind_of(j, path);
  const GridKind grid = grid_kind_from_name(kind);
  if (!j.is_object()) return grid;
  require_object(j, path,
                 grid == GridKind::Karras ? std::set<std::string>{"kind", "rho"} : std::set<std::string>{"kind"});
  const double rho = j.contains("rho") ? number(j["rho"], path + ".rho") : GridSpec().rho();
  return with_path(path, [&] { return GridSpec(grid, rho); });
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
  require_object(j, "score",
                 spec.kind == ScoreErrorKind::Field ? std::set<std::string>{"kind", "epsilon", "frequency"}
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

// "sampler": a name, or {"kind": name, parameters} with strict fields (docs/usage.md, "Samplers"). `run` carries what
// the defaults depend on: the process (pc: target SNR) and the final time δ (ald: σ_L = σ(δ)). `normalised` receives
// the sampler with every default filled in: a name for the samplers without parameters, an object otherwise.
struct SamplerContext {
  const Process& process;
  double T;
  double delta;
};

std::shared_ptr<const Stepper> parse_sampler(const Json& j, const std::string& path, const SamplerContext& run,
                                             Json& normalised) {
  const std::string kind = kind_of(j, path);
  const Json spec = j.is_string() ? Json{{"kind", kind}} : j;
  if (kind == "ei" || kind == "em" || kind == "pf_euler" || kind == "pf_heun" || kind == "dpmpp_2m") {
    require_object(spec, path, {"kind"});
    normalised = kind;
    return make_stepper(kind, path);
  }
  if (kind == "ddpm") {
    require_object(spec, path, {"kind", "variance"});
    const Json v = field(spec, "variance", "fixed_small");  // a copy: the fallback is a temporary
    require(v.is_string(), path + ".variance", "must be \"fixed_small\" or \"fixed_large\", got " + show(v));
    const DdpmVariance variance = ddpm_variance_from_name(v.get<std::string>(), path + ".variance");
    normalised = {{"kind", kind}, {"variance", ddpm_variance_name(variance)}};
    return std::make_shared<DdpmAncestral>(variance);
  }
  if (kind == "ddim") {
    require_object(spec, path, {"kind", "eta"});
    const double eta = number(field(spec, "eta", 0.0), path + ".eta");
    normalised = {{"kind", kind}, {"eta", eta}};
    return with_path(path, [&] { return std::make_shared<Ddim>(eta); });
  }
  if (kind == "dpmpp_2m_sde") {
    require_object(spec, path, {"kind", "eta"});
    const double eta = number(field(spec, "eta", 1.0), path + ".eta");
    normalised = {{"kind", kind}, {"eta", eta}};
    return with_path(path, [&] { return std::make_shared<DpmSolver2MSde>(eta); });
  }
  if (kind == "pc") {
    require_object(spec, path, {"kind", "predictor", "corrector_steps", "snr"});
    Json predictor_normalised;
    auto predictor = parse_sampler(field(spec, "predictor", "em"), path + ".predictor", run, predictor_normalised);
    const auto steps =
        integer(field(spec, "corrector_steps", 1), path + ".corrector_steps", 0, LangevinCorrector::kMaxSteps);
    const double snr = number(field(spec, "snr", default_target_snr(run.process, run.T)), path + ".snr");
    normalised = {{"kind", kind}, {"predictor", predictor_normalised}, {"corrector_steps", steps}, {"snr", snr}};
    return with_path(path, [&] {
      return std::make_shared<PredictorCorrector>(predictor,
                                                  LangevinCorrector::target_snr(static_cast<int>(steps), snr));
    });
  }
  if (kind == "ald") {
    require_object(spec, path, {"kind", "step_size", "steps_per_level"});
    // Default: NCSN's 2e-5, which is 0.2 σ_L² at its σ_L = 0.01; capped at 0.2 σ_L² when σ_L is smaller (VE at δ =
    // 1e-5), where 2e-5 would overshoot (the allowed range is (0, σ_L²]).
    const double final_std = run.process.std(run.delta);
    const double default_step = std::min(AnnealedLangevin::kDefaultStepSize, 0.2 * final_std * final_std);
    const double step_size = number(field(spec, "step_size", default_step), path + ".step_size");
    const auto steps = integer(field(spec, "steps_per_level", AnnealedLangevin::kDefaultStepsPerLevel),
                               path + ".steps_per_level", 1, LangevinCorrector::kMaxSteps);
    normalised = {{"kind", kind}, {"step_size", step_size}, {"steps_per_level", steps}};
    return with_path(path, [&] {
      return std::make_shared<AnnealedLangevin>(step_size, static_cast<int>(steps), run.process.std(run.delta));
    });
  }
  return make_stepper(kind, path + (j.is_string() ? "" : ".kind"));  // unknown, or a CLD sampler: a message naming both
}

// "cld" or {"kind": "cld", "m_inv": M^{-1}, "beta": β_0, "beta_slope": β_1, "gamma": γ}, every parameter optional
// (defaults of theory §7.8). Returns the process; `normalised` receives the object with every parameter filled in.
std::shared_ptr<const CriticallyDampedLangevin> parse_cld(const Json& j, Json& normalised) {
  CldParameters p;
  if (j.is_object()) {
    require_object(j, "process", {"kind", "m_inv", "beta", "beta_slope", "gamma"});
    if (j.contains("m_inv")) p.m_inv = number(j["m_inv"], "process.m_inv");
    if (j.contains("beta")) p.beta = number(j["beta"], "process.beta");
    if (j.contains("beta_slope")) p.beta_slope = number(j["beta_slope"], "process.beta_slope");
    if (j.contains("gamma")) p.gamma = number(j["gamma"], "process.gamma");
  }
  normalised = {
      {"kind", "cld"}, {"m_inv", p.m_inv}, {"beta", p.beta}, {"beta_slope", p.beta_slope}, {"gamma", p.gamma}};
  return with_path("process", [&] { return std::make_shared<CriticallyDampedLangevin>(p); });
}

// A CLD sampler: "sscs" or {"kind": "sscs", "denoise": true} (likewise "cld-em"). Fills c.cld_sampler and c.denoise and
// returns the normalised field (the name, or the object when denoising).
Json parse_cld_sampler(const Json& j, ExperimentConfig& c) {
  const std::string name = kind_of(j, "sampler");
  c.cld_sampler = make_cld_stepper(name);
  if (j.is_object()) {
    require_object(j, "sampler", {"kind", "denoise"});
    if (j.contains("denoise")) {
      require(j["denoise"].is_boolean(), "sampler.denoise", "must be true or false, got " + show(j["denoise"]));
      c.denoise = j["denoise"].get<bool>();
    }
  }
  return c.denoise ? Json{{"kind", name}, {"denoise", true}} : Json(name);
}

}  // namespace

Json parse_json_text(const std::string& text) {
  try {
    return Json::parse(text);
  } catch (const Json::exception& e) {  // parse errors and numbers beyond double range (out_of_range.406)
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

  const Json process_field = field(doc, "process", "ou");
  std::string process = kind_of(process_field, "process");
  ProcessParameters process_parameters;
  Json process_normalised;
  if (process == "cld") {
    c.cld = parse_cld(process_field, process_normalised);
  } else {
    c.process = parse_process(process_field, "process", process, process_parameters);
    process_normalised = process;
    if (!process_parameters.empty()) {
      process_normalised = Json{{"kind", process}};
      for (const auto& [name, value] : process_parameters) process_normalised[name] = value;
    }
  }
  const Json score = parse_score(field(doc, "score", "exact"), c);
  c.grid = parse_grid(field(doc, "grid", "uniform"), "grid");
  // T and δ default per process (theory §7.9): VP-type T = 1, δ = 1e-3; VE δ = 1e-5; OU T = 5; CLD T = 1, δ = 1e-3.
  c.T = c.cld ? CriticallyDampedLangevin::kDefaultHorizon : process_defaults(process).T;
  c.delta = c.cld ? 1e-3 : process_defaults(process).delta;

  c.steps = integer(field(doc, "steps", Json(c.steps)), "steps", 1, static_cast<double>(Grid::kMaxSteps));
  c.T = number(field(doc, "T", Json(c.T)), "T");
  c.delta = number(field(doc, "delta", Json(c.delta)), "delta");
  c.particles = integer(field(doc, "particles", Json(c.particles)), "particles", 1,
                        static_cast<double>(SamplerRun::kMaxParticles));
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
  // Validate every remaining range now (grid: T, δ, steps, its parameters; the process's horizon), so that errors
  // surface before any work; then the sampler, whose defaults depend on the process and δ.
  Json sampler;
  if (c.cld) {
    Grid(c.grid, c.T, c.delta, c.steps);
    sampler = parse_cld_sampler(field(doc, "sampler", "sscs"), c);
  } else {
    Grid(c.grid, *c.process, c.T, c.delta, c.steps);
    c.sampler =
        parse_sampler(field(doc, "sampler", "ei"), "sampler", SamplerContext{*c.process, c.T, c.delta}, sampler);
  }

  if (normalised) {
    *normalised = doc;
    (*normalised)["process"] = process_normalised;
    (*normalised)["sampler"] = sampler;
    (*normalised)["grid"] = c.grid.kind() == GridKind::Karras ? Json{{"kind", "karras"}, {"rho", c.grid.rho()}}
                                                              : Json(grid_kind_name(c.grid.kind()));
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
  // Non-finite figures are written as null (JSON has no NaN); docs/usage.md says what null means for each.
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
  require(doc.is_object(), "experiment", std::string("must be a JSON object, got ") + type_name(doc) + " " + show(doc));
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
    require(target.is_object() && target.contains("dim"), "sweep.axis",
            "\"dimension\" needs a target with a \"dim\" parameter (elastic_net, modified_half_normal, double_well, "
            "square)");
    s.target_of_dimension = [target](int d) {
      Json copy = target;
      copy["dim"] = d;
      return parse_target(copy, "target");
    };
  }
  require(j.contains("values"), "sweep.values", "is missing: the values of the swept parameter, e.g. [10, 20, 40, 80]");
  const Vector values = vector_of(j["values"], "sweep.values");
  s.values.assign(values.data(), values.data() + values.size());
  Json samplers = Json::array();
  if (j.contains("samplers")) {
    require(!s.base.cld, "sweep.samplers",
            "is not available with process = \"cld\": the sweep runs the experiment's own sampler");
    require(j["samplers"].is_array() && !j["samplers"].empty(), "sweep.samplers",
            "must be a non-empty array of sampler names, got " + show(j["samplers"]));
    for (std::size_t i = 0; i < j["samplers"].size(); ++i) {
      const std::string path = "sweep.samplers[" + std::to_string(i) + "]";
      Json normalised_sampler;
      s.samplers.push_back(parse_sampler(j["samplers"][i], path,
                                         SamplerContext{*s.base.process, s.base.T, s.base.delta}, normalised_sampler));
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

Json catalogue_json() {
  auto entries = [](const Catalogue& c) {
    Json out = Json::array();
    for (const auto& [name, meaning] : c) out.push_back({{"name", name}, {"meaning", meaning}});
    return out;
  };
  Json processes = entries(process_catalogue());
  for (Json& process : processes) {  // with the parameters' defaults and the default T and δ
    const ProcessDefaults& d = process_defaults(process["name"].get<std::string>());
    process["parameters"] = d.parameters;
    process["T"] = d.T;
    process["delta"] = d.delta;
  }
  for (Json process : entries(cld_process_catalogue())) {
    const CldParameters p;
    process["parameters"] = {{"m_inv", p.m_inv}, {"beta", p.beta}, {"beta_slope", p.beta_slope}, {"gamma", p.gamma}};
    process["T"] = CriticallyDampedLangevin::kDefaultHorizon;
    process["delta"] = 1e-3;
    processes.push_back(process);
  }
  return Json{{"targets", entries(target_catalogue())},   {"processes", processes},
              {"samplers", entries(sampler_catalogue())}, {"cld_samplers", entries(cld_sampler_catalogue())},
              {"scores", entries(score_catalogue())},     {"grids", entries(grid_catalogue())},
              {"metrics", entries(metric_catalogue())},   {"bounds", entries(bound_catalogue())}};
}

}  // namespace sgm::io
