#include "sgm/base/error.hpp"

#include <cmath>
#include <cstdio>

namespace sgm {

std::string format_value(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  // Whole numbers up to 2^53 in full (bounds such as the largest seed 2^53 - 1 would otherwise read 9.007199255e+15).
  if (value == std::floor(value) && std::abs(value) <= 9007199254740992.0)
    return std::to_string(static_cast<long long>(value));
  return format_general(value, 10);
}

std::string format_general(double value, int digits) {
  // printf's %g is what an ostream with that precision writes (C++17 [facet.num.put.virtuals]); without <sstream>, so
  // that the WebAssembly module links no iostreams and locales (docs/benchmarks.md, "WebAssembly module size").
  char text[32];
  std::snprintf(text, sizeof text, "%.*g", digits, value);
  return text;
}

void require(bool ok, const std::string& name, double value, const std::string& allowed) {
  if (!ok) throw InvalidArgument(name + " = " + format_value(value) + " is out of range: must be " + allowed);
}

void require(bool ok, const std::string& name, const std::string& what) {
  if (!ok) throw InvalidArgument(name + ": " + what);
}

std::string indexed(const std::string& name, std::size_t k) { return name + "[" + std::to_string(k) + "]"; }

std::string shortened(const std::string& text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t cut = max > 3 ? max - 3 : 0;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 character
  return text.substr(0, cut) + "... (" + std::to_string(text.size()) + " characters)";
}

}  // namespace sgm
