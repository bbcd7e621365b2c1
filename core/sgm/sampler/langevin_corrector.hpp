#pragma once
// Langevin moves at one forward time t: the unadjusted Langevin algorithm on q_t,
//     x ← x + ε s(t, x) + sqrt(2ε) z,      z ~ N(0, I),
// repeated `steps` times, each with a fresh score and z (move j draws noise slot j). Two step-size rules:
//   target SNR (score_sde `sampling.LangevinCorrector`; theory §7.6):   ε = 2 α (r ‖z‖ / ‖s‖)²,
//       ‖·‖ the per-particle Euclidean norms averaged over the batch, and α = a(t)²/a(t')² over the grid step t → t'
//       the corrector precedes (score_sde's α_i = 1 - β_i for VP and sub-VP, 1 for VE). The batch average makes ε
//       depend on the set of particles moved together, as in score_sde; ReverseDiffusion moves all n together (and so
//       does the float32 path, float32_langevin_corrector.hpp).
//       If every score is exactly zero ε is undefined (∞) and the move is skipped.
//   annealed (Song & Ermon 2019, NCSN; ermongroup/ncsn `anneal_Langevin_dynamics`, step_lr = 2e-5, n_steps_each = 100):
//       ε = ε_0 σ(t)²/σ_L², σ_L the noise std of the last level. This is the code's form; the paper's Algorithm 1
//       writes the same move as x + (α_i/2) s + sqrt(α_i) z with α_i = 2ε.
// Step-size bound of the annealed rule: ∇²log q_t ⪰ -I/σ(t)² for any data (theory §1, Tweedie form), so with
// ε_0 ≤ σ_L² every move has ε ≤ σ(t)² and contracts instead of overshooting.
#include <optional>
#include <vector>

#include "sgm/sampler/stepper.hpp"

namespace sgm {

// score_sde's default target SNR by kind of process (brief; theory §7.9): 0.16 for variance-exploding processes,
// recognised by a(t) = 1 (no mean decay), 0.01 otherwise (OU, VP, sub-VP).
double default_target_snr(const Process& process, double t);

class LangevinCorrector {
public:
  static constexpr int kMaxSteps = 10000;

  // score_sde's rule. Validates 0 ≤ steps ≤ kMaxSteps (named "corrector_steps") and r ∈ (0, 1] (named "snr");
  // without `snr`, default_target_snr(process, t) at each move.
  static LangevinCorrector target_snr(int steps, std::optional<double> snr = std::nullopt);
  // NCSN's rule. Validates 1 ≤ steps ≤ kMaxSteps ("steps_per_level"), σ_L > 0 finite ("final_std"),
  // ε_0 ∈ (0, σ_L²] ("step_size").
  static LangevinCorrector annealed(int steps, double step_size, double final_std);

  int steps() const { return steps_; }
  // The target SNR in use at time t (target-SNR rule only).
  double snr(const Process& process, double t) const { return snr_ ? *snr_ : default_target_snr(process, t); }

  // The target-SNR rule's step at forward time t for a batch whose per-particle norms of the scores and of the noise
  // average grad_norm and noise_norm: ε = 2α (r noise_norm / grad_norm)², and 0 (no move) when grad_norm = 0.
  double target_snr_step_size(const Process& process, double t, double alpha, double grad_norm,
                              double noise_norm) const;
  // One Langevin move of step ε as an affine step: X ← X + ε s + sqrt(2ε) ξ.
  static AffineStep move(double eps);

  // The annealed rule's moves at forward time t as affine moves (X ← X + ε s + sqrt(2ε) ξ_j, slot j); none for the
  // target-SNR rule, whose ε depends on the whole batch.
  std::optional<std::vector<AffineMove>> affine_moves(const Process& process, double t) const;

  // Runs the moves at forward time t; `alpha` is the target-SNR rule's α (ignored by the annealed rule).
  void correct(const Process& process, const ScoreModel& score, const NoiseSource& noise, std::uint32_t k, double t,
               double alpha, Particles& X, StepWorkspace& ws) const;

private:
  enum class Rule { TargetSnr, Annealed };
  LangevinCorrector(Rule rule, int steps) : rule_(rule), steps_(steps) {}
  double step_size(const Process& process, double t, double alpha, const StepWorkspace& ws) const;
  double annealed_step_size(const Process& process, double t) const;  // ε_0 σ(t)²/σ_L²

  Rule rule_;
  int steps_;
  std::optional<double> snr_;  // target SNR r
  double base_step_ = 0.0;     // ε_0 (annealed)
  double final_std_ = 1.0;     // σ_L (annealed)
};

}  // namespace sgm
