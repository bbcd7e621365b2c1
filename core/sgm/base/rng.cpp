#include "sgm/base/rng.hpp"

#include <cmath>

namespace sgm {

namespace {
constexpr std::uint32_t kPhiloxM0 = 0xD2511F53u;  // Salmon et al. (2011), Philox4x32 multipliers
constexpr std::uint32_t kPhiloxM1 = 0xCD9E8D57u;
constexpr std::uint32_t kPhiloxW0 = 0x9E3779B9u;  // Weyl key increments (golden ratio, sqrt(3) - 1)
constexpr std::uint32_t kPhiloxW1 = 0xBB67AE85u;
constexpr double kTwoPi = 6.283185307179586476925286766559;

// Map 64 random bits to (0, 1): the top 53 bits plus one half, scaled by 2^-53.
double to_open_unit(std::uint32_t hi, std::uint32_t lo) {
  const std::uint64_t bits = ((static_cast<std::uint64_t>(hi) << 32) | lo) >> 11;
  return (static_cast<double>(bits) + 0.5) * 0x1.0p-53;
}

// Box–Muller: two independent standard normals from the two uniforms of one Philox block.
std::array<double, 2> box_muller(const CounterRng::Block& b) {
  const double radius = std::sqrt(-2.0 * std::log(to_open_unit(b[0], b[1])));
  const double angle = kTwoPi * to_open_unit(b[2], b[3]);
  return {radius * std::cos(angle), radius * std::sin(angle)};
}
}  // namespace

CounterRng::Block CounterRng::philox4x32_10(Block ctr, std::array<std::uint32_t, 2> key) {
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      key[0] += kPhiloxW0;
      key[1] += kPhiloxW1;
    }
    const std::uint64_t p0 = static_cast<std::uint64_t>(kPhiloxM0) * ctr[0];
    const std::uint64_t p1 = static_cast<std::uint64_t>(kPhiloxM1) * ctr[2];
    const auto hi0 = static_cast<std::uint32_t>(p0 >> 32), lo0 = static_cast<std::uint32_t>(p0);
    const auto hi1 = static_cast<std::uint32_t>(p1 >> 32), lo1 = static_cast<std::uint32_t>(p1);
    ctr = {hi1 ^ ctr[1] ^ key[0], lo1, hi0 ^ ctr[3] ^ key[1], lo0};
  }
  return ctr;
}

CounterRng::Block CounterRng::block(std::uint32_t particle, std::uint32_t step, std::uint32_t stream,
                                    std::uint32_t pair) const {
  return philox4x32_10({particle, step, pair, stream},
                       {static_cast<std::uint32_t>(seed_), static_cast<std::uint32_t>(seed_ >> 32)});
}

double CounterRng::uniform(std::uint32_t particle, std::uint32_t step, std::uint32_t stream, std::uint32_t pair,
                           int index) const {
  const Block b = block(particle, step, stream, pair);
  return index == 0 ? to_open_unit(b[0], b[1]) : to_open_unit(b[2], b[3]);
}

double CounterRng::normal(std::uint32_t particle, std::uint32_t step, std::uint32_t stream,
                          std::uint32_t coordinate) const {
  return box_muller(block(particle, step, stream, coordinate / 2))[coordinate % 2];
}

void CounterRng::fill_normal(Particles& out, std::uint32_t step, Stream stream, std::uint32_t first_particle) const {
  const auto n = static_cast<std::uint32_t>(out.rows());
  const auto d = static_cast<std::uint32_t>(out.cols());
  const auto s = static_cast<std::uint32_t>(stream);
  for (std::uint32_t pair = 0; 2 * pair < d; ++pair) {
    const std::uint32_t j = 2 * pair;
    for (std::uint32_t i = 0; i < n; ++i) {
      const std::array<double, 2> z = box_muller(block(first_particle + i, step, s, pair));
      out(i, j) = z[0];
      if (j + 1 < d) out(i, j + 1) = z[1];
    }
  }
}

}  // namespace sgm
