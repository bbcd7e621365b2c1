#include "sgm/base/registry.hpp"

namespace sgm {

std::string quoted_names(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "\"" : ", \"") + name + "\"";
  return out;
}

void throw_unknown_name(const std::string& field, const std::string& name, const std::vector<std::string>& names) {
  throw InvalidArgument(field + " = \"" + shortened(name) + "\" is unknown: must be one of " + quoted_names(names));
}

std::vector<std::string> catalogue_names(const Catalogue& catalogue) {
  std::vector<std::string> names;
  for (const auto& entry : catalogue) names.push_back(entry.first);
  return names;
}

bool catalogue_has(const Catalogue& catalogue, const std::string& name) {
  for (const auto& entry : catalogue)
    if (entry.first == name) return true;
  return false;
}

void throw_unknown_name(const std::string& field, const std::string& name, const Catalogue& catalogue) {
  throw_unknown_name(field, name, catalogue_names(catalogue));
}

}  // namespace sgm
