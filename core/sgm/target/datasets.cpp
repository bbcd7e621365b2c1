#include "sgm/target/datasets.hpp"

#include <cmath>

#include "sgm/base/error.hpp"
#include "sgm/base/rng.hpp"

namespace sgm {

namespace {
constexpr double kPi = 3.14159265358979323846264338327950;
constexpr auto kStream = static_cast<std::uint32_t>(Stream::DatasetPoints);

void validate_count(std::size_t n_points) {
  require(n_points >= 1 && n_points <= 1000000, "n_points", static_cast<double>(n_points),
          "an integer in [1, 1000000]");
}

void validate_noise(double noise) {
  require(std::isfinite(noise) && noise >= 0.0 && noise <= 10.0, "noise", noise, "a number in [0, 10]");
}

// Uniform k (0 or 1) of point i, and its 2-D Gaussian noise (a separate counter step).
double uniform(const CounterRng& rng, std::size_t i, int k) {
  return rng.uniform(static_cast<std::uint32_t>(i), 0, kStream, 0, k);
}

void add_noise(Particles& x, double noise, const CounterRng& rng) {
  Particles z(x.rows(), x.cols());
  rng.fill_normal(z, 1, Stream::DatasetPoints);
  x += noise * z;
}
}  // namespace

Particles ring_points(std::size_t n_points, double radius, double width, std::uint64_t seed) {
  validate_count(n_points);
  require(std::isfinite(radius) && radius > 0.0 && radius <= 1e6, "radius", radius, "a number in (0, 1e6]");
  require(std::isfinite(width) && width >= 0.0 && width <= 2.0 * radius, "width", width,
          "a number in [0, 2 radius] (the annulus is radius ± width/2)");
  const CounterRng rng(seed);
  const double inner = radius - 0.5 * width, outer = radius + 0.5 * width;
  Particles x(static_cast<Eigen::Index>(n_points), 2);
  for (std::size_t i = 0; i < n_points; ++i) {
    // Area measure: r² is uniform on [inner², outer²].
    const double r = std::sqrt(inner * inner + uniform(rng, i, 0) * (outer * outer - inner * inner));
    const double angle = 2.0 * kPi * uniform(rng, i, 1);
    x.row(static_cast<Eigen::Index>(i)) << r * std::cos(angle), r * std::sin(angle);
  }
  return x;
}

Particles square_points(std::size_t n_points, double half_width, int dim, std::uint64_t seed) {
  validate_count(n_points);
  require(std::isfinite(half_width) && half_width > 0.0 && half_width <= 1e6, "half_width", half_width,
          "a number in (0, 1e6]");
  require(dim >= 1 && dim <= 4096, "dim", dim, "an integer in [1, 4096]");
  const CounterRng rng(seed);
  Particles x(static_cast<Eigen::Index>(n_points), dim);
  for (std::size_t i = 0; i < n_points; ++i)
    for (int j = 0; j < dim; ++j)
      x(static_cast<Eigen::Index>(i), j) = half_width * (2.0 * rng.uniform(static_cast<std::uint32_t>(i), 0, kStream,
                                                                           static_cast<std::uint32_t>(j / 2), j % 2) -
                                                         1.0);
  return x;
}

namespace {
// n_points points curve(i, u_i), u_i uniform on (0, 1), plus N(0, noise² I).
template <class Curve>
Particles noisy_curve(std::size_t n_points, double noise, std::uint64_t seed, Curve curve) {
  validate_count(n_points);
  validate_noise(noise);
  const CounterRng rng(seed);
  Particles x(static_cast<Eigen::Index>(n_points), 2);
  for (std::size_t i = 0; i < n_points; ++i) x.row(static_cast<Eigen::Index>(i)) = curve(i, uniform(rng, i, 0));
  add_noise(x, noise, rng);
  return x;
}
}  // namespace

Particles two_moons_points(std::size_t n_points, double noise, std::uint64_t seed) {
  return noisy_curve(n_points, noise, seed, [](std::size_t i, double u) {
    const double t = kPi * u;
    return i % 2 == 0 ? Eigen::RowVector2d(std::cos(t), std::sin(t))
                      : Eigen::RowVector2d(1.0 - std::cos(t), 0.5 - std::sin(t));
  });
}

Particles swiss_roll_points(std::size_t n_points, double noise, std::uint64_t seed) {
  return noisy_curve(n_points, noise, seed, [](std::size_t, double u) {
    const double t = 1.5 * kPi * (1.0 + 2.0 * u);
    return Eigen::RowVector2d(0.2 * t * std::cos(t), 0.2 * t * std::sin(t));
  });
}

}  // namespace sgm
