#pragma once
// A parameter of a registered object (registry.hpp): its name, meaning, type, default and allowed range. The JSON
// parser (io/sgm/io/experiment_json.cpp), `sgm list` and the WebAssembly catalogue read these declarations; nothing
// else spells a parameter's type, default or range.
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "sgm/base/types.hpp"

namespace sgm {

class Process;

// What a default or a factory may depend on: the experiment's process on R^d (null for a process on another state
// space, e.g. CLD), its horizon T, its early-stopping time δ and the target's dimension.
struct Context {
  const Process* process = nullptr;
  double T = 1.0;
  double delta = 1e-3;
  int dim = 1;
};

// Document: a JSON object read whole by its own parser (a learned score's weights), not a value a control can edit;
// its Value is the object's JSON text.
enum class ParameterType { Number, Integer, Boolean, Choice, Vector, Matrix, VectorList, MatrixList, Spec, Document };
std::string parameter_type_name(ParameterType type);  // "number", "integer", … , "spec", "document"

// An interval of the real line with open or closed ends (infinite ends are open).
struct Range {
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
  bool lo_open = true;
  bool hi_open = true;
  bool contains(double v) const;
  std::string describe(bool integer) const;  // "a number in (0, 1]", "an integer in [1, 64]", "a number > 0"
};
Range closed(double lo, double hi);
Range at_least(double lo);
Range above(double lo);
Range half_open_above(double lo, double hi);  // (lo, hi]

struct Spec;
using Value = std::variant<double, bool, std::string, Vector, Matrix, std::vector<Vector>, std::vector<Matrix>,
                           std::shared_ptr<const Spec>>;

// The values of an object's parameters, every default filled in (the parser guarantees presence and type).
class Arguments {
public:
  void set(const std::string& name, Value value) { values_[name] = std::move(value); }
  bool has(const std::string& name) const { return values_.count(name) != 0; }
  const std::map<std::string, Value>& values() const { return values_; }

  double number(const std::string& name) const { return get<double>(name); }
  std::uint64_t integer(const std::string& name) const { return static_cast<std::uint64_t>(get<double>(name)); }
  bool boolean(const std::string& name) const { return get<bool>(name); }
  const std::string& choice(const std::string& name) const { return get<std::string>(name); }
  const Vector& vector(const std::string& name) const { return get<Vector>(name); }
  const Matrix& matrix(const std::string& name) const { return get<Matrix>(name); }
  const std::vector<Vector>& vectors(const std::string& name) const { return get<std::vector<Vector>>(name); }
  const std::vector<Matrix>& matrices(const std::string& name) const { return get<std::vector<Matrix>>(name); }
  const Spec& spec(const std::string& name) const { return *get<std::shared_ptr<const Spec>>(name); }

private:
  template <class T>
  const T& get(const std::string& name) const;
  std::map<std::string, Value> values_;
};

// A choice from a registry with its arguments, e.g. pc's predictor {"kind": "em"}.
struct Spec {
  std::string kind;
  Arguments arguments;
};

struct Parameter {
  std::string name;
  std::string meaning;
  ParameterType type = ParameterType::Number;
  std::optional<Value> fixed_default;                    // neither default: the parameter is required
  std::function<Value(const Context&)> context_default;  // a default computed from the run (pc's snr, ald's step)
  std::string default_rule;                              // in words, for a computed default
  Range range;                                           // numbers and integers
  std::vector<std::string> choices;                      // choices of strings
  std::string registry;                                  // a nested spec: the registry its kind comes from

  bool required() const { return !fixed_default && !context_default; }
  Value default_value(const Context& context) const;

  // Builders: Parameter::number("eta", "…").with_default(0.0).within(closed(0, 1)).
  static Parameter number(std::string name, std::string meaning);
  static Parameter integer(std::string name, std::string meaning);
  static Parameter boolean(std::string name, std::string meaning);
  static Parameter choice(std::string name, std::string meaning, std::vector<std::string> choices);
  static Parameter of_type(ParameterType type, std::string name, std::string meaning);
  static Parameter spec(std::string name, std::string meaning, std::string registry);
  Parameter with_default(Value value) &&;
  Parameter with_default(std::function<Value(const Context&)> rule, std::string in_words) &&;
  Parameter within(Range r) &&;
};

template <class T>
const T& Arguments::get(const std::string& name) const {
  return std::get<T>(values_.at(name));
}

}  // namespace sgm
