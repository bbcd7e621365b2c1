#pragma once
// A score with a controlled error: s(t, x) = ∇ln q_t(x) + e(t, x) with E_{q_t} |e|^2 = ε^2 at every t. This is
// assumption A3 of Chen et al. (theory §2: E_{q_t} |s_t - ∇ln q_t|^2 ≤ ε_score^2) made an equality, so that the effect
// of the score error on the output, and on the bounds (theory §8.3: it enters the Girsanov path KL as ε^2 (T - δ)),
// can be measured. Three shapes of error, each with |e|^2 = ε^2 exactly or in expectation:
//   bias   e = ε u, u = (1, …, 1)/√d: a constant vector (theory §9.7); |e| = ε at every x.
//   field  e(x) = ε (cos(ω·x) u1 + sin(ω·x) u2), ω = ω0 (1, …, 1)/√d, u1 ⊥ u2 unit vectors: a smooth field that
//          rotates with x; |e| = ε at every x (needs d ≥ 2).
//   noise  e = ε ξ/√d, ξ ~ N(0, I) drawn afresh for each (particle, t): E|e|^2 = ε^2, not smooth in x.
#include <cstdint>
#include <memory>
#include <string>

#include "sgm/base/registry.hpp"
#include "sgm/base/rng.hpp"
#include "sgm/score/score_model.hpp"

namespace sgm {

enum class ScoreErrorKind { Bias, Field, Noise };

ScoreErrorKind score_error_kind_from_name(const std::string& name, const std::string& field = "score");
std::string score_error_kind_name(ScoreErrorKind kind);

// What an experiment asks for: the exact score plus an error of this kind and size.
struct ScoreErrorSpec {
  ScoreErrorKind kind = ScoreErrorKind::Bias;
  double epsilon = 0.0;
  double frequency = 1.0;  // ω0, for a field error
};

// The largest error size and field frequency. 1e6 is far beyond any meaningful error (the exact score is of order
// 1/σ(δ) ≈ 30 at the defaults) and keeps the drift g² ε finite; at ε = 1e308 the particles overflow. A phase ω·x with
// ω beyond 1e6 keeps few digits of x (and overflows at ω = 1e308).
constexpr double kMaxScoreError = 1e6;
constexpr double kMaxFrequency = 1e6;

// Throws InvalidArgument unless 0 ≤ ε ≤ kMaxScoreError, |ω0| ≤ kMaxFrequency, and d ≥ 2 for a field error.
void validate_score_error(const ScoreErrorSpec& spec, int dim);

class ScoreWithError final : public ScoreModel {
public:
  // Validates as validate_score_error. The noise of row i is particle first_particle + i's (a block of a larger run,
  // particle_block.hpp, draws what the whole run draws for its particles).
  ScoreWithError(std::shared_ptr<const ScoreModel> exact, ScoreErrorKind kind, double epsilon, double frequency,
                 std::uint64_t seed, std::uint32_t first_particle = 0);

  std::string name() const override { return "exact+" + score_error_kind_name(kind_); }
  int dim() const override { return exact_->dim(); }
  void score(double t, const Particles& X, Particles& out) const override;

  // The error alone, e(t, x), for each row of X (used by the tests that measure ε back by Monte Carlo).
  void error(double t, const Particles& X, Particles& out) const;

  double epsilon() const { return epsilon_; }
  ScoreErrorKind kind() const { return kind_; }

private:
  std::shared_ptr<const ScoreModel> exact_;
  ScoreErrorKind kind_;
  double epsilon_;
  double frequency_;
  CounterRng rng_;
  std::uint32_t first_particle_;
};

}  // namespace sgm
