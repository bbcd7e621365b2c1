#include "sgm/sampler/float32_langevin_corrector.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "sgm/base/parallel_blocks.hpp"
#include "sgm/base/rng.hpp"
#include "sgm/simd/float32_step.hpp"
#include "sgm/simd/step_noise.hpp"

namespace sgm {

Float32LangevinCorrector::Float32LangevinCorrector(const LangevinCorrector& rule, std::uint32_t first_slot,
                                                   std::uint64_t seed, std::uint32_t first_particle, std::size_t n,
                                                   std::size_t stride, int dim, unsigned threads)
    : rule_(rule),
      first_slot_(first_slot),
      seed_(seed),
      first_particle_(first_particle),
      n_(n),
      stride_(stride),
      tasks_((stride + kFloat32ParticlesPerTask - 1) / kFloat32ParticlesPerTask),
      dim_(dim),
      threads_(threads),
      score_(stride * static_cast<std::size_t>(dim)),
      noise_(stride * static_cast<std::size_t>(dim)),
      score_sums_(tasks_),
      noise_sums_(tasks_) {}

double Float32LangevinCorrector::norm_sum(const std::vector<float>& v, std::size_t first, std::size_t count) const {
  const std::size_t end = std::min(first + count, n_);
  if (first >= end) return 0.0;
  thread_local std::vector<double> squares;  // ‖row i‖², particle first + i
  squares.assign(end - first, 0.0);
  for (int m = 0; m < dim_; ++m) {
    const float* coordinate = v.data() + static_cast<std::size_t>(m) * stride_;
    for (std::size_t i = first; i < end; ++i) {
      const double value = coordinate[i];
      squares[i - first] += value * value;
    }
  }
  double sum = 0.0;
  for (double square : squares) sum += std::sqrt(square);
  return sum;
}

void Float32LangevinCorrector::correct(const Process& process, std::uint32_t k, double t, double alpha,
                                       const ScoreInPlace& score_in_place, float* x) {
  const auto d = static_cast<std::size_t>(dim_);
  for (int j = 0; j < rule_.steps(); ++j) {
    Float32AffineStep noise_key;
    noise_key.seed = seed_;
    noise_key.step = k;
    noise_key.stream = static_cast<std::uint32_t>(Stream::StepNoise) + first_slot_ + static_cast<std::uint32_t>(j);
    noise_key.first_particle = first_particle_;
    parallel_ranges(stride_, kFloat32ParticlesPerTask, threads_, [&](std::size_t first, std::size_t count) {
      const std::size_t task = first / kFloat32ParticlesPerTask;
      for (std::size_t m = 0; m < d; ++m)
        std::copy_n(x + m * stride_ + first, count, score_.data() + m * stride_ + first);
      score_in_place(score_.data(), first, count);
      step_noise(noise_key, dim_, noise_.data(), stride_, first, count);
      score_sums_[task] = norm_sum(score_, first, count);
      noise_sums_[task] = norm_sum(noise_, first, count);
    });
    // The batch means, the task sums added in task order (independent of the thread count).
    const double n = static_cast<double>(n_);
    const double grad_norm = std::accumulate(score_sums_.begin(), score_sums_.end(), 0.0) / n;
    const double noise_norm = std::accumulate(noise_sums_.begin(), noise_sums_.end(), 0.0) / n;
    const double eps = rule_.target_snr_step_size(process, t, alpha, grad_norm, noise_norm);
    if (eps == 0.0) continue;  // ‖S‖_mean = 0: the double path's move X + 0 S + 0 Ξ leaves X as it is
    const AffineStep move = LangevinCorrector::move(eps);
    const auto score = static_cast<float>(move.score), noise = static_cast<float>(move.noise);
    parallel_ranges(stride_, kFloat32ParticlesPerTask, threads_, [&](std::size_t first, std::size_t count) {
      const std::size_t end = first + count;
      for (std::size_t m = 0; m < d; ++m) {
        float* xm = x + m * stride_;
        const float *sm = score_.data() + m * stride_, *zm = noise_.data() + m * stride_;
        for (std::size_t i = first; i < end; ++i) xm[i] += score * sm[i] + noise * zm[i];
      }
    });
  }
}

}  // namespace sgm
