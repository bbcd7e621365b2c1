#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "sgm/base/error.hpp"
#include "sgm/io/experiment_json.hpp"

using sgm::io::Json;

namespace {
std::shared_ptr<const sgm::Target> target_of(const std::string& target_json) {
  return sgm::io::parse_experiment(Json::parse("{\"target\": " + target_json + "}")).target;
}

std::string error_of(const std::string& target_json) {
  try {
    target_of(target_json);
  } catch (const sgm::InvalidArgument& e) {
    return e.what();
  }
  return "(no error)";
}
}  // namespace

TEST_CASE("experiment JSON: every semiconvex and point-cloud target kind parses, with defaults where documented") {
  struct Expect {
    std::string json, name;
    int dim;
  };
  for (const Expect& e :
       {Expect{R"({"kind": "elastic_net", "dim": 3, "lambda1": 1, "lambda2": 2})", "elastic_net", 3},
        Expect{R"({"kind": "modified_half_normal", "dim": 2, "alpha": 2.5, "beta": 0.5, "gamma": 1})",
               "modified_half_normal", 2},
        Expect{R"({"kind": "double_well", "dim": 4})", "double_well", 4},
        Expect{R"({"kind": "double_well", "dim": 1, "stiffness": 2, "well": 0.5})", "double_well", 1},
        Expect{R"({"kind": "points", "points": [[0, 1, 2], [3, 4, 5]]})", "points", 3}, Expect{R"("ring")", "ring", 2},
        Expect{R"({"kind": "ring", "n_points": 10, "seed": 4, "radius": 1, "width": 0})", "ring", 2},
        Expect{R"({"kind": "square", "dim": 5, "half_width": 2})", "square", 5},
        Expect{R"("two_moons")", "two_moons", 2}, Expect{R"({"kind": "swiss_roll", "noise": 0})", "swiss_roll", 2}}) {
    INFO(e.json);
    const auto target = target_of(e.json);
    CHECK(target->name() == e.name);
    CHECK(target->dim() == e.dim);
  }
  // Defaults: 1000 points from seed 0; the same description gives the same data.
  const auto ring = target_of(R"("ring")");
  CHECK(ring->figures().support_radius <= 2.1);
  CHECK(ring->mean() == target_of(R"({"kind": "ring", "n_points": 1000, "seed": 0})")->mean());
  CHECK(ring->mean() != target_of(R"({"kind": "ring", "seed": 1})")->mean());
  // The names are in the catalogue (sgm list).
  const Json catalogue = sgm::io::catalogue_json();
  for (const char* kind :
       {"elastic_net", "modified_half_normal", "double_well", "points", "ring", "square", "two_moons", "swiss_roll"}) {
    bool found = false;
    for (const Json& entry : catalogue["targets"]) found = found || entry["name"] == kind;
    CHECK_MESSAGE(found, kind);
  }
}

TEST_CASE("experiment JSON: new targets reject unknown fields, missing parameters and bad values with their paths") {
  CHECK(error_of(R"({"kind": "elastic_net", "dim": 2, "lambda1": 1, "lambda2": 1, "lambda3": 0})") ==
        "target: unknown field \"lambda3\": allowed fields are \"dim\", \"kind\", \"lambda1\", \"lambda2\"");
  CHECK(error_of(R"({"kind": "elastic_net", "dim": 2, "lambda1": 1})") == "target.lambda2: is missing");
  CHECK(error_of(R"("elastic_net")") == "target.dim: is missing");
  CHECK(error_of(R"({"kind": "elastic_net", "dim": 0, "lambda1": 1, "lambda2": 1})") ==
        "target.dim = 0 is out of range: must be an integer in [1, 4096]");
  CHECK(error_of(R"({"kind": "elastic_net", "dim": 2, "lambda1": -1, "lambda2": 1})") ==
        "target.lambda1 = -1 is out of range: must be a number in [0, 10000]");
  CHECK(error_of(R"({"kind": "modified_half_normal", "dim": 2, "alpha": 0, "beta": 1, "gamma": 0})") ==
        "target.alpha = 0 is out of range: must be a number in [0.1, 100]");
  CHECK(error_of(R"({"kind": "modified_half_normal", "dim": 2, "alpha": 1, "beta": "1", "gamma": 0})") ==
        "target.beta: must be a number, got string \"1\"");
  CHECK(error_of(R"({"kind": "double_well", "dim": 2, "stiffness": -1})") ==
        "target.stiffness = -1 is out of range: must be a number in [0.001, 1000]");
  CHECK(error_of(R"({"kind": "points", "points": []})") == "target.points: must be a non-empty array of rows, got []");
  CHECK(error_of(R"({"kind": "points", "points": [[0, 1], [2]]})") ==
        "target.points[1]: has 1 entries: every row must have 2");
  CHECK(error_of(R"({"kind": "points"})") == "target.points: is missing");
  CHECK(error_of(R"({"kind": "ring", "n_points": 0})") ==
        "target.n_points = 0 is out of range: must be an integer in [1, 1000000]");
  CHECK(error_of(R"({"kind": "ring", "width": 10})") ==
        "target.width = 10 is out of range: must be a number in [0, 2 radius] (the annulus is radius ± width/2)");
  CHECK(error_of(R"({"kind": "two_moons", "noise": -1})") ==
        "target.noise = -1 is out of range: must be a number in [0, 10]");
  CHECK(error_of(R"({"kind": "square", "dim": 2.5})") ==
        "target.dim = 2.5 is out of range: must be an integer in [1, 4096]");
  CHECK(error_of(R"({"kind": "swiss_roll", "radius": 1})") ==
        "target: unknown field \"radius\": allowed fields are \"kind\", \"n_points\", \"noise\", \"seed\"");
}

TEST_CASE("experiment JSON: sgm run with the exponential integrator works end to end on every new target") {
  // Small runs (400 particles, 20 steps) through the same entry point as the CLI: finite metrics and the documented
  // figures in the result (null where not finite).
  for (const char* target :
       {R"({"kind": "elastic_net", "dim": 2, "lambda1": 1, "lambda2": 1})",
        R"({"kind": "modified_half_normal", "dim": 2, "alpha": 0.5, "beta": 1, "gamma": 1})",
        R"({"kind": "double_well", "dim": 2})", R"({"kind": "points", "points": [[0, 0], [1, 1], [-1, 2]]})",
        R"({"kind": "ring", "n_points": 200})", R"({"kind": "square", "n_points": 200})",
        R"({"kind": "two_moons", "n_points": 200})", R"({"kind": "swiss_roll", "n_points": 200})"}) {
    INFO(target);
    const Json result = Json::parse(sgm::io::run_experiment_json(
        std::string(
            R"({"sampler": "ei", "steps": 20, "particles": 400, "seed": 3, "metrics": ["sliced_w2", "mean_error"], "target": )") +
        target + "}"));
    CHECK(std::isfinite(result["metrics"]["sliced_w2"].get<double>()));
    CHECK(result["metrics"]["sliced_w2"].get<double>() < 1.0);
    CHECK(std::isfinite(result["metrics"]["mean_error"].get<double>()));
    CHECK(result["target_figures"]["m2"].is_number());
  }
  const Json elastic = Json::parse(sgm::io::run_experiment_json(
      R"({"steps": 5, "particles": 10, "target": {"kind": "elastic_net", "dim": 2, "lambda1": 1, "lambda2": 3}})"));
  CHECK(elastic["target_figures"]["semiconvexity"] == -3.0);
  CHECK(elastic["target_figures"]["convexity_at_infinity"] == 3.0);
  CHECK(elastic["target_figures"]["lipschitz"].is_null());
  const Json bimodal = Json::parse(sgm::io::run_experiment_json(
      R"({"steps": 5, "particles": 10, "target": {"kind": "modified_half_normal", "dim": 2, "alpha": 1, "beta": 1, "gamma": 2}})"));
  CHECK(bimodal["target_figures"]["semiconvexity"].is_null());  // +∞: not semiconvex (γ > 0)
  const Json cloud =
      Json::parse(sgm::io::run_experiment_json(R"({"steps": 5, "particles": 10, "target": "two_moons"})"));
  CHECK(cloud["target_figures"]["support_radius"].is_number());
  CHECK(cloud["target_figures"]["kl_to_standard_gaussian"].is_null());
}
