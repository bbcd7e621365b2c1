#pragma once
// The JSON face of the registry (sgm/base/registry.hpp): every registered object is written as a name, or as
// {"kind": name, parameter: value, ...} with strict fields, each parameter read by its declared type and range and
// every default filled in for the normalised echo. The same declarations give the catalogue (`sgm list`, the
// WebAssembly catalogue()) and the Markdown reference (docs/reference.md).
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "sgm/base/error.hpp"
#include "sgm/base/registry.hpp"
#include "sgm/sampler/sampler_method.hpp"

namespace sgm::io {

using Json = nlohmann::json;

// Helpers shared by the parsers of this folder. A value shown in a message: at most 80 characters, written without
// dumping the whole value.
std::string show(const Json& j);
// An object whose keys must all be in `allowed` (the message lists them).
void require_object(const Json& j, const std::string& path, const std::set<std::string>& allowed);
double number(const Json& j, const std::string& path);
// An integer in [lo, hi]; a number with a fractional part or out of range names the range.
std::uint64_t integer(const Json& j, const std::string& path, double lo, double hi);
Vector vector_of(const Json& j, const std::string& path);
Matrix matrix_of(const Json& j, const std::string& path);
// "name" or {"kind": "name", ...}: returns the kind.
std::string kind_of(const Json& j, const std::string& path);
const Json& field(const Json& doc, const char* key, const Json& fallback);

// Re-throw an error of a core constructor with the JSON path in front of the parameter name.
template <class F>
auto with_path(const std::string& path, F&& make) -> decltype(make()) {
  try {
    return make();
  } catch (const InvalidArgument& e) {
    throw InvalidArgument(path + "." + e.what());
  }
}

// The JSON name of a path-KL scheme: "exponential_integrator", "euler_maruyama" or "none".
std::string scheme_name(PathKLScheme scheme);

// A value as JSON (integers as integers).
Json value_json(const Value& value, ParameterType type);

// One parameter of an object at `path` (the object's JSON, or null when the object is given by name): its value, or
// its default; `echo` receives it as JSON. A nested spec takes its kind from registry `p.registry` in `family`.
Value read_parameter(const Parameter& p, const Json& object, const std::string& path, const std::string& family,
                     const Context& context, Json& echo);

// The spec of a registered object: its entry (by name or alias, in `family` when given) and every argument.
// `normalised` receives the name alone for an entry without parameters, else {"kind": name, every parameter}.
template <class T>
Spec read_spec(const Json& j, const std::string& path, const std::string& family, const Context& context,
               Json& normalised) {
  const std::string kind = kind_of(j, path);
  const Entry<T>* entry = Registry<T>::find(kind);
  const std::string kind_path = path + (j.is_object() ? ".kind" : "");
  if (entry == nullptr) throw_unknown_name(kind_path, kind, Registry<T>::names(family));
  if (!family.empty() && entry->family != family)
    throw InvalidArgument(kind_path + " = \"" + shortened(kind) +
                          "\" does not apply to this process (it is of family \"" + entry->family +
                          "\", the process takes family \"" + family + "\"): must be one of " +
                          quoted_names(Registry<T>::names(family)));
  if (j.is_object()) {
    std::set<std::string> allowed = {"kind"};
    for (const Parameter& p : entry->parameters) allowed.insert(p.name);
    require_object(j, path, allowed);
  }
  Spec spec{entry->name, {}};
  normalised = entry->parameters.empty() ? Json(entry->name) : Json{{"kind", entry->name}};
  for (const Parameter& p : entry->parameters) {
    Json echo;
    spec.arguments.set(p.name, read_parameter(p, j.is_object() ? j : Json(), path, family, context, echo));
    normalised[p.name] = echo;
  }
  return spec;
}

// The object of a spec read as above; errors of its constructor carry `path`.
template <class T>
std::shared_ptr<const T> parse_registered(const Json& j, const std::string& path, const std::string& family,
                                          const Context& context, Json& normalised) {
  const Spec spec = read_spec<T>(j, path, family, context, normalised);
  return with_path(path, [&] { return Registry<T>::make(spec, context); });
}

// Every registered object with its meaning, citation, parameters (type, default, range) and capabilities; metrics and
// bounds with their meanings (for `sgm list --json` and WebAssembly catalogue()).
Json catalogue_json();
// The same as Markdown tables (docs/reference.md is this text; a test keeps it current).
std::string reference_markdown();

}  // namespace sgm::io
