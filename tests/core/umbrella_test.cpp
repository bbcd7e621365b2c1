// The umbrella header compiles on its own and exposes every concept (docs/development.md, "Layout").
#include "sgm/sgm.hpp"

#include <doctest/doctest.h>

TEST_CASE("umbrella header: one include reaches a process, a grid and a sampler") {
  const auto process = sgm::make_process("ou");
  const sgm::Grid grid(sgm::GridKind::Uniform, *process, 1.0, 0.5, 2);
  CHECK(grid.steps() == 2);
  CHECK(sgm::make_stepper("ei")->weak_order() == 1.0);
}
