#include "sgm/base/parameter.hpp"

#include <cmath>

#include "sgm/base/enum_names.hpp"
#include "sgm/base/error.hpp"

namespace sgm {

std::string parameter_type_name(ParameterType type) {
  static constexpr EnumNames<ParameterType, 10> kParameterTypeNames{{{ParameterType::Number, "number"},
                                                                     {ParameterType::Integer, "integer"},
                                                                     {ParameterType::Boolean, "boolean"},
                                                                     {ParameterType::Choice, "choice"},
                                                                     {ParameterType::Vector, "vector"},
                                                                     {ParameterType::Matrix, "matrix"},
                                                                     {ParameterType::VectorList, "vector_list"},
                                                                     {ParameterType::MatrixList, "matrix_list"},
                                                                     {ParameterType::Spec, "spec"},
                                                                     {ParameterType::Document, "document"}}};
  return name_of(kParameterTypeNames, type);
}

bool Range::contains(double v) const {
  if (std::isnan(v)) return false;
  const bool above_lo = lo_open ? v > lo : v >= lo;
  const bool below_hi = hi_open ? v < hi : v <= hi;
  return above_lo && below_hi;
}

std::string Range::describe(bool integer) const {
  const std::string what = integer ? "an integer" : "a number";
  const bool finite_lo = std::isfinite(lo), finite_hi = std::isfinite(hi);
  if (finite_lo && finite_hi) {
    return what + " in " + (lo_open ? "(" : "[") + format_value(lo) + ", " + format_value(hi) + (hi_open ? ")" : "]");
  }
  if (finite_lo) return what + (lo_open ? " > " : " ≥ ") + format_value(lo);
  if (finite_hi) return what + (hi_open ? " < " : " ≤ ") + format_value(hi);
  return integer ? what : "a finite number";
}

Range closed(double lo, double hi) { return {lo, hi, false, false}; }
Range at_least(double lo) { return {lo, std::numeric_limits<double>::infinity(), false, true}; }
Range above(double lo) { return {lo, std::numeric_limits<double>::infinity(), true, true}; }
Range half_open_above(double lo, double hi) { return {lo, hi, true, false}; }

Value Parameter::default_value(const Context& context) const {
  if (context_default) return context_default(context);
  require(fixed_default.has_value(), name, "is missing");
  return *fixed_default;
}

Parameter Parameter::of_type(ParameterType type, std::string name, std::string meaning) {
  Parameter p;
  p.name = std::move(name);
  p.meaning = std::move(meaning);
  p.type = type;
  return p;
}

Parameter Parameter::number(std::string name, std::string meaning) {
  return of_type(ParameterType::Number, std::move(name), std::move(meaning));
}

Parameter Parameter::integer(std::string name, std::string meaning) {
  return of_type(ParameterType::Integer, std::move(name), std::move(meaning));
}

Parameter Parameter::boolean(std::string name, std::string meaning) {
  return of_type(ParameterType::Boolean, std::move(name), std::move(meaning));
}

Parameter Parameter::choice(std::string name, std::string meaning, std::vector<std::string> choices) {
  Parameter p = of_type(ParameterType::Choice, std::move(name), std::move(meaning));
  p.choices = std::move(choices);
  return p;
}

Parameter Parameter::spec(std::string name, std::string meaning, std::string registry) {
  Parameter p = of_type(ParameterType::Spec, std::move(name), std::move(meaning));
  p.registry = std::move(registry);
  return p;
}

Parameter Parameter::with_default(Value value) && {
  fixed_default = std::move(value);
  return std::move(*this);
}

Parameter Parameter::with_default(std::function<Value(const Context&)> rule, std::string in_words) && {
  context_default = std::move(rule);
  default_rule = std::move(in_words);
  return std::move(*this);
}

Parameter Parameter::within(Range r) && {
  range = r;
  return std::move(*this);
}

}  // namespace sgm
