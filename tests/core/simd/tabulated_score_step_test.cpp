// The float32 step with a tabulated score (simd/tabulated_score_step.hpp): its four-point cubic interpolation against
// a function with known derivatives (the Lagrange remainder bound, and the fourth order by the fitted slope on nested
// tables), and the clamp at the table's ends.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "sgm/base/statistics.hpp"
#include "sgm/simd/tabulated_score_step.hpp"

using namespace sgm;

namespace {

constexpr double kLo = -3.0, kHi = 3.0;

// The kernel's output with A = 0, B = 1 and no noise: the interpolated score at each x (one coordinate).
std::vector<float> interpolated(const std::vector<float>& table, const std::vector<float>& x) {
  TabulatedScoreStepCoefficients c;
  c.dim = 1;
  c.scores = table.data();
  c.nodes = static_cast<int>(table.size());
  const double h = (kHi - kLo) / static_cast<double>(table.size() - 1);
  c.lo = static_cast<float>(kLo);
  c.inverse_spacing = static_cast<float>(1.0 / h);
  c.step.state = 0.0f;
  c.step.score = 1.0f;
  c.step.noise = 0.0f;
  std::vector<float> out = x;
  tabulated_score_step(c, out.data(), out.size(), 0, out.size());
  return out;
}

std::vector<float> sine_table(int nodes) {
  std::vector<float> table(static_cast<std::size_t>(nodes));
  const double h = (kHi - kLo) / (nodes - 1);
  for (int j = 0; j < nodes; ++j) table[static_cast<std::size_t>(j)] = static_cast<float>(std::sin(kLo + j * h));
  return table;
}

}  // namespace

TEST_CASE("tabulated score: the cubic's error obeys the Lagrange bound and falls like h^4 (fitted slope)") {
  // s = sin: max|s⁽⁴⁾| = 1, so between the middle nodes |error| ≤ (9/16) h⁴ / 24 (tabulated_score_step.hpp), plus
  // the float rounding of the table, the weights and the sums: a few 2^-24 on values ≤ 1 (allowed: 1e-6).
  const std::size_t points = 4 * kFloat32StepBlock;
  std::vector<double> spacings, errors;
  for (int nodes : {17, 33, 65}) {
    CAPTURE(nodes);
    const double h = (kHi - kLo) / (nodes - 1);
    std::vector<float> x(points);
    for (std::size_t i = 0; i < points; ++i)  // inside [lo + h, hi - h], off the nodes
      x[i] = static_cast<float>(kLo + h + (kHi - kLo - 2 * h) * (static_cast<double>(i) + 0.37) / points);
    const std::vector<float> s = interpolated(sine_table(nodes), x);
    double worst = 0.0;
    for (std::size_t i = 0; i < points; ++i) worst = std::max(worst, std::abs(s[i] - std::sin(double(x[i]))));
    CHECK(worst <= 9.0 / 16.0 * std::pow(h, 4) / 24.0 + 1e-6);
    spacings.push_back(h);
    errors.push_back(worst);
  }
  // Halving h divides the error by about 16: the fitted log-log slope is 4 (errors 3e-4 … 1.3e-6, above rounding).
  const SlopeFit fit = fit_loglog_slope(spacings, errors, std::vector<double>(errors.size(), 0.0), 0.95);
  CHECK(fit.slope == doctest::Approx(4.0).epsilon(0.1));
}

TEST_CASE("tabulated score: a coordinate beyond the table takes the score of the end node, exactly") {
  const std::vector<float> table = sine_table(33);
  std::vector<float> x(kFloat32StepBlock, -50.0f);
  for (std::size_t i = kFloat32StepBlock / 2; i < x.size(); ++i) x[i] = 1e30f;
  const std::vector<float> s = interpolated(table, x);
  for (std::size_t i = 0; i < x.size(); ++i) CHECK(s[i] == (i < x.size() / 2 ? table[1] : table[31]));
}
