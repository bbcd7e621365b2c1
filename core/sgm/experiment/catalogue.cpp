#include "sgm/experiment/catalogue.hpp"

#include <algorithm>

#include "sgm/base/error.hpp"
#include "sgm/process/ornstein_uhlenbeck.hpp"
#include "sgm/process/time_changed_process.hpp"
#include "sgm/sampler/cld_euler_maruyama.hpp"
#include "sgm/sampler/ddim.hpp"
#include "sgm/sampler/ddpm_ancestral.hpp"
#include "sgm/sampler/dpm_solver_2m.hpp"
#include "sgm/sampler/dpm_solver_2m_sde.hpp"
#include "sgm/sampler/euler_maruyama.hpp"
#include "sgm/sampler/exponential_integrator.hpp"
#include "sgm/sampler/predictor_corrector.hpp"
#include "sgm/sampler/probability_flow.hpp"
#include "sgm/sampler/symmetric_splitting.hpp"

namespace sgm {

const Catalogue& process_catalogue() {
  static const Catalogue c = {
      {"ou", "Ornstein–Uhlenbeck dX = -X dt + √2 dB, prior N(0, I) (theory §1; Chen et al. 2209.11215)"},
      {"vp",
       "variance preserving dX = -½β(t)X dt + √β(t) dB, β linear from beta_min at t = 0 to beta_max at t = 1, "
       "prior N(0, I) (Song et al. 2021, score_sde VPSDE; theory §7.1)"},
      {"vp-cosine",
       "variance preserving with the cosine ᾱ(t) = cos²((t+s)/(1+s)·π/2)/cos²(s/(1+s)·π/2), β capped at "
       "beta_max, prior N(0, I) (Nichol & Dhariwal 2021; theory §7.3)"},
      {"subvp",
       "sub-VP dX = -½β(t)X dt + √(β(t)(1 - e^{-2∫β})) dB, linear β as vp, marginal std 1 - e^{-∫β}, prior "
       "N(0, I) (Song et al. 2021 §3.4, score_sde subVPSDE; theory §7.1)"},
      {"ve",
       "variance exploding dX = √(dσ²/dt) dB, σ(t) = sigma_min (sigma_max/sigma_min)^t, prior N(0, σ(T)² - "
       "sigma_min²) (Song et al. 2021, score_sde VESDE; theory §7.4)"},
  };
  return c;
}

const Catalogue& cld_process_catalogue() {
  static const Catalogue c = {
      {"cld",
       "critically damped Langevin diffusion on (x, v), velocity score only; {\"m_inv\": 4, \"beta\": 4, "
       "\"beta_slope\": 0, \"gamma\": 0.04} (theory §7.8; Dockhorn et al. 2022)"},
  };
  return c;
}

const Catalogue& sampler_catalogue() {
  static const Catalogue c = {
      {"ei", "exponential integrator, score frozen per step (theory §1; Chen et al. 2209.11215 §2(b))"},
      {"em", "Euler–Maruyama on the reverse SDE (theory §1; Bruno–Sabanis 2505.03432)"},
      {"ddpm",
       "DDPM ancestral sampling, posterior mean (x + β s)/√α; variance \"fixed_small\" (β̃, default) or "
       "\"fixed_large\" (β) (Ho et al. 2020 Alg. 2; theory §7.2)"},
      {"ddim",
       "DDIM(η), η ∈ [0, 1] (default 0: deterministic; 1: DDPM fixed_small) (Song, Meng, Ermon 2021 Eq. 12; "
       "theory §7.2)"},
      {"pf_euler", "probability-flow ODE dx/dt = -f x - ½g² s, Euler, order 1 (Song et al. 2021 Eq. 13; theory §7.5)"},
      {"pf_heun",
       "probability-flow ODE, Heun (explicit trapezoid), order 2, 2 score evaluations per step (Karras et "
       "al. 2022 Alg. 1; theory §7.5, §7.7)"},
      {"dpmpp_2m",
       "DPM-Solver++(2M): multistep exponential integrator of the probability-flow ODE in data prediction, order 2 "
       "(Lu et al. 2022 Alg. 2; k-diffusion sample_dpmpp_2m)"},
      {"dpmpp_2m_sde",
       "DPM-Solver++(2M) SDE, noise ratio η ∈ [0, 1] (default 1: the reverse SDE; 0: dpmpp_2m), order 2 "
       "(k-diffusion sample_dpmpp_2m_sde, midpoint)"},
      {"pc",
       "predictor–corrector: corrector_steps Langevin moves at target snr (default 0.16 VE, 0.01 otherwise), "
       "then any predictor (default \"em\") (Song et al. 2021 §4.2, score_sde; theory §7.6)"},
      {"ald",
       "annealed Langevin dynamics: steps_per_level moves per grid level, step step_size·σ_i²/σ_L² (defaults "
       "2e-5, 100) (Song & Ermon 2019 Alg. 1, ermongroup/ncsn)"},
  };
  return c;
}

const Catalogue& grid_catalogue() {
  static const Catalogue c = {
      {"uniform", "t_k = T - k (T - δ)/N"},
      {"log", "t_k = T (δ/T)^{k/N}, refined near δ"},
      {"quadratic", "t_k = δ + (T - δ)(1 - k/N)², refined near δ (DDIM's quadratic striding, Song et al. 2021)"},
      {"exponential",
       "early-stopped exponential grid of Benton et al. 2308.03686 (theory §6), in OU time u = ½ ln(1 + "
       "(σ/a)²): N/2 uniform steps from u(T) to 1, then geometric from 1 to u(δ)"},
      {"karras",
       "EDM grid (Karras et al. 2022 eq. 5; theory §7.7): noise levels σ/a uniform in (σ/a)^{1/ρ} from T to "
       "δ; parameter rho (default 7)"},
  };
  return c;
}

const Catalogue& cld_sampler_catalogue() {
  static const Catalogue c = {
      {"sscs",
       "symmetric splitting CLD sampler: exact half steps of the linear part around an Euler score step; "
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
  return make_process(name, ProcessParameters{}, field);
}

const ProcessDefaults& process_defaults(const std::string& name, const std::string& field) {
  // score_sde configs and run_lib (theory §7.9): β 0.1 → 20 on [0, 1], stop at 1e-3 (VP, sub-VP) and 1e-5 (VE),
  // σ 0.01 → 50 (CIFAR-10); cosine s = 0.008 and the cap 999 (noise_schedule.hpp).
  static const std::map<std::string, ProcessDefaults> defaults = {
      {"ou", {{}, 5.0, 1e-3}},
      {"vp", {{{"beta_min", 0.1}, {"beta_max", 20.0}}, 1.0, 1e-3}},
      {"vp-cosine", {{{"s", 0.008}, {"beta_max", 999.0}}, 1.0, 1e-3}},
      {"subvp", {{{"beta_min", 0.1}, {"beta_max", 20.0}}, 1.0, 1e-3}},
      {"ve", {{{"sigma_min", 0.01}, {"sigma_max", 50.0}}, 1.0, 1e-5}},
  };
  const auto found = defaults.find(name);
  if (found == defaults.end()) throw_unknown_name(field, name, process_catalogue());
  return found->second;
}

std::shared_ptr<const Process> make_process(const std::string& name, const ProcessParameters& parameters,
                                            const std::string& field) {
  if (name == "cld") {
    throw InvalidArgument(field +
                          " = \"cld\" is not a process on R^d: it is CriticallyDampedLangevin, set as "
                          "ExperimentConfig::cld");
  }
  ProcessParameters p = process_defaults(name, field).parameters;
  for (const auto& [key, value] : parameters) {
    if (p.count(key) == 0) {
      std::string allowed;
      for (const auto& entry : p) allowed += (allowed.empty() ? "\"" : ", \"") + entry.first + "\"";
      throw InvalidArgument(field + ": unknown parameter \"" + key + "\" of process \"" + name +
                            "\": " + (allowed.empty() ? "it has none" : "allowed are " + allowed));
    }
    p[key] = value;
  }
  using F = ProcessFamily;
  if (name == "ou") return std::make_shared<OrnsteinUhlenbeck>();
  if (name == "vp" || name == "subvp") {
    return std::make_shared<TimeChangedProcess>(name, name == "vp" ? F::VariancePreserving : F::SubVariancePreserving,
                                                std::make_shared<LinearSchedule>(p["beta_min"], p["beta_max"]));
  }
  if (name == "vp-cosine") {
    return std::make_shared<TimeChangedProcess>(name, F::VariancePreserving,
                                                std::make_shared<CosineSchedule>(p["s"], p["beta_max"]));
  }
  return std::make_shared<TimeChangedProcess>(  // "ve": process_defaults knows no other name
      name, F::VarianceExploding, std::make_shared<GeometricVarianceSchedule>(p["sigma_min"], p["sigma_max"]));
}

std::shared_ptr<const Stepper> make_stepper(const std::string& name, const std::string& field) {
  if (name == "ei") return std::make_shared<ExponentialIntegrator>();
  if (name == "em") return std::make_shared<EulerMaruyama>();
  if (listed(cld_sampler_catalogue(), name)) {
    throw InvalidArgument(field + " = \"" + name +
                          "\" needs process = \"cld\" (it steps the (x, v) state of the "
                          "critically damped Langevin diffusion): with this process the sampler must be one of " +
                          quoted_names(sampler_catalogue()));
  }
  if (name == "ddpm") return std::make_shared<DdpmAncestral>();
  if (name == "ddim") return std::make_shared<Ddim>();
  if (name == "pf_euler") return std::make_shared<ProbabilityFlowEuler>();
  if (name == "pf_heun") return std::make_shared<ProbabilityFlowHeun>();
  if (name == "dpmpp_2m") return std::make_shared<DpmSolver2M>();
  if (name == "dpmpp_2m_sde") return std::make_shared<DpmSolver2MSde>();
  if (name == "pc")
    return std::make_shared<PredictorCorrector>(std::make_shared<EulerMaruyama>(), LangevinCorrector::target_snr(1));
  if (name == "ald")
    throw InvalidArgument(field +
                          " = \"ald\" needs the noise std σ_L of the last level: construct "
                          "AnnealedLangevin(step_size, steps_per_level, final_std) (the experiment JSON does)");
  throw_unknown_name(field, name, sampler_catalogue());
}

std::shared_ptr<const CldStepper> make_cld_stepper(const std::string& name, const std::string& field) {
  if (name == "sscs") return std::make_shared<SymmetricSplitting>();
  if (name == "cld-em") return std::make_shared<CldEulerMaruyama>();
  if (listed(sampler_catalogue(), name)) {
    throw InvalidArgument(field + " = \"" + name +
                          "\" does not apply to process = \"cld\" (state (x, v), velocity "
                          "score only): must be one of " +
                          quoted_names(cld_sampler_catalogue()));
  }
  throw_unknown_name(field, name, cld_sampler_catalogue());
}

}  // namespace sgm
