#pragma once
// A sampler of the critically damped Langevin diffusion as the registry offers it: a CLD stepper (cld_stepper.hpp)
// and whether the run ends with CLD-SGM's denoising step (cld_reverse_diffusion.hpp). Family "cld".
#include <memory>
#include <string>
#include <vector>

#include "sgm/base/parameter.hpp"
#include "sgm/sampler/cld_stepper.hpp"
#include "sgm/sampler/sampler_method.hpp"

namespace sgm {

class CldSampler final : public SamplerMethod {
public:
  CldSampler(std::shared_ptr<const CldStepper> stepper, bool denoise)
      : stepper_(std::move(stepper)), denoise_(denoise) {}
  std::string name() const override { return stepper_->name(); }
  double weak_order() const override { return stepper_->weak_order(); }
  int score_evaluations_per_step() const override { return stepper_->score_evaluations_per_step(); }
  const CldSampler* as_cld_sampler() const override { return this; }
  const std::shared_ptr<const CldStepper>& stepper() const { return stepper_; }
  bool denoise() const { return denoise_; }

private:
  std::shared_ptr<const CldStepper> stepper_;
  bool denoise_;
};

// The parameters every CLD sampler entry declares: "denoise".
inline std::vector<Parameter> cld_sampler_parameters() {
  return {Parameter::boolean("denoise",
                             "end with CLD-SGM's denoising step: the mean of one Euler–Maruyama step from "
                             "δ to 0 (one more score evaluation); the output then stands for q itself")
              .with_default(false)};
}

}  // namespace sgm
