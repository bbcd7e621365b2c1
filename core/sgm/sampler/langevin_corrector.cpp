#include "sgm/sampler/langevin_corrector.hpp"

#include <cmath>

#include "sgm/base/error.hpp"

namespace sgm {

namespace {
void require_steps(int steps, int lo, const std::string& name) {
  require(steps >= lo && steps <= LangevinCorrector::kMaxSteps, name, steps,
          "an integer in [" + std::to_string(lo) + ", " + std::to_string(LangevinCorrector::kMaxSteps) + "]");
}
}  // namespace

AffineStep LangevinCorrector::move(double eps) { return {1.0, eps, std::sqrt(2.0 * eps)}; }

double default_target_snr(const Process& process, double t) { return process.mean_coeff(t) == 1.0 ? 0.16 : 0.01; }

LangevinCorrector LangevinCorrector::target_snr(int steps, std::optional<double> snr) {
  require_steps(steps, 0, "corrector_steps");
  if (snr) require(std::isfinite(*snr) && *snr > 0.0 && *snr <= 1.0, "snr", *snr, "a number in (0, 1]");
  LangevinCorrector c(Rule::TargetSnr, steps);
  c.snr_ = snr;
  return c;
}

LangevinCorrector LangevinCorrector::annealed(int steps, double step_size, double final_std) {
  require_steps(steps, 1, "steps_per_level");
  require(std::isfinite(final_std) && final_std > 0.0, "final_std", final_std, "a positive finite number");
  const double bound = final_std * final_std;
  require(std::isfinite(step_size) && step_size > 0.0 && step_size <= bound, "step_size", step_size,
          "a number in (0, σ_L²] = (0, " + format_value(bound) + "] (σ_L = " + format_value(final_std) +
              ", the noise std of the last level; larger steps overshoot)");
  LangevinCorrector c(Rule::Annealed, steps);
  c.base_step_ = step_size;
  c.final_std_ = final_std;
  return c;
}

double LangevinCorrector::annealed_step_size(const Process& process, double t) const {
  const double ratio = process.std(t) / final_std_;
  return base_step_ * ratio * ratio;
}

std::optional<std::vector<AffineMove>> LangevinCorrector::affine_moves(const Process& process, double t) const {
  if (rule_ != Rule::Annealed) return std::nullopt;
  const double eps = annealed_step_size(process, t);
  std::vector<AffineMove> moves;
  for (int j = 0; j < steps_; ++j) moves.push_back({move(eps), t, static_cast<std::uint32_t>(j)});
  return moves;
}

double LangevinCorrector::target_snr_step_size(const Process& process, double t, double alpha, double grad_norm,
                                               double noise_norm) const {
  if (grad_norm == 0.0) return 0.0;  // ε undefined (∞): skip the move rather than produce NaN
  const double ratio = snr(process, t) * noise_norm / grad_norm;
  return 2.0 * alpha * ratio * ratio;
}

double LangevinCorrector::step_size(const Process& process, double t, double alpha, const StepWorkspace& ws) const {
  if (rule_ == Rule::Annealed) return annealed_step_size(process, t);
  return target_snr_step_size(process, t, alpha, ws.score.rowwise().norm().mean(), ws.noise.rowwise().norm().mean());
}

void LangevinCorrector::correct(const Process& process, const ScoreModel& score, const NoiseSource& noise,
                                std::uint32_t k, double t, double alpha, Particles& X, StepWorkspace& ws) const {
  for (int j = 0; j < steps_; ++j) {
    score.score(t, X, ws.score);
    ws.noise.resize(X.rows(), X.cols());
    noise.fill(k, static_cast<std::uint32_t>(j), ws.noise);
    const AffineStep langevin = move(step_size(process, t, alpha, ws));
    X += langevin.score * ws.score + langevin.noise * ws.noise;
  }
}

}  // namespace sgm
