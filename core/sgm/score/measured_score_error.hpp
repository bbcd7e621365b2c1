#pragma once
// The true L² error of a score model, measured: for each time t of a grid,
//     ε(t)² = E_{q_t} |s(t, X) - ∇ln q_t(X)|²,
// by Monte Carlo over exact samples of q_t (the target's sample carried to t by the forward noise), with the CLT
// interval of the mean square (monte_carlo_estimate.hpp); ε(t) and its interval are the square roots. Then the two
// aggregates the bounds take (docs/theory.md §14):
//   sup   ε_score = max_{k < N} ε(t_k), assumption A3 of Chen et al. (theory §2), on the times the sampler evaluates
//         the score (t_0 = T > … > t_{N-1});
//   sum   ε_score² = Σ_{k < N} h_k ε(t_k)², h_k = t_k - t_{k+1}: Benton et al.'s Assumption 1 (theory §6), and the
//         limit of the score-error part of the Girsanov path KL (theory §8.3).
#include <vector>

#include "sgm/base/monte_carlo_estimate.hpp"
#include "sgm/process/process.hpp"
#include "sgm/score/score_model.hpp"
#include "sgm/target/target.hpp"

namespace sgm {

struct ScoreErrorProfile {
  std::vector<double> times;          // the grid, T = t_0 > … > t_N = δ
  std::vector<Estimate> mean_square;  // ε(t_k)² with its interval, k = 0 … N
  std::vector<double> epsilon;        // ε(t_k) = sqrt(mean square)
  std::vector<double> lower, upper;   // its interval: the square roots of the mean square's (lower end clipped at 0)
  double sup = 0.0;                   // max_{k < N} ε(t_k)
  double weighted_square = 0.0;       // Σ_{k < N} h_k ε(t_k)²
};

// Draws X_0 from stream BoundSample and the noise from BoundNoise of options.seed (the same draws at every time).
// Throws InvalidArgument unless the times decrease, the score model has the target's dimension and the options are
// valid (validate_monte_carlo).
ScoreErrorProfile measure_score_error(const ScoreModel& model, const Target& target, const Process& process,
                                      const std::vector<double>& times, const MonteCarloOptions& options);

}  // namespace sgm
