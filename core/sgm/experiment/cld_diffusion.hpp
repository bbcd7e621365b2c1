#pragma once
// The critically damped Langevin diffusion (critically_damped_langevin.hpp) as an experiment runs it (diffusion.hpp):
// the samplers of cld_sampler.hpp (family "cld"), the exact velocity score of Gaussian and mixture targets, the
// position marginal as output. No score error, no exact output law, no bounds (those are written for processes on
// R^d).
#include <memory>

#include "sgm/experiment/diffusion.hpp"
#include "sgm/process/critically_damped_langevin.hpp"

namespace sgm {

class CldDiffusion final : public Diffusion {
public:
  static constexpr const char* kFamily = "cld";

  explicit CldDiffusion(std::shared_ptr<const CriticallyDampedLangevin> process) : process_(std::move(process)) {}

  const std::shared_ptr<const CriticallyDampedLangevin>& process() const { return process_; }

  std::string name() const override { return process_->name(); }
  std::string sampler_family() const override { return kFamily; }
  std::string default_sampler() const override { return "sscs"; }
  double default_horizon() const override { return CriticallyDampedLangevin::kDefaultHorizon; }
  double default_early_stop() const override { return 1e-3; }  // CLD-SGM's configs (docs/theory.md §7.9)
  Context context(double T, double delta, int dim) const override { return {nullptr, T, delta, dim}; }
  Grid grid(const GridSpec& spec, double T, double delta, std::size_t steps) const override;
  bool takes_score_error() const override { return false; }
  bool has_bounds() const override { return false; }
  int state_copies() const override { return 2; }
  std::unique_ptr<SamplerRun> run(const RunRequest& request) const override;
  std::optional<GaussianLaw> exact_output_law(const RunRequest&) const override { return std::nullopt; }
  Inspection inspect(const RunRequest& request, const InspectionRequest& what) const override;
  std::vector<Bound> bounds(const RunRequest& request, const std::vector<std::string>& names,
                            const BoundOptions& options) const override;
  ScoreErrorProfile score_error_profile(const RunRequest& request, const MonteCarloOptions& options) const override;

private:
  std::shared_ptr<const CriticallyDampedLangevin> process_;
};

}  // namespace sgm
