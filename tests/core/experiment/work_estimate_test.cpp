// The work budget of a learned score and of training (work_estimate.hpp): the network's own cost enters the run's
// estimate, and training is estimated from its steps, batch and network. The expected values are lower bounds derived
// from the network's shape alone (its matrix products and workspace), not from the estimate's formulas.
#include <doctest/doctest.h>

#include <memory>

#include "sgm/base/error.hpp"
#include "sgm/experiment/experiment.hpp"
#include "sgm/experiment/work_estimate.hpp"
#include "sgm/io/experiment_json.hpp"
#include "sgm/learn/dsm_trainer.hpp"
#include "sgm/learn/score_network.hpp"
#include "sgm/process/ornstein_uhlenbeck.hpp"
#include "support/gaussian_fixture.hpp"

using namespace sgm;

TEST_CASE("Mlp::parameter_count is the number of parameters an Mlp of those sizes holds") {
  for (const std::vector<int>& sizes : {std::vector<int>{3, 1}, {11, 64, 64, 64, 2}, {2, 5, 7, 3}})
    CHECK(Mlp::parameter_count(sizes) == static_cast<double>(Mlp(sizes).parameters().size()));
}

TEST_CASE("work estimate: a learned score's network is what the run costs, and a wide one is refused") {
  ExperimentConfig config = io::parse_experiment(io::Json::parse(
      R"({"target": {"kind": "gaussian", "mean": [0], "covariance": [[1]]}, "particles": 10000, "steps": 100})"));
  CHECK(within(estimate_work(config), {}));
  // sizes {2, 2048, 2048, 1}: input (x, ln σ / 4) with no Fourier feature, two hidden layers, one output.
  const std::vector<int> sizes{ScoreNetwork::input_size(1, 0), 2048, 2048, 1};
  config.learned_score = std::make_shared<ScoreNetwork>(std::make_shared<OrnsteinUhlenbeck>(), Mlp(sizes),
                                                        ScorePreconditioning{Vector::Zero(1), Vector::Ones(1)}, 0);
  const WorkEstimate e = estimate_work(config);
  // At least the 2048 × 2048 product (a multiply and an add per entry) per particle and step, in budget operations.
  CHECK(e.parts.front().work >= 10000.0 * 100.0 * 2.0 * 2048.0 * 2048.0 * Mlp::kBudgetOperationsPerFlop);
  // At least the pre-activations and activations of one chunk of 2048 points through both hidden layers, in floats.
  CHECK(e.bytes >= 2048.0 * 2.0 * (2048.0 + 2048.0) * sizeof(float));
  config.limits = {};
  CHECK_THROWS_WITH_AS(Experiment{config},
                       doctest::Contains("most of it is the run: particles 10000 × steps 100 × dimension 1"),
                       InvalidArgument);
}

TEST_CASE("work estimate: training scales with its steps and batch, and holds Adam's state of every parameter") {
  const auto target = test::correlated_gaussian();
  TrainingOptions o;
  o.widths = {64, 64};
  o.frequencies = 2;
  o.steps = 100;
  o.batch = 128;
  const WorkEstimate e = estimate_work(*target, o);
  REQUIRE(e.parts.front().name == "the training steps");
  const double parameters =
      Mlp::parameter_count({ScoreNetwork::input_size(target->dim(), o.frequencies), 64, 64, target->dim()});
  // Parameters, gradient and Adam's two moments, in floats; a forward and a backward pass over every example.
  CHECK(e.parts.front().bytes >= 4.0 * parameters * sizeof(float));
  CHECK(e.parts.front().work >= 100.0 * 128.0 * 3.0 * 2.0 * (64.0 * 64.0) * Mlp::kBudgetOperationsPerFlop);
  TrainingOptions twice = o;
  twice.steps = 200;
  CHECK(estimate_work(*target, twice).parts.front().work == doctest::Approx(2.0 * e.parts.front().work));
  // Linear in the batch (the optimiser's share does not grow with it): equal increments for equal batch steps.
  auto work_at = [&](std::size_t batch) {
    TrainingOptions b = o;
    b.batch = batch;
    return estimate_work(*target, b).parts.front().work;
  };
  CHECK(work_at(384) - work_at(256) == doctest::Approx(work_at(256) - work_at(128)));
  CHECK(work_at(256) < 2.0 * work_at(128));
}

TEST_CASE(
    "work estimate: a float32 run of a tabulated product target is charged its score table, not a quadrature "
    "per particle") {
  // The double well has no closed-form float32 kernel: each step's score is a table (score_table.hpp: 2049 nodes,
  // doubled up to 65537 while its error estimate asks, each size evaluated whole) interpolated per particle, where
  // float64 pays a quadrature per particle and coordinate. Bounds from what each run must do, not from the estimate's
  // formulas.
  io::Json doc = io::Json::parse(R"({"target": {"kind": "double_well", "dim": 2}, "sampler": "ei", "particles": 1000000,
                                     "steps": 100, "metrics": []})");
  const ExperimentConfig config64 = io::parse_experiment(doc);
  const WorkEstimate float64 = estimate_work(config64);
  doc["precision"] = "float32";
  const WorkEstimate float32 = estimate_work(io::parse_experiment(doc));
  // One law score costs the target's cost per point over its dimension.
  const double law_score = config64.target->score_cost().operations / 2.0;
  // float64: at least a law score per particle, coordinate and step.
  CHECK(float64.parts.front().work >= 1e6 * 2.0 * 100.0 * law_score);
  // float32: at least the 2049-node table per step and an operation per particle, coordinate and step; at most what
  // the largest table allows (twice 65537 law scores per step, doublings included) plus 100 operations per particle,
  // coordinate and step — far less than the float64 run's quadratures.
  CHECK(float32.parts.front().work >= 100.0 * 2049.0 * law_score + 1e6 * 2.0 * 100.0);
  CHECK(float32.parts.front().work <= 100.0 * (2.0 * 65537.0 * law_score + 1e6 * 2.0 * 100.0));
  // A closed-form kernel's target (a Gaussian) is charged its double-path score, which is already per particle.
  io::Json gaussian =
      io::Json::parse(R"({"target": {"kind": "gaussian", "mean": [0, 0], "covariance": [[1, 0], [0, 1]]},
                                          "particles": 1000, "steps": 10, "metrics": []})");
  const double gaussian64 = estimate_work(io::parse_experiment(gaussian)).work;
  gaussian["precision"] = "float32";
  CHECK(estimate_work(io::parse_experiment(gaussian)).work == gaussian64);
}
