#include "sgm/io/registry_json.hpp"

#include <cmath>
#include <sstream>

#include "sgm/base/enum_names.hpp"
#include "sgm/bound/experiment_bounds.hpp"
#include "sgm/experiment/diffusion.hpp"
#include "sgm/experiment/experiment.hpp"
#include "sgm/sampler/sampler_method.hpp"
#include "sgm/score/score_error.hpp"
#include "sgm/target/target.hpp"

namespace sgm::io {

namespace {

// Writes `j` as JSON text into `out` until `out` holds more than `budget` characters: the cost is bounded by the
// budget, not by the size of `j` (a 10 MB value is never dumped whole).
void write_bounded(const Json& j, std::string& out, std::size_t budget) {
  if (out.size() > budget) return;
  if (j.is_object() || j.is_array()) {
    out += j.is_object() ? '{' : '[';
    bool first = true;
    for (auto it = j.begin(); it != j.end() && out.size() <= budget; ++it, first = false) {
      if (!first) out += ',';
      if (j.is_object())
        out += Json(shortened(it.key(), budget)).dump(-1, ' ', false, Json::error_handler_t::replace) + ':';
      write_bounded(it.value(), out, budget);
    }
    out += j.is_object() ? '}' : ']';
  } else if (j.is_string()) {
    out +=
        Json(shortened(j.get_ref<const std::string&>(), budget)).dump(-1, ' ', false, Json::error_handler_t::replace);
  } else {
    out += j.dump();
  }
}

}  // namespace

std::string show(const Json& j) {
  constexpr std::size_t kShown = 80;
  std::string text;
  write_bounded(j, text, kShown);
  return text.size() > kShown ? text.substr(0, kShown - 3) + "..." : text;
}

void require_object(const Json& j, const std::string& path, const std::set<std::string>& allowed) {
  require(j.is_object(), path,
          [&] { return std::string("must be a JSON object, got ") + j.type_name() + " " + show(j); });
  for (const auto& item : j.items()) {
    if (allowed.count(item.key())) continue;
    throw InvalidArgument(path + ": unknown field \"" + shortened(item.key()) + "\": allowed fields are " +
                          quoted_names(std::vector<std::string>(allowed.begin(), allowed.end())));
  }
}

double number(const Json& j, const std::string& path) {
  require(j.is_number(), path, [&] { return std::string("must be a number, got ") + j.type_name() + " " + show(j); });
  return j.get<double>();
}

std::uint64_t integer(const Json& j, const std::string& path, double lo, double hi) {
  const double v = number(j, path);
  require(std::isfinite(v) && v == std::floor(v) && v >= lo && v <= hi, path, v,
          [&] { return "an integer in [" + format_value(lo) + ", " + format_value(hi) + "]"; });
  return static_cast<std::uint64_t>(v);
}

Vector vector_of(const Json& j, const std::string& path) {
  require(j.is_array() && !j.empty(), path, [&] { return "must be a non-empty array of numbers, got " + show(j); });
  Vector v(static_cast<Eigen::Index>(j.size()));
  for (std::size_t i = 0; i < j.size(); ++i)  // the element's path is built only for a message
    v(static_cast<Eigen::Index>(i)) =
        j[i].is_number() ? j[i].get<double>() : number(j[i], path + "[" + std::to_string(i) + "]");
  return v;
}

Matrix matrix_of(const Json& j, const std::string& path) {
  require(j.is_array() && !j.empty(), path, [&] { return "must be a non-empty array of rows, got " + show(j); });
  const std::size_t rows = j.size();
  Matrix m;
  for (std::size_t r = 0; r < rows; ++r) {
    const std::string row_path = path + "[" + std::to_string(r) + "]";
    const Vector row = vector_of(j[r], row_path);
    if (r == 0) m.resize(static_cast<Eigen::Index>(rows), row.size());
    require(row.size() == m.cols(), row_path, [&] {
      return "has " + std::to_string(row.size()) + " entries: every row must have " + std::to_string(m.cols());
    });
    m.row(static_cast<Eigen::Index>(r)) = row.transpose();
  }
  return m;
}

std::string kind_of(const Json& j, const std::string& path) {
  if (j.is_string()) return j.get<std::string>();
  require(j.is_object() && j.contains("kind") && j["kind"].is_string(), path,
          [&] { return "must be a name or an object with a string field \"kind\", got " + show(j); });
  return j["kind"].get<std::string>();
}

const Json& field(const Json& doc, const char* key, const Json& fallback) {
  return doc.contains(key) ? doc[key] : fallback;
}

namespace {

template <class Item, class Read>
std::vector<Item> list_of(const Json& j, const std::string& path, const char* what, Read read) {
  require(j.is_array(), path, [&] { return std::string("must be an array of ") + what + ", got " + show(j); });
  std::vector<Item> items;
  for (std::size_t i = 0; i < j.size(); ++i) items.push_back(read(j[i], path + "[" + std::to_string(i) + "]"));
  return items;
}

Json spec_json(const Spec& spec);

}  // namespace

Json value_json(const Value& value, ParameterType type) {
  return std::visit(
      [type](const auto& v) -> Json {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, double>) {
          return type == ParameterType::Integer ? Json(static_cast<std::uint64_t>(v)) : Json(v);
        } else if constexpr (std::is_same_v<V, bool> || std::is_same_v<V, std::string>) {
          return Json(v);
        } else if constexpr (std::is_same_v<V, Vector>) {
          return Json(std::vector<double>(v.data(), v.data() + v.size()));
        } else if constexpr (std::is_same_v<V, Matrix>) {
          Json rows = Json::array();
          for (Eigen::Index r = 0; r < v.rows(); ++r) rows.push_back(value_json(Vector(v.row(r).transpose()), type));
          return rows;
        } else if constexpr (std::is_same_v<V, std::shared_ptr<const Spec>>) {
          return spec_json(*v);
        } else {
          Json items = Json::array();
          for (const auto& item : v) items.push_back(value_json(Value(item), type));
          return items;
        }
      },
      value);
}

namespace {

// A spec with the parameter types of its entry (a sampler: the only registry a nested spec names today).
Json spec_json(const Spec& spec) {
  const Entry<SamplerMethod>& entry = Registry<SamplerMethod>::at(spec.kind, "kind");
  if (entry.parameters.empty()) return spec.kind;
  Json out = {{"kind", spec.kind}};
  for (const Parameter& p : entry.parameters) out[p.name] = value_json(spec.arguments.values().at(p.name), p.type);
  return out;
}

}  // namespace

Value read_parameter(const Parameter& p, const Json& object, const std::string& path, const std::string& family,
                     const Context& context, Json& echo) {
  const std::string at = path + "." + p.name;
  if (!object.is_object() || !object.contains(p.name)) {
    // A missing document says what it is (a number's message needs no more: its range follows when it is wrong).
    require(!p.required(), at, p.type == ParameterType::Document ? "is missing: " + p.meaning : "is missing");
    const Value value = p.default_value(context);
    echo = value_json(value, p.type);
    return value;
  }
  const Json& j = object[p.name];
  Value value;
  switch (p.type) {
    case ParameterType::Number: {
      const double v = number(j, at);
      require(p.range.contains(v), at, v, [&] { return p.range.describe(false); });
      value = v;
      break;
    }
    case ParameterType::Integer: {
      const double v = number(j, at);
      require(std::isfinite(v) && v == std::floor(v) && p.range.contains(v), at, v,
              [&] { return p.range.describe(true); });
      value = v;
      break;
    }
    case ParameterType::Boolean:
      require(j.is_boolean(), at, [&] { return "must be true or false, got " + show(j); });
      value = j.get<bool>();
      break;
    case ParameterType::Choice: {
      require(j.is_string(), at, [&] { return "must be one of " + quoted_names(p.choices) + ", got " + show(j); });
      const std::string v = j.get<std::string>();
      if (std::find(p.choices.begin(), p.choices.end(), v) == p.choices.end()) throw_unknown_name(at, v, p.choices);
      value = v;
      break;
    }
    case ParameterType::Vector:
      value = vector_of(j, at);
      break;
    case ParameterType::Matrix:
      value = matrix_of(j, at);
      break;
    case ParameterType::VectorList:
      value = list_of<Vector>(j, at, "vectors", vector_of);
      break;
    case ParameterType::MatrixList:
      value = list_of<Matrix>(j, at, "matrices", matrix_of);
      break;
    case ParameterType::Spec: {
      Json nested;
      value = std::make_shared<const Spec>(read_spec<SamplerMethod>(j, at, family, context, nested));
      echo = nested;
      return value;
    }
    case ParameterType::Document:
      require(j.is_object(), at, "must be a JSON object, got " + show(j));
      echo = j;
      return j.dump();
  }
  echo = value_json(value, p.type);
  return value;
}

namespace {

Json parameter_json(const Parameter& p, const Context& context) {
  Json out = {{"name", p.name}, {"meaning", p.meaning}, {"type", parameter_type_name(p.type)}};
  if (p.type == ParameterType::Number || p.type == ParameterType::Integer) {
    Json range = Json::object();
    if (std::isfinite(p.range.lo)) range["min"] = p.range.lo, range["min_open"] = p.range.lo_open;
    if (std::isfinite(p.range.hi)) range["max"] = p.range.hi, range["max_open"] = p.range.hi_open;
    out["range"] = range;
    out["allowed"] = p.range.describe(p.type == ParameterType::Integer);
  }
  if (!p.choices.empty()) out["choices"] = p.choices;
  if (!p.registry.empty()) out["registry"] = p.registry;
  if (p.required()) {
    out["required"] = true;
  } else if (p.context_default) {
    out["default_rule"] = p.default_rule;
    try {  // its value in the given context, when it has one
      out["default"] = value_json(p.default_value(context), p.type);
    } catch (const InvalidArgument&) {
    }
  } else {
    out["default"] = value_json(*p.fixed_default, p.type);
  }
  return out;
}

template <class T>
Json entry_json(const Entry<T>& e, const Context& context) {
  Json parameters = Json::array();
  for (const Parameter& p : e.parameters) parameters.push_back(parameter_json(p, context));
  Json out = {{"name", e.name}, {"meaning", e.meaning}, {"citation", e.citation}, {"parameters", parameters}};
  if (!e.aliases.empty()) out["aliases"] = e.aliases;
  if (!e.family.empty()) out["family"] = e.family;
  return out;
}

// The context a family's samplers are described in: the first process of the family at its default T and δ (the
// process is kept alive with the context, which points to it).
struct FamilyContext {
  std::shared_ptr<const Diffusion> process;
  Context context;
};
FamilyContext family_context(const std::string& family) {
  for (const Entry<Diffusion>* e : Registry<Diffusion>::entries(family)) {
    auto process = Registry<Diffusion>::make_default(e->name);
    const Context context = process->context(process->default_horizon(), process->default_early_stop(), 1);
    return {std::move(process), context};
  }
  return {};
}

Json named(const Catalogue& catalogue) {
  Json out = Json::array();
  for (const auto& [name, meaning] : catalogue) out.push_back({{"name", name}, {"meaning", meaning}});
  return out;
}

}  // namespace

std::string scheme_name(PathKLScheme scheme) {
  static constexpr EnumNames<PathKLScheme, 3> kSchemeNames{
      {{PathKLScheme::ExponentialIntegrator, "exponential_integrator"},
       {PathKLScheme::EulerMaruyama, "euler_maruyama"},
       {PathKLScheme::None, "none"}}};
  return name_of(kSchemeNames, scheme);
}

Json catalogue_json() {
  Json processes = Json::array(), samplers = Json::array(), targets = Json::array(), grids = Json::array(),
       scores = Json::array();
  for (const Entry<Diffusion>* e : Registry<Diffusion>::entries()) {
    Json out = entry_json(*e, {});
    const auto process = Registry<Diffusion>::make_default(e->name);
    out["T"] = process->default_horizon();
    out["delta"] = process->default_early_stop();
    out["sampler_family"] = process->sampler_family();
    out["default_sampler"] = process->default_sampler();
    out["capabilities"] = {{"score_error", process->takes_score_error()}, {"bounds", process->has_bounds()}};
    processes.push_back(out);
  }
  for (const Entry<SamplerMethod>* e : Registry<SamplerMethod>::entries()) {
    const FamilyContext family = family_context(e->family);
    const Context& context = family.context;
    Json out = entry_json(*e, context);
    const auto sampler = e->make(Registry<SamplerMethod>::defaults(*e, context), context);
    out["capabilities"] = {{"weak_order", sampler->weak_order()},
                           {"score_evaluations_per_step", sampler->score_evaluations_per_step()},
                           {"path_kl_scheme", scheme_name(sampler->path_kl_scheme())},
                           {"gaussian_preserving", sampler->gaussian_preserving()},
                           {"batch_coupled", sampler->batch_coupled()}};
    samplers.push_back(out);
  }
  for (const Entry<Target>* e : Registry<Target>::entries()) targets.push_back(entry_json(*e, {}));
  for (const Entry<GridSpec>* e : Registry<GridSpec>::entries()) grids.push_back(entry_json(*e, {}));
  for (const Entry<ScoreErrorSpec>* e : Registry<ScoreErrorSpec>::entries()) scores.push_back(entry_json(*e, {}));
  return Json{{"targets", targets},
              {"processes", processes},
              {"samplers", samplers},
              {"scores", scores},
              {"grids", grids},
              {"metrics", named(metric_catalogue())},
              {"bounds", named(bound_catalogue())}};
}

namespace {

std::string cell(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

std::string parameters_cell(const Json& parameters) {
  std::string out;
  for (const Json& p : parameters) {
    // The allowed range says the type of a number ("a number in (0, 1]"); other types are named.
    out += (out.empty() ? "" : "; ") + std::string("`") + p["name"].get<std::string>() + "` " +
           (p.contains("allowed") ? p["allowed"].get<std::string>() : p["type"].get<std::string>());
    if (p.contains("choices")) out += ", one of " + p["choices"].dump();
    if (p.contains("required")) out += ", required";
    if (p.contains("default_rule"))
      out += ", default " + p["default_rule"].get<std::string>();
    else if (p.contains("default"))
      out += ", default " + p["default"].dump();
  }
  return out.empty() ? "—" : out;
}

void table(std::ostringstream& md, const std::string& title, const Json& entries, bool with_family) {
  md << "\n## " << title << "\n\n| name | meaning | parameters |" << (with_family ? " family |" : "")
     << " source |\n|---|---|---|" << (with_family ? "---|" : "") << "---|\n";
  for (const Json& e : entries) {
    std::string name = "`" + e["name"].get<std::string>() + "`";
    if (e.contains("aliases")) name += " (alias " + e["aliases"].dump() + ")";
    md << "| " << cell(name) << " | " << cell(e["meaning"].get<std::string>()) << " | "
       << cell(parameters_cell(e["parameters"])) << " |";
    if (with_family) md << " " << (e.contains("family") ? e["family"].get<std::string>() : "") << " |";
    md << " " << cell(e["citation"].get<std::string>()) << " |\n";
  }
}

void names_table(std::ostringstream& md, const std::string& title, const Json& entries) {
  md << "\n## " << title << "\n\n| name | meaning |\n|---|---|\n";
  for (const Json& e : entries)
    md << "| `" << e["name"].get<std::string>() << "` | " << cell(e["meaning"].get<std::string>()) << " |\n";
}

}  // namespace

std::string reference_markdown() {
  const Json c = catalogue_json();
  std::ostringstream md;
  md << "# Reference\n\nGenerated by `sgm list --markdown` from the registry (core/sgm/base/registry.hpp): every name "
        "an "
        "experiment JSON accepts, with its parameters (type, allowed range, default) and its source. Do not edit by "
        "hand: `npm test` fails when this file differs from the command's output.\n";
  table(md, "Processes", c["processes"], true);
  table(md, "Samplers", c["samplers"], true);
  table(md, "Grids", c["grids"], false);
  table(md, "Targets", c["targets"], false);
  table(md, "Score models", c["scores"], false);
  names_table(md, "Metrics", c["metrics"]);
  names_table(md, "Bounds", c["bounds"]);
  return md.str();
}

}  // namespace sgm::io
