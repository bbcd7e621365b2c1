#pragma once
// One run split into contiguous blocks of particles, each run on its own (the page's Web Workers): the block
// [first, first + count) of a run of n particles. Every draw of a particle — its prior draw and every step's noise — is
// keyed by its index in the whole run (CounterRng's particle counter, noise.hpp's first_particle), and no step of a
// splittable sampler looks at another particle, so the blocks of a run, concatenated, are the unsplit run bit for bit
// (tests/core/sampler/particle_block_test.cpp). A sampler whose step couples the batch (Stepper::batch_coupled: pc's
// target-SNR step size averages norms over the particles) is not split.
#include <cstddef>
#include <optional>

namespace sgm {

struct ParticleBlock {
  std::size_t first = 0;  // index of the block's first particle in the whole run
  std::size_t count = 0;  // particles in the block
};

// Throws InvalidArgument naming "block.first" or "block.count" unless 1 ≤ count and first + count ≤ particles.
void validate_particle_block(const ParticleBlock& block, std::size_t particles);

// The particles a run of `particles` holds: `block`, validated, or all of them when none is given.
ParticleBlock resolve_particle_block(const std::optional<ParticleBlock>& block, std::size_t particles);

}  // namespace sgm
