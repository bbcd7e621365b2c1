#pragma once
// Two-dimensional toy data sets (and a cube in any dimension) as point clouds: data, not code. Each is a fixed list
// of points generated from its own seed by the counter-based generator (stream DatasetPoints; point i uses counter
// particle = i), so a data set is reproducible from (parameters, seed) and independent of any experiment's seed.
// The target is the empirical measure of the points (point_cloud.hpp), whose perturbed score is exact.
//
//   ring        uniform on the annulus radius - width/2 ≤ |x| ≤ radius + width/2 (area measure: |x|² uniform)
//   square      uniform on the cube [-half_width, half_width]^dim (dim = 2: a square)
//   two_moons   scikit-learn's make_moons layout: even i on the upper moon (cos t, sin t), odd i on the lower moon
//               (1 - cos t, 1/2 - sin t), t uniform on [0, π], plus N(0, noise² I)
//   swiss_roll  (t cos t, t sin t)/5 with t = 1.5π (1 + 2u), u uniform (scikit-learn's make_swiss_roll, its (x, z)
//               plane, scaled into [-3, 3]²), plus N(0, noise² I)
// Parameters are validated with their JSON names (n_points in [1, 1e6], radius in (0, 1e6], width in [0, 2 radius],
// half_width in (0, 1e6], dim in [1, 4096], noise in [0, 10]).
#include <cstddef>
#include <cstdint>

#include "sgm/base/types.hpp"

namespace sgm {

Particles ring_points(std::size_t n_points, double radius, double width, std::uint64_t seed);
Particles square_points(std::size_t n_points, double half_width, int dim, std::uint64_t seed);
Particles two_moons_points(std::size_t n_points, double noise, std::uint64_t seed);
Particles swiss_roll_points(std::size_t n_points, double noise, std::uint64_t seed);

}  // namespace sgm
