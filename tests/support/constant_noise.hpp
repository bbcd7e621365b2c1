#pragma once
// Prescribed noise for one-step checks: every slot of every step is the constant `value`, so a stepper's update can be
// compared with its formula at a known increment.
#include <cstdint>

#include "sgm/base/noise.hpp"

namespace sgm::test {

class ConstantNoise final : public NoiseSource {
public:
  explicit ConstantNoise(double value) : value_(value) {}
  void fill(std::uint32_t, std::uint32_t, Particles& out) const override { out.setConstant(value_); }

private:
  double value_;
};

}  // namespace sgm::test
