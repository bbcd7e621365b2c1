#pragma once
// Everything an experiment is made of, evaluated where the user asks: the process's coefficients at given times, the
// grid's times, the density and score of q_t at given points, and the sampler's declared properties. The CLI
// (`sgm inspect`), the WebAssembly `inspect` call, the page's views and the tests read the objects through this one
// call, so what they show is what a run uses.
#include <string>
#include <vector>

#include "sgm/base/types.hpp"
#include "sgm/experiment/experiment.hpp"

namespace sgm {

// What to evaluate: forward times in [0, T] (empty: the grid's times) and points in R^d (n × d; may be empty).
struct InspectionRequest {
  std::vector<double> times;
  Particles points;
};

// a(t), σ(t), f(t) and g(t)² of dX = -f(t) X dt + g(t) dB (theory §1, §7) at each requested time.
struct ProcessCoefficients {
  std::vector<double> mean_coeff, std, drift_rate, diffusion_sq;
  double prior_std = 0.0;  // of the reverse process's start N(0, prior_std² I) at T
};

// log q_t and ∇ln q_t (exact) at the points, and the score model's value there (equal to the exact score unless the
// experiment adds a score error), at one time t.
struct FieldAtTime {
  double time = 0.0;
  Vector log_density;
  Particles score, model_score;
};

struct SamplerProperties {
  std::string name;
  double weak_order = 0.0;
  int score_evaluations_per_step = 0;
  int noise_slots_per_step = 0;
  bool batch_coupled = false;
};

struct Inspection {
  std::vector<double> times;  // the times evaluated
  ProcessCoefficients process;
  std::vector<double> grid;         // the experiment's grid, T = t_0 > … > t_N = δ
  std::vector<FieldAtTime> fields;  // one per time, when points were given
  SamplerProperties sampler;
};

// Throws InvalidArgument naming "inspect.times[i]" for a time outside [0, T] and "inspect.points" for points of the
// wrong dimension or non-finite coordinates.
Inspection inspect(const ExperimentConfig& config, const InspectionRequest& request);

}  // namespace sgm
