// Chen et al. 2209.11215 Theorem 2 (chen_tv, published_bound.hpp) as an experiment reports it: the score error size
// comes from the experiment's "score": {"kind": "bias", "epsilon": ε} and the dimension from its target, through
// io::parse_experiment and bound_inputs (published_bound_test.cpp checks the form on hand-set inputs; this checks the
// path from the experiment). Target N(0, v I_d), OU, EI, uniform grid, C = 1:
//   TV ≲ sqrt(KL(q‖γ^d)) e^{-T} + (L sqrt(d h) + L m_2 h) sqrt(T - δ) + ε sqrt(T - δ)   (δ-convention of the header)
// with KL(q‖γ^d) = d (v - 1 - ln v)/2, m_2 = sqrt(e^{-2δ} d v + (1 - e^{-2δ}) d) and L independent of d (isotropic):
// the first two terms are each √d times their d = 1 value, the third does not depend on d. Hence, exactly (up to
// rounding, relative 1e-12 allowed for a few operations on numbers of order 1):
//   chen_tv(d, ε) = √d chen_tv(1, 0) + ε sqrt(T - δ),
// increasing in ε (slope sqrt(T - δ)) and in d.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "sgm/io/experiment_json.hpp"
#include "support/test_support.hpp"

using namespace sgm;
using io::Json;

namespace {

constexpr double kT = 3.0, kDelta = 0.01;

double chen_tv_of_run(int d, double epsilon) {
  Json cov = Json::array();
  for (int i = 0; i < d; ++i) {
    Json row = Json::array();
    for (int j = 0; j < d; ++j) row.push_back(i == j ? 0.6 : 0.0);
    cov.push_back(row);
  }
  Json doc = {{"target", {{"kind", "gaussian"}, {"mean", Json::array()}, {"covariance", cov}}},
              {"sampler", "ei"},
              {"steps", 200},
              {"T", kT},
              {"delta", kDelta},
              {"particles", 10},
              {"seed", 1},
              {"metrics", {"mean_error"}},
              {"bounds", {"chen_tv"}}};
  for (int i = 0; i < d; ++i) doc["target"]["mean"].push_back(0.0);
  if (epsilon > 0) doc["score"] = {{"kind", "bias"}, {"epsilon", epsilon}};
  const ExperimentResult r = run_experiment(io::parse_experiment(doc));
  REQUIRE(r.bounds.size() == 1);
  REQUIRE(r.bounds[0].name == "chen_tv");
  CHECK(r.bounds[0].assumptions_hold());
  return r.bounds[0].value.value;
}

}  // namespace

TEST_CASE(
    "chen_tv from an experiment: ε sqrt(T - δ) added by a bias score error, √d growth otherwise, monotone in both") {
  const double base = chen_tv_of_run(1, 0.0);
  const double root = std::sqrt(kT - kDelta);
  double previous_d = 0.0;
  for (int d : {1, 2, 4, 8}) {
    double previous_eps = 0.0;
    for (double epsilon : {0.0, 0.05, 0.2, 0.8}) {
      const double value = chen_tv_of_run(d, epsilon);
      INFO("d = " << d << ", ε = " << epsilon << ": chen_tv " << value);
      CHECK(value == test::relative(std::sqrt(double(d)) * base + epsilon * root, 1e-12));
      if (epsilon > 0) CHECK(value > previous_eps);
      previous_eps = value;
      if (epsilon == 0.0) {
        CHECK(value > previous_d);
        previous_d = value;
      }
    }
  }
  MESSAGE("chen_tv(d = 1, ε = 0) = " << base << "; the score term adds ε × " << root);
}
