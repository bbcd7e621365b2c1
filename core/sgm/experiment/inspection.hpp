#pragma once
// Everything an experiment is made of, evaluated where the user asks: the process's coefficients at given times, the
// grid's times, the density and score of q_t at given points, and the sampler's declared properties. Every process
// answers through Diffusion::inspect (diffusion.hpp); the CLI (`sgm inspect`), the WebAssembly `inspect` call and the
// tests read the objects through it, so what they show is what a run uses.
#include <string>
#include <vector>

#include "sgm/base/grid.hpp"
#include "sgm/base/types.hpp"
#include "sgm/process/process.hpp"
#include "sgm/sampler/sampler_method.hpp"
#include "sgm/score/score_model.hpp"
#include "sgm/target/target.hpp"

namespace sgm {

// What to evaluate: forward times in (0, T] (empty: the grid's times) and points in R^d (n × d; may be empty).
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

// What every sampler declares (sampler_method.hpp), with the family of samplers its process takes.
struct SamplerProperties {
  std::string name, family;
  double weak_order = 0.0;
  int score_evaluations_per_step = 0;
  PathKLScheme path_kl_scheme = PathKLScheme::None;
};

struct Inspection {
  std::vector<double> times;        // the times evaluated
  ProcessCoefficients process;      // empty for a process that is not on R^d (the CLD state is (x, v))
  std::vector<double> grid;         // the experiment's grid, T = t_0 > … > t_N = δ
  std::vector<FieldAtTime> fields;  // one per time, when points were given
  SamplerProperties sampler;
};

SamplerProperties sampler_properties(const SamplerMethod& sampler, const std::string& family);

// The inspection of a process on R^d with its grid, target and score model. Throws InvalidArgument naming
// "inspect.times[i]" for a time outside (0, T] and "inspect.points" for points of the wrong dimension or non-finite
// coordinates.
Inspection inspect_process(const Process& process, const Grid& grid, const Target& target, const ScoreModel& model,
                           const SamplerProperties& sampler, const InspectionRequest& request);

}  // namespace sgm
