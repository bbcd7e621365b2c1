// The measured score error (measured_score_error.hpp): for the exact score plus a known error (score_error.hpp) it
// returns that error's size, and its aggregates are the sup and the step-weighted sum of squares.
#include <doctest/doctest.h>

#include <cmath>
#include <memory>

#include "sgm/base/error.hpp"
#include "sgm/process/ornstein_uhlenbeck.hpp"
#include "sgm/score/measured_score_error.hpp"
#include "sgm/score/score_error.hpp"
#include "support/gaussian_fixture.hpp"

namespace {
using namespace sgm;
const std::vector<double> kProfileTimes = {2.0, 1.0, 0.5, 0.1, 0.01};
}  // namespace

TEST_CASE("measured ε of the exact score plus a bias or field error is that error's ε, exactly") {
  const auto q = test::correlated_gaussian();
  const auto ou = std::make_shared<OrnsteinUhlenbeck>();
  const auto exact = std::make_shared<ExactScore>(q, ou);
  for (ScoreErrorKind kind : {ScoreErrorKind::Bias, ScoreErrorKind::Field}) {
    const ScoreWithError model(exact, kind, 0.3, 1.0, 0);
    const ScoreErrorProfile p = measure_score_error(model, *q, *ou, kProfileTimes, {500, 0.95, 2});
    INFO(score_error_kind_name(kind));
    // |e| = ε at every point: every draw is ε² up to rounding.
    for (std::size_t k = 0; k < kProfileTimes.size(); ++k) CHECK(p.epsilon[k] == doctest::Approx(0.3).epsilon(1e-10));
    CHECK(p.sup == doctest::Approx(0.3).epsilon(1e-10));
    CHECK(p.weighted_square == doctest::Approx(0.09 * (2.0 - 0.01)).epsilon(1e-10));  // ε² (T - δ)
  }
}

TEST_CASE("measured ε of the exact score plus a noise error is ε within its CLT interval") {
  const auto q = test::correlated_gaussian();
  const auto ou = std::make_shared<OrnsteinUhlenbeck>();
  const ScoreWithError model(std::make_shared<ExactScore>(q, ou), ScoreErrorKind::Noise, 0.5, 1.0, 7);
  const ScoreErrorProfile p = measure_score_error(model, *q, *ou, kProfileTimes, {4000, 0.999, 2});
  // |e|² = ε² χ²_2/2: mean ε² = 0.25, standard error ε² /√n = 0.004; the 99.9 % interval contains 0.25.
  for (const Estimate& e : p.mean_square) {
    CHECK(e.lower <= 0.25);
    CHECK(e.upper >= 0.25);
    CHECK(e.std_error == doctest::Approx(0.25 / std::sqrt(4000.0)).epsilon(0.1));
  }
}

TEST_CASE("measured ε: a grid that does not decrease is named") {
  const auto q = test::correlated_gaussian();
  const auto ou = std::make_shared<OrnsteinUhlenbeck>();
  const ExactScore exact(q, ou);
  CHECK_THROWS_WITH_AS(measure_score_error(exact, *q, *ou, {1.0, 1.0}, {100, 0.95, 0}),
                       "times[1] = 1 is out of range: must be a time below times[0] = 1 (a decreasing grid)",
                       InvalidArgument);
}
