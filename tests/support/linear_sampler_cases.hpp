#pragma once
// Each linear sampler of the core paired with its closed-form Gaussian moves (gaussian_recursion.hpp), for the tests
// that compare a stepper, a simulation or the core's exact-law probe with the closed-form recursion.
#include <memory>
#include <string>
#include <vector>

#include "sgm/sampler/stepper.hpp"
#include "support/gaussian_recursion.hpp"

namespace sgm::test {

struct LinearSamplerCase {
  std::string name;
  std::shared_ptr<const Stepper> stepper;
  Moves moves;
};

// EM, EI, DDPM (both variances), DDIM (η = 0, 0.5, 1), PF-ODE Euler and Heun, and annealed Langevin with
// `ald_moves_per_level` moves and ε_0 = ald_step_ratio σ_L², σ_L = σ(final_time).
std::vector<LinearSamplerCase> linear_sampler_cases(double final_time, int ald_moves_per_level, double ald_step_ratio);

}  // namespace sgm::test
