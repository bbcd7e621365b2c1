#pragma once
// Mathematical constants shared by the core's formulas (π, log 2π, ½ log 2π, +∞), to full double precision.

#include <limits>

namespace sgm {

constexpr double kPi = 3.14159265358979323846264338327950;
constexpr double kLogTwoPi = 1.8378770664093454835606594728112;       // log(2π): Gaussian normalising constants
constexpr double kHalfLogTwoPi = 0.91893853320467274178032973640562;  // ½ log(2π)
constexpr double kInfinity = std::numeric_limits<double>::infinity();

}  // namespace sgm
