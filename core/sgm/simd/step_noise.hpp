#pragma once
// The noise ξ of a fused float32 step (float32_step.hpp) written to a buffer instead of added: the counter-based
// normals of step_noise-inl.h that a kernel with the same key (seed, step k, stream, first_particle) adds, times C, to
// the same particles. For moves whose coefficients depend on ξ itself (pc's target-SNR corrector averages ‖ξ‖ over the
// batch, float32_langevin_corrector.hpp) and for the tests.
#include <cstddef>

#include "sgm/simd/float32_step.hpp"

namespace sgm {

// Fills coordinates 0 … dim − 1 of particles [first, first + count) of xi (coordinate m of particle i at
// xi[m * stride + i], count a multiple of kFloat32StepBlock) with the normals of key.seed, key.step, key.stream:
// coordinates 2p and 2p + 1 of array index i are the Box–Muller pair p of particle key.first_particle + i (for an odd
// dim the last pair's second normal is not used, as in the kernels). key's coefficients are not read.
void step_noise(const Float32AffineStep& key, int dim, float* xi, std::size_t stride, std::size_t first,
                std::size_t count);

}  // namespace sgm
