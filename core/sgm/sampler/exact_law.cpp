#include "sgm/sampler/exact_law.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "sgm/base/error.hpp"

namespace sgm {

namespace {

constexpr double kAffineTolerance = 1e-9;

// Noise fixed in advance: slot s of the batch is table[s] (zero beyond the table); records the slots requested.
class PrescribedNoise final : public NoiseSource {
public:
  explicit PrescribedNoise(std::vector<Particles> table) : table_(std::move(table)) {}
  void fill(std::uint32_t, std::uint32_t slot, Particles& out) const override {
    slots_used_ = std::max(slots_used_, slot + 1);
    if (slot < table_.size())
      out = table_[slot];
    else
      out.setZero();
  }
  std::uint32_t slots_used() const { return slots_used_; }

private:
  std::vector<Particles> table_;
  mutable std::uint32_t slots_used_ = 0;
};

}  // namespace

GaussianLaw step_law(const Process& process, const ScoreModel& score, const Stepper& stepper, std::uint32_t k, double t,
                     double t_next, const GaussianLaw& law, StepperState& state) {
  require(!stepper.batch_coupled(), "sampler",
          "\"" + stepper.name() +
              "\" couples the particles of a batch (its step size averages over them), so its "
              "output has no exact law here (exact laws need a linear sampler)");
  const Eigen::Index d = score.dim();
  const Eigen::Index D = law.mean.size();  // d (1 + memory arrays)
  require(D == d * (1 + static_cast<Eigen::Index>(state.memory.size())), "sampler",
          "\"" + stepper.name() + "\": the law's dimension " + std::to_string(D) + " is not d (1 + memory arrays)");
  // One probe block per noise slot the stepper declares (Stepper::noise_slots_per_step: e.g. 0 for DDIM(0) and the
  // PF-ODE, steps_per_level for annealed Langevin).
  const Eigen::Index S = stepper.noise_slots_per_step();
  // Probe rows of the stacked state u: 0 the mean; 1..D the mean + e_j; then for each slot s, d rows with noise e_j in
  // slot s; last, a random combination of all of them (the affinity check).
  const Eigen::Index n = 1 + D + S * d + 1;
  const Eigen::Index check = n - 1;
  Particles U = law.mean.transpose().replicate(n, 1);
  std::vector<Particles> noise(static_cast<std::size_t>(S), Particles::Zero(n, d));
  // A fixed, irrational-looking combination for the check row (no randomness needed: any generic vector will do).
  auto generic = [](Eigen::Index i, int salt) { return std::sin(1.7 * double(i + 1) + 0.9 * salt); };
  for (Eigen::Index j = 0; j < D; ++j) {
    U(1 + j, j) += 1.0;
    U(check, j) += generic(j, 0);
  }
  for (Eigen::Index s = 0; s < S; ++s) {
    for (Eigen::Index j = 0; j < d; ++j) {
      noise[static_cast<std::size_t>(s)](1 + D + s * d + j, j) = 1.0;
      noise[static_cast<std::size_t>(s)](check, j) = generic(j, 1 + static_cast<int>(s));
    }
  }
  const PrescribedNoise source(noise);
  Particles X = U.leftCols(d);
  for (std::size_t m = 0; m < state.memory.size(); ++m)
    state.memory[m] = U.middleCols(d * static_cast<Eigen::Index>(1 + m), d);
  stepper.step(process, score, source, k, t, t_next, X, state);
  require(source.slots_used() <= static_cast<std::uint32_t>(S), "sampler",
          "\"" + stepper.name() + "\" draws noise from more slots per step than it declares (noise_slots_per_step = " +
              std::to_string(S) + ")");
  const Eigen::Index D_next = d * (1 + static_cast<Eigen::Index>(state.memory.size()));
  Particles Y(n, D_next);
  Y.leftCols(d) = X;
  for (std::size_t m = 0; m < state.memory.size(); ++m) {
    require(state.memory[m].rows() == n && state.memory[m].cols() == d, "sampler",
            "\"" + stepper.name() + "\" keeps a memory array that is not one row per particle");
    Y.middleCols(d * static_cast<Eigen::Index>(1 + m), d) = state.memory[m];
  }

  const Vector base = Y.row(0).transpose();
  const Matrix A = (Y.middleRows(1, D).rowwise() - base.transpose()).transpose();
  GaussianLaw next{base, A * law.covariance * A.transpose()};
  Vector predicted = base + A * (U.row(check).transpose() - law.mean);
  for (Eigen::Index s = 0; s < S; ++s) {
    const Matrix C = (Y.middleRows(1 + D + s * d, d).rowwise() - base.transpose()).transpose();
    next.covariance += C * C.transpose();
    predicted += C * noise[static_cast<std::size_t>(s)].row(check).transpose();
  }
  const double scale = 1.0 + Y.cwiseAbs().maxCoeff();
  require((predicted - Y.row(check).transpose()).cwiseAbs().maxCoeff() <= kAffineTolerance * scale, "sampler",
          "\"" + stepper.name() + "\" with score \"" + score.name() +
              "\" is not affine in the particles and the noise: its output law is not Gaussian, so it has no exact "
              "law here (exact laws need a Gaussian target and a linear sampler)");
  next.covariance = 0.5 * (next.covariance + next.covariance.transpose());
  return next;
}

GaussianLaw exact_output_law(const Process& process, const Grid& grid, const Stepper& stepper,
                             const ScoreModel& score) {
  const int d = score.dim();
  const double prior = process.prior_std(grid.horizon());
  GaussianLaw law{Vector::Zero(d), prior * prior * Matrix::Identity(d, d)};
  const std::unique_ptr<StepperState> state = stepper.init();
  require(state->memory.empty(), "sampler",
          "\"" + stepper.name() + "\" starts a run with memory (it must start empty)");
  const auto& t = grid.times();
  for (std::size_t k = 0; k + 1 < t.size(); ++k) {
    law = step_law(process, score, stepper, static_cast<std::uint32_t>(k), t[k], t[k + 1], law, *state);
  }
  return {law.mean.head(d), law.covariance.topLeftCorner(d, d)};
}

}  // namespace sgm
