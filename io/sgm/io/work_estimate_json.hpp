#pragma once
// The work and memory estimate of an experiment or sweep document (core/sgm/experiment/work_estimate.hpp) as JSON:
// the entry point of `sgm estimate` and of WebAssembly estimate(), so a front end can show the cost before running.
#include <string>

#include "sgm/experiment/work_estimate.hpp"
#include "sgm/io/json_text.hpp"

namespace sgm::io {

// {"job": "experiment"|"sweep", "work", "bytes", "within", "limits": {"work", "bytes"},
//  "parts": [{"name", "drivers", "work", "bytes"}, ...]}. A document with a field "sweep" is a sweep. Invalid
// documents throw InvalidArgument as `run` and `sweep` would.
Json estimate_document(const Json& doc, const WorkLimits& limits);
// Text in, text out, with the default limits of this build.
std::string estimate_json(const std::string& text);

}  // namespace sgm::io
