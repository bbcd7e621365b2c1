#include "sgm/learn/dsm_trainer.hpp"

#include <cmath>
#include <limits>

#include "sgm/base/enum_names.hpp"
#include "sgm/base/error.hpp"
#include "sgm/base/registry.hpp"
#include "sgm/numerics/constants.hpp"

namespace sgm {

namespace {

// The 64-bit key of step k's data draws: one Philox block of (k, seed).
std::uint64_t step_key(std::uint64_t seed, std::uint64_t step) {
  const CounterRng::Block out =
      CounterRng::philox4x32_10({static_cast<std::uint32_t>(step), static_cast<std::uint32_t>(step >> 32),
                                 static_cast<std::uint32_t>(Stream::TrainingData), 0},
                                {static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)});
  return (std::uint64_t(out[1]) << 32) | out[0];
}

// Means and variances of each coordinate over `n` exact draws of the data.
ScorePreconditioning data_moments(const Target& target, std::size_t n, std::uint64_t seed) {
  const Particles X = target.sample(n, CounterRng(seed), Stream::TrainingData);
  const Vector mean = X.colwise().mean().transpose();
  Vector variance = (X.rowwise() - mean.transpose()).colwise().squaredNorm().transpose() / static_cast<double>(n);
  // A coordinate without spread (a point cloud on a line): floor the variance so that c_j stays finite.
  variance = variance.cwiseMax(1e-6 * std::max(1.0, variance.maxCoeff()));
  return {mean, variance};
}

std::vector<int> layer_sizes(int dim, const TrainingOptions& o) {
  std::vector<int> sizes = {ScoreNetwork::input_size(dim, o.frequencies)};
  sizes.insert(sizes.end(), o.widths.begin(), o.widths.end());
  sizes.push_back(dim);
  return sizes;
}

ScoreNetwork initial_network(const Target& target, std::shared_ptr<const Process> process, const TrainingOptions& o) {
  validate_training(o);
  require(process != nullptr, "process", "is missing");
  require(process->std(o.delta) > 0.0, "delta", o.delta, "a time with σ(δ) > 0");
  Mlp mlp(layer_sizes(target.dim(), o));
  mlp.initialise(CounterRng(o.seed), Stream::NetworkInit, 0.0f);
  return ScoreNetwork(std::move(process), std::move(mlp), data_moments(target, o.preconditioning_samples, o.seed),
                      o.frequencies);
}

}  // namespace

constexpr EnumNames<LearningRateSchedule, 3> kScheduleNames{{{LearningRateSchedule::Constant, "constant"},
                                                             {LearningRateSchedule::Cosine, "cosine"},
                                                             {LearningRateSchedule::Linear, "linear"}}};
constexpr EnumNames<TimeSampling, 2> kTimeSamplingNames{
    {{TimeSampling::Uniform, "uniform"}, {TimeSampling::LogSigma, "log_sigma"}}};

LearningRateSchedule learning_rate_schedule_from_name(const std::string& name) {
  return value_named(kScheduleNames, "schedule", name);
}
std::string learning_rate_schedule_name(LearningRateSchedule schedule) { return name_of(kScheduleNames, schedule); }
TimeSampling time_sampling_from_name(const std::string& name) {
  return value_named(kTimeSamplingNames, "time_sampling", name);
}
std::string time_sampling_name(TimeSampling sampling) { return name_of(kTimeSamplingNames, sampling); }

void validate_training(const TrainingOptions& o) {
  require(!o.widths.empty() && o.widths.size() <= 16, "network.widths",
          "needs 1 to 16 hidden layers, got " + std::to_string(o.widths.size()));
  for (std::size_t l = 0; l < o.widths.size(); ++l)
    require(o.widths[l] >= 1 && o.widths[l] <= Mlp::kMaxWidth, "network.widths[" + std::to_string(l) + "]", o.widths[l],
            "an integer in [1, " + std::to_string(Mlp::kMaxWidth) + "]");
  require(o.frequencies >= 0 && o.frequencies <= ScoreNetwork::kMaxFrequencies, "network.frequencies", o.frequencies,
          "an integer in [0, " + std::to_string(ScoreNetwork::kMaxFrequencies) + "]");
  require(o.batch >= 1 && o.batch <= 65536, "batch", static_cast<double>(o.batch), "an integer in [1, 65536]");
  require(o.steps >= 1 && o.steps <= 10000000, "steps", static_cast<double>(o.steps), "an integer in [1, 10000000]");
  require(std::isfinite(o.learning_rate) && o.learning_rate > 0.0, "learning_rate", o.learning_rate,
          "a finite number > 0");
  require(std::isfinite(o.delta) && o.delta > 0.0, "delta", o.delta, "a finite number > 0");
  require(std::isfinite(o.T) && o.T > o.delta, "T", o.T, "a finite number > δ = " + format_value(o.delta));
  require(o.beta1 >= 0.0 && o.beta1 < 1.0, "beta1", o.beta1, "a number in [0, 1)");
  require(o.beta2 >= 0.0 && o.beta2 < 1.0, "beta2", o.beta2, "a number in [0, 1)");
  require(std::isfinite(o.adam_epsilon) && o.adam_epsilon > 0.0, "adam_epsilon", o.adam_epsilon, "a finite number > 0");
  require(o.preconditioning_samples >= 2 && o.preconditioning_samples <= 10000000, "preconditioning_samples",
          static_cast<double>(o.preconditioning_samples), "an integer in [2, 10000000]");
}

DsmTrainer::DsmTrainer(std::shared_ptr<const Target> target, std::shared_ptr<const Process> process,
                       TrainingOptions options)
    : target_((require(target != nullptr, "target", "is missing"), std::move(target))),
      options_(std::move(options)),
      network_(initial_network(*target_, std::move(process), options_)) {
  const Eigen::Index p = network_.mlp().parameters().size();
  gradient_ = VectorF::Zero(p);
  first_moment_ = VectorF::Zero(p);
  second_moment_ = VectorF::Zero(p);
}

double DsmTrainer::learning_rate(std::size_t step) const {
  const double fraction = static_cast<double>(step) / static_cast<double>(options_.steps);
  switch (options_.schedule) {
    case LearningRateSchedule::Constant:
      return options_.learning_rate;
    case LearningRateSchedule::Cosine:
      return options_.learning_rate * 0.5 * (1.0 + std::cos(kPi * fraction));
    case LearningRateSchedule::Linear:
      return options_.learning_rate * (1.0 - fraction);
  }
  return options_.learning_rate;
}

DsmTrainer::Batch DsmTrainer::batch(std::size_t step) const {
  Batch b;
  const std::size_t n = options_.batch;
  const CounterRng rng(options_.seed);
  const Process& process = network_.process();
  b.times.resize(static_cast<Eigen::Index>(n));
  const double lo = options_.delta, hi = options_.T;
  const double log_lo = std::log(process.std(lo)), log_hi = std::log(process.std(hi));
  for (std::size_t i = 0; i < n; ++i) {
    const double u = rng.uniform(static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(step),
                                 static_cast<std::uint32_t>(Stream::TrainingTime), 0, 0);
    if (options_.time_sampling == TimeSampling::Uniform) {
      b.times(i) = lo + u * (hi - lo);
    } else {
      // ln σ(t) uniform: invert the increasing σ by bisection on [δ, T] (60 halvings: below double resolution).
      const double target_log = log_lo + u * (log_hi - log_lo);
      double left = lo, right = hi;
      for (int it = 0; it < 60; ++it) {
        const double mid = 0.5 * (left + right);
        (std::log(process.std(mid)) < target_log ? left : right) = mid;
      }
      b.times(i) = 0.5 * (left + right);
    }
  }
  b.data = target_->sample(n, CounterRng(step_key(options_.seed, step)), Stream::TrainingData);
  b.noise.resize(static_cast<Eigen::Index>(n), target_->dim());
  rng.fill_normal(b.noise, static_cast<std::uint32_t>(step), Stream::TrainingNoise);
  return b;
}

double DsmTrainer::loss(const Batch& b, VectorF* gradient) {
  const Process& process = network_.process();
  const Eigen::Index n = b.times.size(), d = network_.dim();
  a_.resize(n);
  sigma_.resize(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    a_(i) = process.mean_coeff(b.times(i));
    sigma_(i) = process.std(b.times(i));
  }
  noisy_.resize(n, d);
  noisy_ = (b.data.array().colwise() * a_.array() + b.noise.array().colwise() * sigma_.array()).matrix();
  network_.network_input(a_, sigma_, noisy_, input_);
  network_.scaled_gaussian_part(a_, sigma_, noisy_, residual_);
  // r = σ s_θ + Z = σ g + F_θ + Z; loss = mean_i |r_i|².
  residual_ += network_.mlp().forward(input_, workspace_);
  residual_ += b.noise.transpose().cast<float>();
  double total = 0.0;
  for (Eigen::Index i = 0; i < n; ++i) total += static_cast<double>(residual_.col(i).squaredNorm());
  if (gradient != nullptr) {
    residual_ *= 2.0f / static_cast<float>(n);  // ∂loss/∂F_θ
    network_.mlp().backward(input_, residual_, workspace_, *gradient);
  }
  return total / static_cast<double>(n);
}

double DsmTrainer::advance(std::size_t k) {
  double sum = 0.0;
  std::size_t ran = 0;
  for (; ran < k && !done(); ++ran) {
    batch_ = batch(step_);
    sum += loss(batch_, &gradient_);
    // Adam with bias correction (Kingma, Ba 2015, Algorithm 1).
    const float b1 = static_cast<float>(options_.beta1), b2 = static_cast<float>(options_.beta2);
    first_moment_ = b1 * first_moment_ + (1.0f - b1) * gradient_;
    second_moment_ = b2 * second_moment_ + (1.0f - b2) * gradient_.cwiseAbs2();
    const double t = static_cast<double>(step_ + 1);
    const float rate = static_cast<float>(learning_rate(step_) / (1.0 - std::pow(options_.beta1, t)));
    const float root_correction = static_cast<float>(std::sqrt(1.0 - std::pow(options_.beta2, t)));
    const float epsilon = static_cast<float>(options_.adam_epsilon);
    network_.mlp().parameters().array() -=
        rate * first_moment_.array() / (second_moment_.array().sqrt() / root_correction + epsilon);
    ++step_;
  }
  return ran == 0 ? std::numeric_limits<double>::quiet_NaN() : sum / static_cast<double>(ran);
}

}  // namespace sgm
