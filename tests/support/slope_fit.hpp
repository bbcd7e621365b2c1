#pragma once
// The one slope fit of the tests: convergence orders and growth rates are read off nested grids as the least-squares
// slope of log y against log x.
#include <functional>
#include <string>
#include <vector>

namespace sgm::test {

// Least-squares slope of log y against log x (centred form: Σ (lx - mean lx)(ly - mean ly) / Σ (lx - mean lx)²).
double log_log_slope(const std::vector<double>& x, const std::vector<double>& y);

// The order of convergence read off nested uniform grids N = 10, 20, …, finest: minus the slope of log error against
// log N over the four finest grids (the coarse ones may not be asymptotic yet), with a printable summary that also
// gives the slope over all grids and the errors at both ends.
struct OrderFit {
  double slope;
  std::string summary;
};
OrderFit fitted_order(const std::function<double(int steps)>& error, int finest = 320);

}  // namespace sgm::test
