#pragma once
// `sgm inspect` and WebAssembly `inspect`: an experiment document plus an optional field
//   "inspect": {"times": [t, ...], "points": [[x, y, ...], ...]}
// (times default to the grid's; points default to none) in; the objects' values as JSON out (docs/usage.md,
// "Inspecting the objects").
#include <string>

#include "sgm/experiment/cell_grid.hpp"
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
// The experiment document (text; an "inspect" field is ignored) inspected at time `time` at the centres of `cells`
// (cell_grid.hpp): the page's density grids, whose thousands of points and values then cross no JSON text.
FieldAtTime inspect_cells(const std::string& text, double time, const CellGrid& cells);

}  // namespace sgm::io
