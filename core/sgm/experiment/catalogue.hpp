#pragma once
// Processes, samplers and grids by name, each with a one-line meaning and its source, for every front end.
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sgm/process/process.hpp"
#include "sgm/sampler/cld_stepper.hpp"
#include "sgm/sampler/stepper.hpp"

namespace sgm {

using Catalogue = std::vector<std::pair<std::string, std::string>>;  // name, meaning

const Catalogue& process_catalogue();
const Catalogue& sampler_catalogue();
const Catalogue& grid_catalogue();         // the GridKind names (grid.hpp)
const Catalogue& cld_process_catalogue();  // "cld": the state (x, v) process, not a Process on R^d
const Catalogue& cld_sampler_catalogue();  // samplers of process "cld" (state (x, v), critically_damped_langevin.hpp)

// Throws InvalidArgument naming `field` and the allowed names when `name` is unknown.
std::shared_ptr<const Process> make_process(const std::string& name, const std::string& field = "process");

// A catalogued process's parameters by name (e.g. {"beta_min", 0.1}), with their defaults, and the horizon T and early
// stopping time δ an experiment uses when it names none (theory §7.9; OU: the T = 5 of the foundation).
using ProcessParameters = std::map<std::string, double>;
struct ProcessDefaults {
  ProcessParameters parameters;
  double T;
  double delta;
};
const ProcessDefaults& process_defaults(const std::string& name, const std::string& field = "process");
// Parameters not given take their defaults; an unknown parameter throws naming `field` and the allowed ones; the
// constructors validate the values (the message names the parameter).
std::shared_ptr<const Process> make_process(const std::string& name, const ProcessParameters& parameters,
                                            const std::string& field = "process");
// A name of the other family (a CLD sampler asked of make_stepper, or the reverse) gets a message naming both the
// sampler and the process field. Samplers with every parameter at its default. "ald" is not built here: its step is
// relative to the last level's noise std σ_L = σ(δ), which depends on the run (the experiment JSON builds it,
// io/src/experiment_json.cpp).
std::shared_ptr<const Stepper> make_stepper(const std::string& name, const std::string& field = "sampler");
std::shared_ptr<const CldStepper> make_cld_stepper(const std::string& name, const std::string& field = "sampler");

// Throws InvalidArgument("<field> = "<name>" is unknown: must be one of ...") — shared by every name lookup.
[[noreturn]] void throw_unknown_name(const std::string& field, const std::string& name, const Catalogue& catalogue);
// The names of a catalogue, quoted and separated by commas: "ei", "em".
std::string quoted_names(const Catalogue& catalogue);

}  // namespace sgm
