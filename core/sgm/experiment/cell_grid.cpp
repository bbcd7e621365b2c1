#include "sgm/experiment/cell_grid.hpp"

#include <cmath>
#include <string>

#include "sgm/base/error.hpp"

namespace sgm {

namespace {

constexpr double kMaxCells = 1 << 20;

// Centre of cell i of n equal cells on [a, b], in the order of operations of density-grid.js's centres(), so that
// both sides compute the same doubles.
double centre(double a, double b, int i, int n) { return a + ((i + 0.5) * (b - a)) / n; }

}  // namespace

void check_cell_grid(const CellGrid& cells, int dimension) {
  require(dimension >= 1, "dimension", dimension, "an integer ≥ 1");
  require(cells.nx >= 1, "nx", cells.nx, "an integer ≥ 1");
  require(cells.ny >= 1 && (dimension > 1 || cells.ny == 1), "ny", cells.ny,
          dimension > 1 ? "an integer ≥ 1" : "1 for a target of dimension 1");
  require(static_cast<double>(cells.nx) * cells.ny <= kMaxCells, "nx × ny",
          static_cast<double>(cells.nx) * cells.ny, "at most 2^20 cells");
  require(std::isfinite(cells.x0), "x0", cells.x0, "a finite number");
  require(std::isfinite(cells.x1) && cells.x1 > cells.x0, "x1", cells.x1, "a finite number above x0");
  if (cells.ny > 1) {
    require(std::isfinite(cells.y0), "y0", cells.y0, "a finite number");
    require(std::isfinite(cells.y1) && cells.y1 > cells.y0, "y1", cells.y1, "a finite number above y0");
  }
}

InspectionRequest cell_centre_request(double time, const CellGrid& cells, int dimension) {
  check_cell_grid(cells, dimension);
  InspectionRequest request;
  request.times = {time};
  request.points = Particles::Zero(static_cast<Eigen::Index>(cells.nx) * cells.ny, dimension);
  for (int j = 0; j < cells.ny; ++j) {
    for (int i = 0; i < cells.nx; ++i) {
      const Eigen::Index k = static_cast<Eigen::Index>(j) * cells.nx + i;
      request.points(k, 0) = centre(cells.x0, cells.x1, i, cells.nx);
      if (dimension > 1) request.points(k, 1) = cells.ny > 1 ? centre(cells.y0, cells.y1, j, cells.ny) : 0.0;
    }
  }
  return request;
}

}  // namespace sgm
