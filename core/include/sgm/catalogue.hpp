#pragma once
// Processes and samplers by name, each with a one-line meaning and its source, for every front end.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sgm/process.hpp"
#include "sgm/stepper.hpp"

namespace sgm {

using Catalogue = std::vector<std::pair<std::string, std::string>>;  // name, meaning

const Catalogue& process_catalogue();
const Catalogue& sampler_catalogue();

// Throws InvalidArgument naming `field` and the allowed names when `name` is unknown.
std::shared_ptr<const Process> make_process(const std::string& name, const std::string& field = "process");
// Samplers with every parameter at its default. "ald" is not built here: its step is relative to the last level's
// noise std σ_L = σ(δ), which depends on the run (the experiment JSON builds it, io/src/experiment_json.cpp).
std::shared_ptr<const Stepper> make_stepper(const std::string& name, const std::string& field = "sampler");

// Throws InvalidArgument("<field> = "<name>" is unknown: must be one of ...") — shared by every name lookup.
[[noreturn]] void throw_unknown_name(const std::string& field, const std::string& name, const Catalogue& catalogue);

}  // namespace sgm
