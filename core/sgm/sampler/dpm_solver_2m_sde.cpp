#include "sgm/sampler/dpm_solver_2m_sde.hpp"

#include "sgm/base/registry.hpp"
#include "sgm/experiment/process_diffusion.hpp"

#include <cmath>

#include "sgm/base/error.hpp"

namespace sgm {

DpmSolver2MSde::DpmSolver2MSde(double eta) : eta_(eta) {
  require(std::isfinite(eta) && eta >= 0.0 && eta <= 1.0, "eta", eta, "a number in [0, 1]");
}

void DpmSolver2MSde::step(const Process& process, const ScoreModel& score, const NoiseSource& noise, std::uint32_t k,
                          double t, double t_next, Particles& X, StepperState& state) const {
  const double h =
      multistep_data_prediction_step(process, score, eta_, t, t_next, X, static_cast<DataPredictionHistory&>(state));
  if (eta_ == 0.0) return;
  Particles& xi = state.workspace.noise;
  xi.resize(X.rows(), X.cols());
  noise.fill(k, 0, xi);
  X += (process.std(t_next) * std::sqrt(-std::expm1(-2.0 * eta_ * h))) * xi;
}

namespace {

[[gnu::cold]] bool register_dpm_solver_2m_sde() {
  return Registry<SamplerMethod>::add({
      "dpmpp_2m_sde",
      "DPM-Solver++(2M) SDE: noise ratio η (1: the reverse SDE, 0: dpmpp_2m), order 2 (measured)",
      "k-diffusion sample_dpmpp_2m_sde (midpoint); Lu et al. 2022 (arXiv 2211.01095); docs/theory.md §7.10",
      {Parameter::number("eta", "η, the noise ratio").with_default(1.0).within(closed(0.0, 1.0))},
      [](const Arguments& a, const Context&) { return std::make_shared<DpmSolver2MSde>(a.number("eta")); },
      {},
      ProcessDiffusion::kFamily,
  });
}
const bool dpm_solver_2m_sde_registered = register_dpm_solver_2m_sde();

}  // namespace
}  // namespace sgm
