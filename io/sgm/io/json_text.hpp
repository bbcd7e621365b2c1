#pragma once
// JSON text to a document, with the limits that keep a hostile document from driving the parser off a cliff: a size
// limit checked before parsing, a nesting-depth limit checked while parsing (the parser is iterative and stops at the
// first container too deep, so a document nested 100,000 deep costs nothing), duplicate keys refused with their path
// (the JSON library would silently keep the last), and syntax errors and numbers beyond the range of a double (NaN,
// Infinity, 1e400) reported with the line, the column and the path of the value being read.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>

namespace sgm::io {

using Json = nlohmann::json;

constexpr std::size_t kMaxDocumentBytes = std::size_t{16} << 20;  // 16 MiB: a 10^5-point cloud in 2-D takes ≈ 4 MB
constexpr std::size_t kMaxNestingDepth = 64;  // an experiment needs 5 (a mixture's covariance rows); the rest is slack

// Parses `text`; every failure throws InvalidArgument naming the limit or the position and path.
Json parse_json_text(const std::string& text);

}  // namespace sgm::io
