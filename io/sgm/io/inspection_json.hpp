#pragma once
// `sgm inspect` and WebAssembly `inspect`: an experiment document plus an optional field
//   "inspect": {"times": [t, ...], "points": [[x, y, ...], ...]}
// (times default to the grid's; points default to none) in; the objects' values as JSON out (docs/usage.md,
// "Inspecting the objects").
#include <string>

#include "sgm/experiment/inspection.hpp"
#include "sgm/io/experiment_json.hpp"

namespace sgm::io {

Json inspection_to_json(const Inspection& inspection);

// The experiment document read without evaluating anything: the experiment, and its "inspect" field into `request`.
ExperimentConfig parse_inspection(Json doc, InspectionRequest& request, Json* normalised = nullptr);
// The experiment document with its "inspect" field in; the values, with the normalised experiment as "config", out.
Json inspect_document(Json doc);
// Text in, text out: parse the experiment and its "inspect" field, evaluate, return the JSON.
std::string inspect_json(const std::string& text);

}  // namespace sgm::io
