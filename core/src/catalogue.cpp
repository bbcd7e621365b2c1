#include "sgm/catalogue.hpp"

#include "sgm/error.hpp"
#include "sgm/euler_maruyama.hpp"
#include "sgm/exponential_integrator.hpp"
#include "sgm/ornstein_uhlenbeck.hpp"

namespace sgm {

const Catalogue& process_catalogue() {
  static const Catalogue c = {
      {"ou", "Ornstein–Uhlenbeck dX = -X dt + √2 dB, prior N(0, I) (theory §1; Chen et al. 2209.11215)"},
  };
  return c;
}

const Catalogue& sampler_catalogue() {
  static const Catalogue c = {
      {"ei", "exponential integrator, score frozen per step (theory §1; Chen et al. 2209.11215 §2(b))"},
      {"em", "Euler–Maruyama on the reverse SDE (theory §1; Bruno–Sabanis 2505.03432)"},
  };
  return c;
}

void throw_unknown_name(const std::string& field, const std::string& name, const Catalogue& catalogue) {
  std::string allowed;
  for (const auto& entry : catalogue) allowed += (allowed.empty() ? "\"" : ", \"") + entry.first + "\"";
  throw InvalidArgument(field + " = \"" + name + "\" is unknown: must be one of " + allowed);
}

std::shared_ptr<const Process> make_process(const std::string& name, const std::string& field) {
  if (name == "ou") return std::make_shared<OrnsteinUhlenbeck>();
  throw_unknown_name(field, name, process_catalogue());
}

std::shared_ptr<const Stepper> make_stepper(const std::string& name, const std::string& field) {
  if (name == "ei") return std::make_shared<ExponentialIntegrator>();
  if (name == "em") return std::make_shared<EulerMaruyama>();
  throw_unknown_name(field, name, sampler_catalogue());
}

}  // namespace sgm
