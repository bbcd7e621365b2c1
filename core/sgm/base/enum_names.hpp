#pragma once
// Enumerations that JSON spells as names: one table of (value, name) pairs per enumeration, read both ways.
//   constexpr EnumNames<Axis, 2> kAxisNames{{{Axis::Steps, "steps"}, {Axis::Horizon, "T"}}};
//   name_of(kAxisNames, Axis::Horizon) == "T";   value_named(kAxisNames, "sweep.axis", "T") == Axis::Horizon
#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "sgm/base/registry.hpp"

namespace sgm {

template <class Enum>
struct EnumName {
  Enum value;
  const char* name;
};

// Every value of the enumeration, each once, in the order error messages list them.
template <class Enum, std::size_t N>
using EnumNames = std::array<EnumName<Enum>, N>;

template <class Enum, std::size_t N>
std::string name_of(const EnumNames<Enum, N>& table, Enum value) {
  for (const EnumName<Enum>& entry : table)
    if (entry.value == value) return entry.name;
  return "";  // not reached: the table lists every value
}

// The value called `name`; otherwise InvalidArgument naming `field` and listing the table's names.
template <class Enum, std::size_t N>
Enum value_named(const EnumNames<Enum, N>& table, const std::string& field, const std::string& name) {
  std::vector<std::string> names;
  for (const EnumName<Enum>& entry : table) {
    if (name == entry.name) return entry.value;
    names.emplace_back(entry.name);
  }
  throw_unknown_name(field, name, names);
}

}  // namespace sgm
