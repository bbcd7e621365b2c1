#include "sgm/target/datasets.hpp"

#include "sgm/base/registry.hpp"
#include "sgm/target/point_cloud.hpp"

#include <cmath>

#include "sgm/base/error.hpp"
#include "sgm/base/rng.hpp"
#include "sgm/numerics/constants.hpp"

namespace sgm {

namespace {
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

namespace sgm {
namespace {

// The parameters every dataset has: its size and the seed that draws it.
std::vector<Parameter> dataset(std::vector<Parameter> own) {
  std::vector<Parameter> p = {
      Parameter::integer("n_points", "the number of points").with_default(1000.0).within(closed(1.0, 1e6)),
      Parameter::integer("seed", "the seed of the points").with_default(0.0).within(closed(0.0, 9007199254740991.0))};
  for (Parameter& q : own) p.push_back(std::move(q));
  return p;
}

std::size_t n_points(const Arguments& a) { return static_cast<std::size_t>(a.integer("n_points")); }

Parameter noise() {
  return Parameter::number("noise", "the std of the Gaussian noise added to each point")
      .with_default(0.05)
      .within(closed(0.0, 10.0));
}

[[gnu::cold]] bool register_ring() {
  return Registry<Target>::add({
      "ring",
      "n_points uniform on the annulus radius ± width/2 (2-D point cloud from seed)",
      "docs/theory.md §9.8",
      dataset({Parameter::number("radius", "the radius").with_default(2.0).within(half_open_above(0.0, 1e6)),
               Parameter::number("width", "the width (at most 2 radius)").with_default(0.2).within(at_least(0.0))}),
      [](const Arguments& a, const Context&) {
        return std::make_shared<PointCloud>(
            ring_points(n_points(a), a.number("radius"), a.number("width"), a.integer("seed")), "ring");
      },
  });
}
const bool registered_ring = register_ring();

[[gnu::cold]] bool register_square() {
  return Registry<Target>::add({
      "square",
      "n_points uniform on [-half_width, half_width]^dim (point cloud from seed)",
      "docs/theory.md §9.8",
      dataset({Parameter::number("half_width", "the half width").with_default(1.0).within(half_open_above(0.0, 1e6)),
               Parameter::integer("dim", "the dimension").with_default(2.0).within(closed(1.0, 4096.0))}),
      [](const Arguments& a, const Context&) {
        return std::make_shared<PointCloud>(
            square_points(n_points(a), a.number("half_width"), static_cast<int>(a.integer("dim")), a.integer("seed")),
            "square");
      },
  });
}
const bool registered_square = register_square();

[[gnu::cold]] bool register_two_moons() {
  return Registry<Target>::add({
      "two_moons",
      "n_points on scikit-learn's two moons plus N(0, noise²) (2-D point cloud from seed)",
      "scikit-learn make_moons",
      dataset({noise()}),
      [](const Arguments& a, const Context&) {
        return std::make_shared<PointCloud>(two_moons_points(n_points(a), a.number("noise"), a.integer("seed")),
                                            "two_moons");
      },
  });
}
const bool registered_two_moons = register_two_moons();

[[gnu::cold]] bool register_swiss_roll() {
  return Registry<Target>::add({
      "swiss_roll",
      "n_points on the 2-D swiss roll (t cos t, t sin t)/5 plus N(0, noise²) (point cloud from seed)",
      "scikit-learn make_swiss_roll",
      dataset({noise()}),
      [](const Arguments& a, const Context&) {
        return std::make_shared<PointCloud>(swiss_roll_points(n_points(a), a.number("noise"), a.integer("seed")),
                                            "swiss_roll");
      },
  });
}
const bool registered_swiss_roll = register_swiss_roll();

}  // namespace
}  // namespace sgm
