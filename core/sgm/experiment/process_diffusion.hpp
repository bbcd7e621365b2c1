#pragma once
// A process on R^d (process.hpp) as an experiment runs it (diffusion.hpp): the steppers of stepper.hpp (sampler family
// "diffusion"), the exact score of q_t plus an optional controlled error, the exact output law of linear samplers
// and every bound of experiment_bounds.hpp.
#include <memory>

#include "sgm/experiment/diffusion.hpp"
#include "sgm/process/process.hpp"
#include "sgm/sampler/stepper.hpp"

namespace sgm {

class ProcessDiffusion final : public Diffusion {
public:
  static constexpr const char* kFamily = "diffusion";

  // T and δ: the defaults an experiment uses when it names none.
  ProcessDiffusion(std::shared_ptr<const Process> process, double default_horizon, double default_early_stop);

  const std::shared_ptr<const Process>& process() const { return process_; }
  const ProcessDiffusion* as_process_diffusion() const override { return this; }

  std::string name() const override { return process_->name(); }
  std::string sampler_family() const override { return kFamily; }
  std::string default_sampler() const override { return "ei"; }
  double default_horizon() const override { return T_; }
  double default_early_stop() const override { return delta_; }
  Context context(double T, double delta, int dim) const override { return {process_.get(), T, delta, dim}; }
  Grid grid(const GridSpec& spec, double T, double delta, std::size_t steps) const override;
  bool takes_score_error() const override { return true; }
  bool has_bounds() const override { return true; }
  std::unique_ptr<SamplerRun> run(const RunRequest& request) const override;
  std::optional<GaussianLaw> exact_output_law(const RunRequest& request) const override;
  Inspection inspect(const RunRequest& request, const InspectionRequest& what) const override;
  std::vector<Bound> bounds(const RunRequest& request, const std::vector<std::string>& names,
                            const BoundOptions& options) const override;
  ScoreErrorProfile score_error_profile(const RunRequest& request, const MonteCarloOptions& options) const override;

  // The score model of a run: the learned score when given (it must have the target's dimension and have been
  // trained for this process), else the exact score of q_t plus the requested error (its noise keyed by the seed).
  // first_particle: the run's index of the particles' first row (a block's, particle_block.hpp).
  std::shared_ptr<const ScoreModel> score_model(const RunRequest& request, std::uint32_t first_particle = 0) const;

private:
  std::shared_ptr<const Process> process_;
  double T_, delta_;
};

// The stepper of a request: the sampler must be of family "diffusion" (the registry's family check guarantees it for
// parsed experiments); otherwise throws naming "sampler".
std::shared_ptr<const Stepper> stepper_of(const RunRequest& request);

}  // namespace sgm
