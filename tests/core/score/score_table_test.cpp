// The tabulated score of a one-dimensional law (score/score_table.hpp): its cubic interpolation against the law's
// exact (quadrature) score at 20001 points, for laws whose scores bend gently (the double well) and sharply (the
// α = 3 half-normal near 0 at early stopping), and the node count adapting to the difference.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "sgm/process/ornstein_uhlenbeck.hpp"
#include "sgm/score/score_table.hpp"
#include "sgm/target/double_well.hpp"
#include "sgm/target/modified_half_normal.hpp"

using namespace sgm;

namespace {

// The cubic through the four nodes around x (simd/tabulated_score_step.hpp), in double.
double interpolate(const ScoreTable& table, double x) {
  const auto n = static_cast<int>(table.values.size());
  const double u = (x - table.lo) / table.spacing;
  const int j = std::clamp(static_cast<int>(std::floor(u)), 1, n - 3);
  const double t = u - j;
  const auto s = [&](int k) { return static_cast<double>(table.values[static_cast<std::size_t>(k)]); };
  return -t * (t - 1) * (t - 2) / 6 * s(j - 1) + (t + 1) * (t - 1) * (t - 2) / 2 * s(j) -
         (t + 1) * t * (t - 2) / 2 * s(j + 1) + (t + 1) * t * (t - 1) / 6 * s(j + 2);
}

// Worst |interpolated - exact| / max(|exact|, 1) over 20001 points of [-0.9 R, 0.9 R].
double worst_relative_error(const ScalarLaw& law, double a, double s, const ScoreTable& table) {
  const double reach = -table.lo;
  const Vector x = Vector::LinSpaced(20001, -0.9 * reach, 0.9 * reach);
  Vector exact(x.size());
  law.score(a, s, x, exact);
  double worst = 0.0;
  for (Eigen::Index i = 0; i < x.size(); ++i)
    worst = std::max(worst, std::abs(interpolate(table, x(i)) - exact(i)) / std::max(std::abs(exact(i)), 1.0));
  return worst;
}

}  // namespace

TEST_CASE("score table: the interpolated score within 1e-5 of the exact one, nodes added where the score bends") {
  // Tolerance: the table aims at 1e-6 (its error estimate, asymptotic in h); the check allows 10 times that, plus
  // the float rounding of the tabulated values (2^-24 relative, amplified ≤ 2 by the cubic's weights).
  const OrnsteinUhlenbeck ou;
  const DoubleWell well(1.0, 1.0);
  const SymmetricModifiedHalfNormal cusp(0.5, 1.0, 1.0), vanishing(3.0, 1.0, 1.0);
  struct Case {
    const ScalarLaw* law;
    double t;
    // Whether 2049 nodes miss the tolerance: measured by the same comparison with 2049 nodes, worst relative
    // errors 2.3e-10 (well, t = 1e-3), 6.2e-5 (cusp, 1e-3), 7.4e-9 (cusp, 0.1), 1.5e-2 and 4.1e-4 (vanishing, 1e-3 and
    // 1e-2), 1.3e-10 (vanishing, 1).
    bool refined;
  };
  for (const Case& k :
       {Case{&well, 1e-3, false}, Case{&well, 1.0, false}, Case{&cusp, 1e-3, true}, Case{&cusp, 0.1, false},
        Case{&vanishing, 1e-3, true}, Case{&vanishing, 1e-2, true}, Case{&vanishing, 1.0, false}}) {
    CAPTURE(k.law->name());
    CAPTURE(k.t);
    const double a = ou.mean_coeff(k.t), s = ou.std(k.t);
    const ScoreTable table = tabulate_score(*k.law, a, s);
    CAPTURE(table.values.size());
    CHECK(table.estimated_error <= ScoreTable::kTolerance);
    CHECK(worst_relative_error(*k.law, a, s, table) <= 1e-5 + 2.0 * 0x1.0p-24);
    CHECK((table.values.size() > static_cast<std::size_t>(ScoreTable::kMinNodes)) == k.refined);
  }
}

TEST_CASE(
    "score table: the node count stops at the caller's cap (never below 2049), the estimate saying what is left") {
  // The α = 3 half-normal at t = 10⁻³ wants more than 8193 nodes (above); capped, it stops at the largest size of
  // the doubling sequence 2049, 4097, 8193, … within the cap and reports an estimated error above the tolerance.
  const OrnsteinUhlenbeck ou;
  const SymmetricModifiedHalfNormal vanishing(3.0, 1.0, 1.0);
  const double a = ou.mean_coeff(1e-3), s = ou.std(1e-3);
  for (const auto& [cap, nodes] :
       {std::pair<std::size_t, std::size_t>{100, 2049}, {4096, 2049}, {5000, 4097}, {8193, 8193}}) {
    CAPTURE(cap);
    const ScoreTable table = tabulate_score(vanishing, a, s, cap);
    CHECK(table.values.size() == nodes);
    CHECK(table.estimated_error > ScoreTable::kTolerance);
  }
}
