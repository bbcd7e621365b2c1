#pragma once
// pc's target-SNR Langevin corrector (langevin_corrector.hpp; Song et al. 2021 §4.2) on float32 particles held as
// structure of arrays (float32_reverse_diffusion.hpp). Move j at forward time t of grid step k:
//   1. per particle, the score S = s(t, X) (the caller's score-only kernel) and the noise Ξ of the double path's slot
//      first_slot + j (simd/step_noise.hpp: the same Philox normals up to float rounding);
//   2. the batch means of the per-particle Euclidean norms ‖S_i‖ and ‖Ξ_i‖: each norm in double, summed per task of
//      kFloat32ParticlesPerTask particles, the task sums added in task order, so that they do not depend on the
//      thread count;
//   3. ε = 2α (r ‖Ξ‖_mean / ‖S‖_mean)² (LangevinCorrector::target_snr_step_size, in double) and the move
//      X ← X + ε S + sqrt(2ε) Ξ with its coefficients rounded once to float; no move when ‖S‖_mean = 0, as in the
//      double path.
// Steps 1 and 3 run on all cores (parallel_blocks.hpp).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "sgm/process/process.hpp"
#include "sgm/sampler/langevin_corrector.hpp"

namespace sgm {

class Float32LangevinCorrector {
public:
  // Replaces particles [first, first + count) of a copy of the particles (same layout) by their scores at the
  // corrector's time; count is a multiple of kFloat32StepBlock.
  using ScoreInPlace = std::function<void(float* s, std::size_t first, std::size_t count)>;

  // rule: a target-SNR corrector; its move j draws noise slot first_slot + j of each step (Stream::StepNoise +
  // first_slot + j) for particles first_particle + i. n particles, coordinate m of particle i at x[m * stride + i]
  // (stride a multiple of kFloat32StepBlock; the padding particles n … stride − 1 are moved but not averaged).
  Float32LangevinCorrector(const LangevinCorrector& rule, std::uint32_t first_slot, std::uint64_t seed,
                           std::uint32_t first_particle, std::size_t n, std::size_t stride, int dim, unsigned threads);

  // Runs the rule's moves at forward time t of grid step k on x, with the target-SNR α of that step.
  void correct(const Process& process, std::uint32_t k, double t, double alpha, const ScoreInPlace& score_in_place,
               float* x);

private:
  // Σ_i ‖row i‖ over the particles of [first, first + count) below n, each norm in double.
  double norm_sum(const std::vector<float>& v, std::size_t first, std::size_t count) const;

  LangevinCorrector rule_;
  std::uint32_t first_slot_;
  std::uint64_t seed_;
  std::uint32_t first_particle_;
  std::size_t n_, stride_, tasks_;
  int dim_;
  unsigned threads_;
  std::vector<float> score_, noise_;             // S and Ξ, laid out as the particles
  std::vector<double> score_sums_, noise_sums_;  // per task
};

}  // namespace sgm
