#include "sgm/target/scalar_law.hpp"

#include <stdexcept>

namespace sgm {

std::uint32_t ScalarDraws::next() {
  if (used_ >= kMaxDraws)
    throw std::runtime_error("a sampler used more than " + std::to_string(kMaxDraws) +
                             " random draws for one coordinate (particle " + std::to_string(particle_) + ")");
  return used_++;
}

double ScalarDraws::uniform() { return rng_.uniform(particle_, next(), stream_, coordinate_, 0); }

// Normal number 2p of CounterRng::normal comes from block pair p: the same block as uniform(…, pair = p, …).
double ScalarDraws::normal() { return rng_.normal(particle_, next(), stream_, 2 * coordinate_); }

}  // namespace sgm
