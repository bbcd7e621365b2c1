#pragma once
// Lookup helpers over the registry (registry.hpp) for code that builds an object by name without a JSON document
// (tests, benchmarks): every parameter not given takes its declared default.
#include <map>
#include <memory>
#include <string>

#include "sgm/base/registry.hpp"
#include "sgm/experiment/diffusion.hpp"
#include "sgm/process/process.hpp"
#include "sgm/sampler/stepper.hpp"

namespace sgm {

// A registered process's number parameters by name (e.g. {"beta_min", 0.1}); an unknown parameter throws naming
// `field` and the allowed ones; the constructors validate the values (the message names the parameter).
using ProcessParameters = std::map<std::string, double>;
std::shared_ptr<const Diffusion> make_diffusion(const std::string& name, const ProcessParameters& parameters = {},
                                                const std::string& field = "process");
// The same for a process on R^d; a process of another state space (e.g. "cld") throws naming `field`.
std::shared_ptr<const Process> make_process(const std::string& name, const ProcessParameters& parameters = {},
                                            const std::string& field = "process");
// A stepper of a process on R^d with every parameter at its default; defaults that depend on the run (pc's snr,
// ald's step) read `context` and throw without a process in it.
std::shared_ptr<const Stepper> make_stepper(const std::string& name, const Context& context = {},
                                            const std::string& field = "sampler");

}  // namespace sgm
