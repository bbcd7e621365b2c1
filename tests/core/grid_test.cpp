#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "sgm/error.hpp"
#include "sgm/grid.hpp"
#include "test_support.hpp"

using sgm::Grid;
using sgm::GridKind;
using sgm::test::relative;

namespace {

struct Case {
  double T, delta;
  std::size_t steps;
};
const Case kCases[] = {{5.0, 1e-3, 1}, {5.0, 1e-3, 100}, {1.0, 0.5, 7}, {10000.0, 1e-12, 1000}, {2.0, 1e-2, 100000}};

void check_strictly_decreasing(const Grid& g) {
  const auto& t = g.times();
  bool decreasing = true;
  for (std::size_t k = 0; k + 1 < t.size(); ++k) decreasing = decreasing && t[k + 1] < t[k];
  CHECK(decreasing);
}

}  // namespace

TEST_CASE("Uniform grid: exact end points, strictly decreasing, t_k = T - k (T - δ)/N, constant spacing") {
  for (const Case& c : kCases) {
    INFO("T = " << c.T << ", delta = " << c.delta << ", N = " << c.steps);
    const Grid g(GridKind::Uniform, c.T, c.delta, c.steps);
    const auto& t = g.times();
    REQUIRE(t.size() == c.steps + 1);
    CHECK(g.steps() == c.steps);
    CHECK(g.kind() == GridKind::Uniform);
    CHECK(t.front() == c.T);
    CHECK(t.back() == c.delta);
    CHECK(g.horizon() == c.T);
    CHECK(g.stop() == c.delta);
    check_strictly_decreasing(g);
    // Each time within a few ulps of T: the formula t_k = δ + (N - k)(T - δ)/N counted from the other end.
    const double h = (c.T - c.delta) / static_cast<double>(c.steps);
    double worst_time = 0.0, worst_spacing = 0.0;
    for (std::size_t k = 0; k <= c.steps; ++k) {
      worst_time = std::max(worst_time, std::abs(t[k] - (c.delta + static_cast<double>(c.steps - k) * h)));
      if (k < c.steps) worst_spacing = std::max(worst_spacing, std::abs((t[k] - t[k + 1]) - h));
    }
    const double ulp = std::numeric_limits<double>::epsilon() * c.T;
    CHECK(worst_time <= 4.0 * ulp);
    CHECK(worst_spacing <= 4.0 * ulp);
  }
}

TEST_CASE("Log grid: exact end points, strictly decreasing, t_k = exp(ln T + (k/N) ln(δ/T)), constant ratio") {
  for (const Case& c : kCases) {
    INFO("T = " << c.T << ", delta = " << c.delta << ", N = " << c.steps);
    const Grid g(GridKind::Log, c.T, c.delta, c.steps);
    const auto& t = g.times();
    REQUIRE(t.size() == c.steps + 1);
    CHECK(g.kind() == GridKind::Log);
    CHECK(t.front() == c.T);
    CHECK(t.back() == c.delta);
    check_strictly_decreasing(g);
    const double n = static_cast<double>(c.steps);
    const double log_ratio = std::log(c.delta / c.T) / n;  // ln(t_{k+1}/t_k), the same for every k
    double worst_time = 0.0, worst_ratio = 0.0;
    for (std::size_t k = 0; k <= c.steps; ++k) {
      const double expected = std::exp(std::log(c.T) + static_cast<double>(k) * log_ratio);
      worst_time = std::max(worst_time, std::abs(t[k] / expected - 1.0));
      if (k < c.steps) worst_ratio = std::max(worst_ratio, std::abs(std::log(t[k + 1] / t[k]) - log_ratio));
    }
    // Relative rounding of pow/exp of arguments up to |ln(δ/T)| ≈ 37: about 37 eps.
    CHECK(worst_time <= 1e-13);
    CHECK(worst_ratio <= 1e-13);
  }
}

TEST_CASE("Grid: invalid parameters throw InvalidArgument naming the field and its range") {
  using doctest::Contains;
  using sgm::InvalidArgument;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  for (GridKind kind : {GridKind::Uniform, GridKind::Log}) {
    INFO("grid " << sgm::grid_kind_name(kind));
    CHECK_THROWS_WITH_AS(Grid(kind, 5.0, 5.0, 10), Contains("delta = 5 is out of range: must be a number in (0, T) with T = 5"),
                         InvalidArgument);
    CHECK_THROWS_WITH_AS(Grid(kind, 1.0, 2.0, 10), Contains("delta = 2 is out of range: must be a number in (0, T)"),
                         InvalidArgument);
    CHECK_THROWS_WITH_AS(Grid(kind, 5.0, 0.0, 10), Contains("delta = 0 is out of range"), InvalidArgument);
    CHECK_THROWS_WITH_AS(Grid(kind, 5.0, -1e-3, 10), Contains("delta = -0.001 is out of range"), InvalidArgument);
    CHECK_THROWS_WITH_AS(Grid(kind, 5.0, nan, 10), Contains("delta = NaN is out of range"), InvalidArgument);
    CHECK_THROWS_WITH_AS(Grid(kind, nan, 1e-3, 10), Contains("T = NaN is out of range: must be a finite number in (0, 10000]"),
                         InvalidArgument);
    CHECK_THROWS_WITH_AS(Grid(kind, inf, 1e-3, 10), Contains("T = Infinity is out of range"), InvalidArgument);
    CHECK_THROWS_WITH_AS(Grid(kind, -1.0, 1e-3, 10), Contains("T = -1 is out of range"), InvalidArgument);
    CHECK_THROWS_WITH_AS(Grid(kind, 5.0, 1e-3, 0), Contains("steps = 0 is out of range: must be an integer in [1, 1000000]"),
                         InvalidArgument);
    CHECK_THROWS_WITH_AS(Grid(kind, 5.0, 1e-3, Grid::kMaxSteps + 1), Contains("steps = 1000001 is out of range"),
                         InvalidArgument);
  }
  CHECK_THROWS_WITH_AS(sgm::grid_kind_from_name("cosine"),
                       Contains("grid = \"cosine\" is unknown: must be one of \"uniform\", \"log\""), InvalidArgument);
  CHECK(sgm::grid_kind_from_name(sgm::grid_kind_name(GridKind::Log)) == GridKind::Log);
  CHECK(sgm::grid_kind_from_name(sgm::grid_kind_name(GridKind::Uniform)) == GridKind::Uniform);
}

TEST_CASE("Grid: steps too fine for double precision are refused, naming steps") {
  // T - δ = 1e-12 in 10^6 steps: 1e-18 apart, far below the spacing of doubles near 1 (1.1e-16), so times would repeat.
  using doctest::Contains;
  for (GridKind kind : {GridKind::Uniform, GridKind::Log}) {
    INFO("grid " << sgm::grid_kind_name(kind));
    CHECK_THROWS_WITH_AS(Grid(kind, 1.0, 1.0 - 1e-12, 1000000),
                         Contains("steps = 1000000 is out of range: must be an integer small enough that consecutive times differ"),
                         sgm::InvalidArgument);
    check_strictly_decreasing(Grid(kind, 1.0, 1.0 - 1e-12, 1000));  // 1e-15 apart: about 9 ulps, still distinct
  }
}
