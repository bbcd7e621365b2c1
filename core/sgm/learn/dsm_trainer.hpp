#pragma once
// Denoising score matching (Vincent 2011; Song et al. 2021, Eq. 7) for the learned score of score_network.hpp:
//     L(θ) = E_t E_{X_0, Z} λ(t) |s_θ(t, a X_0 + σ Z) + Z/σ|²,   λ(t) = σ(t)²,
// i.e. the batch mean of |σ g + F_θ + Z|² (theory §14), minimised by Adam (Kingma, Ba 2015, Algorithm 1) with a
// learning-rate schedule. X_0 from the target's exact sampler (a point cloud's sampler draws its points), t uniform
// on [δ, T] or with ln σ(t) uniform on [ln σ(δ), ln σ(T)]. Every draw is a counter-based stream of the seed, so a
// seed gives bit-identical weights; step k draws its data with the key derived from (seed, k).
//
// Per step the network passes and the Adam update work in preallocated buffers (mlp.hpp); the target's sampler
// returns its batch as a fresh matrix (one allocation of batch × d doubles per step).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sgm/learn/score_network.hpp"
#include "sgm/target/target.hpp"

namespace sgm {

enum class LearningRateSchedule { Constant, Cosine, Linear };
enum class TimeSampling { Uniform, LogSigma };
LearningRateSchedule learning_rate_schedule_from_name(const std::string& name);
std::string learning_rate_schedule_name(LearningRateSchedule schedule);
TimeSampling time_sampling_from_name(const std::string& name);
std::string time_sampling_name(TimeSampling sampling);

struct TrainingOptions {
  std::vector<int> widths = {64, 64, 64};  // hidden layers
  int frequencies = 4;                     // Fourier features of the time embedding
  std::size_t batch = 256;
  std::size_t steps = 2000;
  double learning_rate = 2e-3;  // peak rate η_0
  LearningRateSchedule schedule = LearningRateSchedule::Cosine;
  TimeSampling time_sampling = TimeSampling::Uniform;
  double T = 5.0;  // times drawn in [δ, T]
  double delta = 1e-3;
  std::uint64_t seed = 0;
  double beta1 = 0.9, beta2 = 0.999, adam_epsilon = 1e-8;
  std::size_t preconditioning_samples = 10000;  // data draws for the means and variances of score_network.hpp
};

// Throws InvalidArgument naming the field unless every option is in range (batch in [1, 65536], steps in [1, 1e7],
// learning rate finite > 0, 0 < δ < T, β1, β2 in [0, 1), Adam ε > 0, widths in [1, 4096] and 1 to 16 of them).
void validate_training(const TrainingOptions& options);

class DsmTrainer {
public:
  // Validates; the process's σ(δ) must be > 0. The network starts with its last layer at 0 (the Gaussian part).
  DsmTrainer(std::shared_ptr<const Target> target, std::shared_ptr<const Process> process, TrainingOptions options);

  // Runs min(k, remaining) steps; returns the mean of their batch losses (NaN when none ran).
  double advance(std::size_t k);
  std::size_t steps_done() const { return step_; }
  bool done() const { return step_ >= options_.steps; }
  const TrainingOptions& options() const { return options_; }
  const ScoreNetwork& network() const { return network_; }
  ScoreNetwork& network() { return network_; }

  // η_k: η_0 (constant), η_0 (1 + cos(π k/K))/2 (cosine), η_0 (1 - k/K) (linear), K the number of steps.
  double learning_rate(std::size_t step) const;

  // The minibatch of step k: times, data X_0 (B × d), noise Z (B × d).
  struct Batch {
    Vector times;
    Particles data;
    Particles noise;
  };
  Batch batch(std::size_t step) const;
  // The DSM loss of a batch (its batch mean of σ² |s_θ + Z/σ|²) and, when `gradient` is given, its gradient with
  // respect to the network's parameters.
  double loss(const Batch& batch, VectorF* gradient);

private:
  std::shared_ptr<const Target> target_;
  TrainingOptions options_;
  ScoreNetwork network_;
  std::size_t step_ = 0;
  // Preallocated per-step buffers.
  Batch batch_;
  Vector a_, sigma_;
  Particles noisy_;
  MatrixF input_, residual_;
  Mlp::Workspace workspace_;
  VectorF gradient_, first_moment_, second_moment_;
};

}  // namespace sgm
