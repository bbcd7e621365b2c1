#include "sgm/sampler/particle_block.hpp"

#include <string>

#include "sgm/base/error.hpp"

namespace sgm {

void validate_particle_block(const ParticleBlock& block, std::size_t particles) {
  require(block.first < particles, "block.first", static_cast<double>(block.first),
          "an integer in [0, " + std::to_string(particles - 1) +
              "] (the run's particles: " + std::to_string(particles) + ")");
  require(block.count >= 1 && block.count <= particles - block.first, "block.count", static_cast<double>(block.count),
          "an integer in [1, " + std::to_string(particles - block.first) + "] (particles " +
              std::to_string(block.first) + " … " + std::to_string(particles - 1) + " follow block.first)");
}

ParticleBlock resolve_particle_block(const std::optional<ParticleBlock>& block, std::size_t particles) {
  if (!block) return {0, particles};
  validate_particle_block(*block, particles);
  return *block;
}

}  // namespace sgm
