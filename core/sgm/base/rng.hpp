#pragma once
// Counter-based random numbers: the draw for (seed, particle, step, stream, coordinate) is a pure function of those
// five numbers, so a particle gets the same noise whatever the batch size or order (k-diffusion #25, diffusers #612).
//
// Generator: Philox4x32-10 (Salmon, Moraes, Dror, Shaw, "Parallel random numbers: as easy as 1, 2, 3", SC'11),
// checked against the Random123 known-answer vectors in tests/core/rng_test.cpp.
// Counter layout: {particle, step, coordinate pair, stream}; key: the 64-bit seed.
// Normals: Box–Muller on two 53-bit uniforms in (0, 1), giving coordinates 2p and 2p + 1 from one Philox block.
#include <array>
#include <cstdint>

#include "sgm/base/types.hpp"

namespace sgm {

// Named streams keep unrelated draws independent.
enum class Stream : std::uint32_t {
  Prior = 1,           // initial particles of the reverse process
  Reference = 2,       // the exact reference sample metrics compare against
  ReferenceNoise = 3,  // the forward noise that carries the reference sample to time δ
  Projection = 4,      // sliced-W2 directions
  TargetSample = 5,    // a target's own sampling (component choice and normals)
  FloorSample = 6,     // a second exact sample: the Monte Carlo floor of a sample-to-sample distance
  FloorNoise = 7,
  ScoreError = 8,        // the random field of a noisy score error (score_error.hpp)
  DatasetPoints = 9,     // the points of a generated data set (datasets.hpp), under the data set's own seed
  NetworkInit = 10,      // initial weights of a learned score's network (mlp.hpp)
  TrainingData = 11,     // data draws of denoising score matching (dsm_trainer.hpp)
  BoundSample = 12,      // data draws X_0 of the Monte Carlo bounds (gaussian_kl.hpp, girsanov.hpp)
  BoundNoise = 13,       // the forward noise carrying them to X_t
  BoundTransition = 14,  // the OU transition X_t -> X_{t_k} of the Girsanov pairs
  TrainingTime = 15,     // times of denoising score matching; its noise Z uses TrainingNoise
  StepNoise = 16,        // Brownian increments of a stepper: slot k of a step uses stream StepNoise + k
  TrainingNoise = 1024,  // above the stepper slots StepNoise + k
};

class CounterRng {
public:
  explicit CounterRng(std::uint64_t seed) : seed_(seed) {}

  using Block = std::array<std::uint32_t, 4>;
  static Block philox4x32_10(Block counter, std::array<std::uint32_t, 2> key);

  std::uint64_t seed() const { return seed_; }

  // Uniform in the open interval (0, 1), 53 random bits. `index` selects one of two uniforms per block.
  double uniform(std::uint32_t particle, std::uint32_t step, std::uint32_t stream, std::uint32_t pair, int index) const;
  // Standard normal for coordinate `coordinate`.
  double normal(std::uint32_t particle, std::uint32_t step, std::uint32_t stream, std::uint32_t coordinate) const;

  // Fill out (n × d) with standard normals: entry (i, j) is normal(first_particle + i, step, stream, j).
  void fill_normal(Particles& out, std::uint32_t step, Stream stream, std::uint32_t first_particle = 0) const;

private:
  Block block(std::uint32_t particle, std::uint32_t step, std::uint32_t stream, std::uint32_t pair) const;
  std::uint64_t seed_;
};

}  // namespace sgm
