#include "sgm/experiment/catalogue.hpp"

#include <set>

#include "sgm/base/error.hpp"
#include "sgm/experiment/process_diffusion.hpp"

namespace sgm {

std::shared_ptr<const Diffusion> make_diffusion(const std::string& name, const ProcessParameters& parameters,
                                                const std::string& field) {
  const Entry<Diffusion>& entry = Registry<Diffusion>::at(name, field);
  Arguments arguments = Registry<Diffusion>::defaults(entry, {});
  for (const auto& [key, value] : parameters) {
    if (entry.parameter(key) == nullptr) {
      std::set<std::string> names;  // sorted, as the JSON parser lists allowed fields
      for (const Parameter& p : entry.parameters) names.insert(p.name);
      std::string allowed;
      for (const std::string& name : names) allowed += (allowed.empty() ? "\"" : ", \"") + name + "\"";
      throw InvalidArgument(field + ": unknown parameter \"" + key + "\" of process \"" + entry.name +
                            "\": " + (allowed.empty() ? "it has none" : "allowed are " + allowed));
    }
    arguments.set(key, value);
  }
  return entry.make(arguments, {});
}

std::shared_ptr<const Process> make_process(const std::string& name, const ProcessParameters& parameters,
                                            const std::string& field) {
  const std::shared_ptr<const Diffusion> made = make_diffusion(name, parameters, field);
  const ProcessDiffusion* diffusion = made->as_process_diffusion();
  require(diffusion != nullptr, field, "\"" + name + "\" is not a process on R^d");
  return diffusion->process();
}

std::shared_ptr<const Stepper> make_stepper(const std::string& name, const Context& context, const std::string& field) {
  const Entry<SamplerMethod>& entry = Registry<SamplerMethod>::at(name, field, ProcessDiffusion::kFamily);
  return std::static_pointer_cast<const Stepper>(
      entry.make(Registry<SamplerMethod>::defaults(entry, context), context));
}

}  // namespace sgm
