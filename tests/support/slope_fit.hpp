#pragma once
// The one slope fit of the tests: convergence orders and growth rates are read off nested grids as the least-squares
// slope of log y against log x.
#include <vector>

namespace sgm::test {

// Least-squares slope of log y against log x (centred form: Σ (lx - mean lx)(ly - mean ly) / Σ (lx - mean lx)²).
double log_log_slope(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace sgm::test
