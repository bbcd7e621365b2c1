#pragma once
// The exact law of a sampler's output when it is Gaussian: a linear sampler (EM, EI, DDPM, DDIM, PF-ODE Euler/Heun)
// driven by an affine score (the exact score of a Gaussian target, possibly plus a constant bias) maps a Gaussian
// law to a Gaussian law at every step, X' = A X + b + Σ_s C_s Z_s with independent standard normals Z_s (one per
// noise slot). So mean' = A m + b and covariance' = A Σ Aᵀ + Σ_s C_s C_sᵀ.
//
// A, b and the C_s are read off the stepper itself (not re-derived per sampler): one batch of probe particles is
// stepped with prescribed noise (noise.hpp) — the mean with zero noise gives A m + b, the mean plus each unit vector
// gives the columns of A, and a unit noise vector in each slot gives the columns of C_s. A further random probe checks
// that the step really is affine (to a relative 1e-9); a sampler or score that is not (a batch-dependent step size,
// a mixture target, a field error) is refused with a message. Tests compare this with recursions written by hand and
// with simulation.
//
// A multistep stepper keeps per-particle memory (StepperState::memory, e.g. the previous data prediction), itself
// affine in the particles of earlier steps, so the law that stays Gaussian is the joint law of the stacked state
// u = (x, m_1, …, m_M) ∈ R^{d(1+M)}: the probe treats the memory arrays as further coordinates of the particles, and
// the output law is the x-marginal of the last joint law.
#include <cstdint>

#include "sgm/base/grid.hpp"
#include "sgm/process/process.hpp"
#include "sgm/sampler/stepper.hpp"
#include "sgm/score/score_model.hpp"

namespace sgm {

struct GaussianLaw {
  Vector mean;
  Matrix covariance;
};

// The joint law of (x, memory) after one step from t to t_next (grid step k), given their joint law `law` before it
// (dimension d (1 + M) with M = state.memory.size()). `state` is the stepper's state after steps 0 … k-1 of the run;
// the step updates it (its memory then holds the probe's rows).
GaussianLaw step_law(const Process& process, const ScoreModel& score, const Stepper& stepper, std::uint32_t k, double t,
                     double t_next, const GaussianLaw& law, StepperState& state);

// The law of the output after walking the whole grid from the prior N(0, prior_std(T)^2 I) (ReverseDiffusion).
GaussianLaw exact_output_law(const Process& process, const Grid& grid, const Stepper& stepper, const ScoreModel& score);

}  // namespace sgm
