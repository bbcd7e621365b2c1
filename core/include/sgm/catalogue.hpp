#pragma once
// Processes and samplers by name, each with a one-line meaning and its source, for every front end.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sgm/cld_stepper.hpp"
#include "sgm/process.hpp"
#include "sgm/stepper.hpp"

namespace sgm {

using Catalogue = std::vector<std::pair<std::string, std::string>>;  // name, meaning

const Catalogue& process_catalogue();
const Catalogue& sampler_catalogue();
const Catalogue& cld_sampler_catalogue();  // samplers of process "cld" (state (x, v), critically_damped_langevin.hpp)

// Throws InvalidArgument naming `field` and the allowed names when `name` is unknown.
std::shared_ptr<const Process> make_process(const std::string& name, const std::string& field = "process");
// A name of the other family (a CLD sampler asked of make_stepper, or the reverse) gets a message naming both the
// sampler and the process field.
std::shared_ptr<const Stepper> make_stepper(const std::string& name, const std::string& field = "sampler");
std::shared_ptr<const CldStepper> make_cld_stepper(const std::string& name, const std::string& field = "sampler");

// Throws InvalidArgument("<field> = "<name>" is unknown: must be one of ...") — shared by every name lookup.
[[noreturn]] void throw_unknown_name(const std::string& field, const std::string& name, const Catalogue& catalogue);
// The names of a catalogue, quoted and separated by commas: "ei", "em".
std::string quoted_names(const Catalogue& catalogue);

}  // namespace sgm
