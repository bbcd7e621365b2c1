#include "sgm/catalogue.hpp"

#include <algorithm>

#include "sgm/cld_euler_maruyama.hpp"
#include "sgm/error.hpp"
#include "sgm/euler_maruyama.hpp"
#include "sgm/exponential_integrator.hpp"
#include "sgm/ornstein_uhlenbeck.hpp"
#include "sgm/symmetric_splitting.hpp"

namespace sgm {

const Catalogue& process_catalogue() {
  static const Catalogue c = {
      {"ou", "Ornstein–Uhlenbeck dX = -X dt + √2 dB, prior N(0, I) (theory §1; Chen et al. 2209.11215)"},
      {"cld", "critically damped Langevin diffusion on (x, v), velocity score only; {\"m_inv\": 4, \"beta\": 4, "
              "\"beta_slope\": 0, \"gamma\": 0.04} (theory §7.8; Dockhorn et al. 2022)"},
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

const Catalogue& cld_sampler_catalogue() {
  static const Catalogue c = {
      {"sscs", "symmetric splitting CLD sampler: exact half steps of the linear part around an Euler score step; "
               "{\"denoise\": true} adds the final denoising step (theory §7.8; Dockhorn et al. 2022)"},
      {"cld-em", "Euler–Maruyama on the reverse CLD SDE; {\"denoise\": true} as for sscs (theory §7.8)"},
  };
  return c;
}

namespace {
bool listed(const Catalogue& catalogue, const std::string& name) {
  return std::any_of(catalogue.begin(), catalogue.end(), [&](const auto& entry) { return entry.first == name; });
}
}  // namespace

std::string quoted_names(const Catalogue& catalogue) {
  std::string names;
  for (const auto& entry : catalogue) names += (names.empty() ? "\"" : ", \"") + entry.first + "\"";
  return names;
}

void throw_unknown_name(const std::string& field, const std::string& name, const Catalogue& catalogue) {
  throw InvalidArgument(field + " = \"" + name + "\" is unknown: must be one of " + quoted_names(catalogue));
}

std::shared_ptr<const Process> make_process(const std::string& name, const std::string& field) {
  if (name == "ou") return std::make_shared<OrnsteinUhlenbeck>();
  if (name == "cld") {
    throw InvalidArgument(field + " = \"cld\" is not a process on R^d: it is CriticallyDampedLangevin, set as "
                                  "ExperimentConfig::cld");
  }
  throw_unknown_name(field, name, process_catalogue());
}

std::shared_ptr<const Stepper> make_stepper(const std::string& name, const std::string& field) {
  if (name == "ei") return std::make_shared<ExponentialIntegrator>();
  if (name == "em") return std::make_shared<EulerMaruyama>();
  if (listed(cld_sampler_catalogue(), name)) {
    throw InvalidArgument(field + " = \"" + name + "\" needs process = \"cld\" (it steps the (x, v) state of the "
                          "critically damped Langevin diffusion): with this process the sampler must be one of " +
                          quoted_names(sampler_catalogue()));
  }
  throw_unknown_name(field, name, sampler_catalogue());
}

std::shared_ptr<const CldStepper> make_cld_stepper(const std::string& name, const std::string& field) {
  if (name == "sscs") return std::make_shared<SymmetricSplitting>();
  if (name == "cld-em") return std::make_shared<CldEulerMaruyama>();
  if (listed(sampler_catalogue(), name)) {
    throw InvalidArgument(field + " = \"" + name + "\" does not apply to process = \"cld\" (state (x, v), velocity "
                          "score only): must be one of " + quoted_names(cld_sampler_catalogue()));
  }
  throw_unknown_name(field, name, cld_sampler_catalogue());
}

}  // namespace sgm
