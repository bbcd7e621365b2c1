#pragma once
// The Gaussian increments a stepper consumes, injectable (k-diffusion style) so that the same stepper can run on
// counter-based random numbers or on prescribed vectors (used to compute exact output laws of linear samplers).
#include <cstdint>

#include "sgm/base/rng.hpp"

namespace sgm {

class NoiseSource {
public:
  virtual ~NoiseSource() = default;
  // Fill out (n × d) with the standard normals of grid step `step`, slot `slot` (several draws within one step).
  virtual void fill(std::uint32_t step, std::uint32_t slot, Particles& out) const = 0;
};

// Counter-based noise: particle i of step k, slot m gets rng.normal(first_particle + i, k, StepNoise + m, ·).
class CounterNoise final : public NoiseSource {
public:
  explicit CounterNoise(CounterRng rng, std::uint32_t first_particle = 0) : rng_(rng), first_(first_particle) {}
  void fill(std::uint32_t step, std::uint32_t slot, Particles& out) const override;

private:
  CounterRng rng_;
  std::uint32_t first_;
};

// Another source's slots shifted by `offset`: slot m here is slot offset + m of `base`. A composite stepper hands one
// of these to each part so that the parts draw from disjoint slots (predictor–corrector). `base` must outlive it.
class SlotOffsetNoise final : public NoiseSource {
public:
  SlotOffsetNoise(const NoiseSource& base, std::uint32_t offset) : base_(base), offset_(offset) {}
  void fill(std::uint32_t step, std::uint32_t slot, Particles& out) const override {
    base_.fill(step, offset_ + slot, out);
  }

private:
  const NoiseSource& base_;
  std::uint32_t offset_;
};

}  // namespace sgm
