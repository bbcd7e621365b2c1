#include "sgm/catalogue.hpp"

#include "sgm/ddim.hpp"
#include "sgm/ddpm_ancestral.hpp"
#include "sgm/error.hpp"
#include "sgm/euler_maruyama.hpp"
#include "sgm/exponential_integrator.hpp"
#include "sgm/predictor_corrector.hpp"
#include "sgm/probability_flow.hpp"
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
      {"ddpm", "DDPM ancestral sampling, posterior mean (x + β s)/√α; variance \"fixed_small\" (β̃, default) or "
               "\"fixed_large\" (β) (Ho et al. 2020 Alg. 2; theory §7.2)"},
      {"ddim", "DDIM(η), η ∈ [0, 1] (default 0: deterministic; 1: DDPM fixed_small) (Song, Meng, Ermon 2021 Eq. 12; "
               "theory §7.2)"},
      {"pf_euler", "probability-flow ODE dx/dt = -f x - ½g² s, Euler, order 1 (Song et al. 2021 Eq. 13; theory §7.5)"},
      {"pf_heun", "probability-flow ODE, Heun (explicit trapezoid), order 2, 2 score evaluations per step (Karras et "
                  "al. 2022 Alg. 1; theory §7.5, §7.7)"},
      {"pc", "predictor–corrector: corrector_steps Langevin moves at target snr (default 0.16 VE, 0.01 otherwise), "
             "then any predictor (default \"em\") (Song et al. 2021 §4.2, score_sde; theory §7.6)"},
      {"ald", "annealed Langevin dynamics: steps_per_level moves per grid level, step step_size·σ_i²/σ_L² (defaults "
              "2e-5, 100) (Song & Ermon 2019 Alg. 1, ermongroup/ncsn)"},
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
  if (name == "ddpm") return std::make_shared<DdpmAncestral>();
  if (name == "ddim") return std::make_shared<Ddim>();
  if (name == "pf_euler") return std::make_shared<ProbabilityFlowEuler>();
  if (name == "pf_heun") return std::make_shared<ProbabilityFlowHeun>();
  if (name == "pc")
    return std::make_shared<PredictorCorrector>(std::make_shared<EulerMaruyama>(), LangevinCorrector::target_snr(1));
  if (name == "ald")
    throw InvalidArgument(field + " = \"ald\" needs the noise std σ_L of the last level: construct "
                                  "AnnealedLangevin(step_size, steps_per_level, final_std) (the experiment JSON does)");
  throw_unknown_name(field, name, sampler_catalogue());
}

}  // namespace sgm
