#pragma once
// The part of a fused float32 step every target's kernel shares (simd/mixture_step.hpp,
// simd/covariance_mixture_step.hpp, simd/half_normal_step.hpp): the step X ← A X + B s(t, X) + C ξ of
// Stepper::affine_step with its coefficients rounded once to float, and the key of its noise ξ.
#include <cstddef>
#include <cstdint>

namespace sgm {

struct Float32AffineStep {
  float state = 1.0f;  // A
  float score = 0.0f;  // B
  float noise = 0.0f;  // C (0: no noise drawn)
  std::uint64_t seed = 0;
  std::uint32_t step = 0;    // grid step k (the noise counter)
  std::uint32_t stream = 0;  // Stream::StepNoise (slot 0)
  // The noise counter of the particle at array index 0: a block of a larger run (particle_block.hpp) draws the noise
  // of particle first_particle + i at index i.
  std::uint32_t first_particle = 0;
};

// Particles are processed in blocks of this many: a multiple of every target's lane count (16 floats in AVX-512)
// times the two vectors a kernel takes at a time.
constexpr std::size_t kFloat32StepBlock = 64;

// Particles per task of the float32 sampler's thread pool (parallel_blocks.hpp): a task (≈ 40 µs at 10^8
// particle-steps/s) outweighs taking it. Fixed, so that sums over tasks do not depend on the thread count.
constexpr std::size_t kFloat32ParticlesPerTask = 64 * kFloat32StepBlock;

}  // namespace sgm
