#pragma once
// A grid of equal cells over a rectangle of the plane, and the inspection request of q_t at their centres: what the
// page's density view draws (web/src/views/density-grid.js builds the same points in JavaScript for `inspect`). In
// d > 2 dimensions the points lie on the plane of the first two coordinates through 0; in 1-D, ny = 1 and the points
// are the centres on [x0, x1].
#include "sgm/experiment/inspection.hpp"

namespace sgm {

struct CellGrid {
  double x0 = 0.0, x1 = 0.0, y0 = 0.0, y1 = 0.0;
  int nx = 0, ny = 0;
};

// Throws InvalidArgument naming the field ("nx", "x1", …) with its value and range: at least one cell per side, at
// most 2^20 cells, finite bounds with x0 < x1 (and y0 < y1 when ny > 1), dimension ≥ 1 (ny = 1 when it is 1).
void check_cell_grid(const CellGrid& cells, int dimension);

// The request of log q_t, the score and the model's score at time `time` at the nx · ny cell centres, row-major from
// the bottom row (point j nx + i is the centre of cell (i, j): x0 + (i + 1/2)(x1 - x0)/nx, likewise y).
InspectionRequest cell_centre_request(double time, const CellGrid& cells, int dimension);

}  // namespace sgm
