#include "sgm/base/noise.hpp"

namespace sgm {

void CounterNoise::fill(std::uint32_t step, std::uint32_t slot, Particles& out) const {
  rng_.fill_normal(out, step, static_cast<Stream>(static_cast<std::uint32_t>(Stream::StepNoise) + slot), first_);
}

}  // namespace sgm
