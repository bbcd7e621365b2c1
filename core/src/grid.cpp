#include "sgm/grid.hpp"

#include <cmath>

#include "sgm/error.hpp"

namespace sgm {

GridKind grid_kind_from_name(const std::string& name) {
  if (name == "uniform") return GridKind::Uniform;
  if (name == "log") return GridKind::Log;
  throw InvalidArgument("grid = \"" + name + "\" is unknown: must be one of \"uniform\", \"log\"");
}

std::string grid_kind_name(GridKind kind) { return kind == GridKind::Uniform ? "uniform" : "log"; }

Grid::Grid(GridKind kind, double T, double delta, std::size_t steps) : kind_(kind) {
  require(std::isfinite(T) && T > 0.0 && T <= 1e4, "T", T, "a finite number in (0, 10000]");
  require(std::isfinite(delta) && delta > 0.0 && delta < T, "delta", delta,
          "a number in (0, T) with T = " + format_value(T));
  require(steps >= 1 && steps <= kMaxSteps, "steps", static_cast<double>(steps),
          "an integer in [1, " + std::to_string(kMaxSteps) + "]");
  times_.resize(steps + 1);
  const double n = static_cast<double>(steps);
  for (std::size_t k = 0; k <= steps; ++k) {
    const double u = static_cast<double>(k) / n;
    times_[k] = kind == GridKind::Uniform ? T - u * (T - delta) : T * std::pow(delta / T, u);
  }
  times_.front() = T;  // exact end points, whatever the rounding of the formulas
  times_.back() = delta;
  // Too many steps for T - δ at double precision would repeat times (zero steps) and break T = t_0 > … > t_N = δ.
  for (std::size_t k = 0; k < steps; ++k)
    require(times_[k + 1] < times_[k], "steps", n,
            "an integer small enough that consecutive times differ in double precision (t_" + std::to_string(k + 1) +
                " = t_" + std::to_string(k) + " = " + format_value(times_[k]) + ")");
}

}  // namespace sgm
