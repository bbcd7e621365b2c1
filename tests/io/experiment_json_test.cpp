#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "sgm/base/error.hpp"
#include "sgm/io/experiment_json.hpp"
#include "sgm/target/gaussian.hpp"
#include "support/test_support.hpp"

using sgm::io::Json;
using sgm::test::relative;

namespace {

const Json kGaussianTarget =
    Json::parse(R"({"kind": "gaussian", "mean": [1, -0.5], "covariance": [[0.5, 0.2], [0.2, 0.3]]})");
const Json kGmm = Json::parse(R"({"kind": "gmm", "weights": [0.5, 0.5], "means": [[0, 0], [1, 1]],
                                  "covariances": [[[1, 0], [0, 1]], [[0.5, 0], [0, 0.5]]]})");

Json experiment_of(Json target = kGaussianTarget) {
  return Json{{"target", target}, {"steps", 10}, {"particles", 100}};
}

// The document with one field replaced (a JSON pointer such as "/target/covariance").
Json with(const std::string& pointer, const Json& value, Json doc = experiment_of()) {
  doc[Json::json_pointer(pointer)] = value;
  return doc;
}

struct BadField {
  Json doc;
  std::vector<std::string> message_parts;  // the field path and the allowed range or names, as the message says them
};

}  // namespace

TEST_CASE("parse_experiment: bad fields throw InvalidArgument naming the field path and what is allowed") {
  const std::vector<BadField> cases = {
      {with("/steps", -3), {"steps = -3 is out of range", "an integer in [1, 1000000]"}},
      {with("/steps", 0), {"steps = 0 is out of range", "[1, 1000000]"}},
      {with("/steps", 2.5), {"steps = 2.5 is out of range", "an integer in [1, 1000000]"}},
      {with("/steps", 2000000), {"steps = 2000000 is out of range"}},
      {with("/delta", 6), {"delta = 6 is out of range", "a number in (0, T) with T = 5"}},
      {with("/delta", 0), {"delta = 0 is out of range", "(0, T)"}},
      {with("/delta", 2, with("/T", 1.5)), {"delta = 2 is out of range", "with T = 1.5"}},
      {with("/T", -1), {"T = -1 is out of range", "a finite number in (0, 10000]"}},
      {with("/T", 1e5), {"T = 100000 is out of range", "(0, 10000]"}},
      // JSON has no NaN: a string or null where a number belongs.
      {with("/T", "abc"), {"T: must be a number, got string \"abc\""}},
      {with("/T", nullptr), {"T: must be a number, got null"}},
      {with("/delta", "NaN"), {"delta: must be a number, got string \"NaN\""}},
      {with("/particles", 0), {"particles = 0 is out of range", "an integer in [1, 10000000]"}},
      {with("/seed", -1), {"seed = -1 is out of range", "an integer in [0, 9007199254740991]"}},
      {with("/projections", 5000), {"projections = 5000 is out of range", "an integer in [1, 4096]"}},
      {with("/sampler", "rk4"),
       {"sampler = \"rk4\" is unknown",
        "must be one of \"ald\", \"ddim\", \"ddpm\", \"dpmpp_2m\", \"dpmpp_2m_sde\", \"ei\", \"em\""}},
      {with("/sampler", Json{{"name", "em"}}), {"sampler: must be a name or an object with a string field \"kind\""}},
      {with("/process", "vpsde"), {"process = \"vpsde\" is unknown", "must be one of \"cld\", \"ou\", \"subvp\""}},
      {with("/grid", "cosine"),
       {"grid = \"cosine\" is unknown", "must be one of \"exponential\", \"karras\", \"log\""}},
      {with("/precision", "float16"),
       {"precision: must be \"float64\" (the reference), \"float32\"", "\"auto\"", "\"float16\""}},
      {with("/threads", -1), {"threads = -1 is out of range", "an integer in [0, 1024]"}},
      {with("/stepz", 10), {"experiment: unknown field \"stepz\"", "allowed fields are", "\"steps\""}},
      {with("/metrics", "sliced_w2"), {"metrics: must be an array of metric names"}},
      {with("/metrics", Json::array({1})), {"metrics[0]: must be a metric name, got 1"}},
      {Json{{"steps", 10}}, {"target: is missing"}},
      {Json::array({1, 2}), {"experiment: must be a JSON object, got array"}},
      // Target fields: paths below "target".
      {with("/target/covariance", Json::parse("[[1, 2], [2, 1]]")),
       {"target.covariance: must be positive definite (smallest eigenvalue -1"}},
      {with("/target/covariance", Json::parse("[[1, 0.5], [0, 1]]")), {"target.covariance: must be symmetric"}},
      {with("/target/covariance", Json::parse("[[1, 0], [0, 1, 0]]")),
       {"target.covariance[1]: has 3 entries: every row must have 2"}},
      {with("/target/covariance", Json::parse("[[1, 0, 0], [0, 1, 0], [0, 0, 1]]")),
       {"target.covariance: is 3×3: must be 2×2"}},
      {with("/target/mean", Json::parse("[1, \"x\"]")), {"target.mean[1]: must be a number, got string \"x\""}},
      {with("/target/mean", Json::array()), {"target.mean: must be a non-empty array of numbers"}},
      {with("/target/weights", Json::array({1})), {"target: unknown field \"weights\"", "allowed fields are"}},
      {with("/target/kind", "laplace"),
       {"target.kind = \"laplace\" is unknown",
        "must be one of \"double_well\", \"elastic_net\", \"gaussian\", \"gmm\""}},
      {with("/target", Json{{"kind", "gaussian"}, {"mean", Json::array({0})}}), {"target.covariance: is missing"}},
      {with("/target/weights", Json::array({1.5, -0.5}), experiment_of(kGmm)),
       {"target.weights[1] = -0.5 is out of range", "a positive finite number"}},
      {with("/target/weights", Json::array({0.5, 0.6}), experiment_of(kGmm)),
       {"target.weights = 1.1 is out of range", "weights summing to 1"}},
      {with("/target/means", Json::parse("[[0, 0], [1, 1, 1]]"), experiment_of(kGmm)),
       {"target.means[1]: has dimension 3: must have dimension 2"}},
      {with("/target/covariances/1", Json::parse("[[1, 2], [2, 1]]"), experiment_of(kGmm)),
       {"target.covariances[1]: must be positive definite"}},
      {with("/target/means", 3, experiment_of(kGmm)), {"target.means: must be an array of vectors"}},
  };
  for (const BadField& c : cases) {
    INFO("document: " << c.doc.dump());
    std::string message;
    try {
      sgm::io::parse_experiment(c.doc);
    } catch (const sgm::InvalidArgument& e) {
      message = e.what();
    }
    INFO("message: " << message);
    REQUIRE(!message.empty());
    for (const std::string& part : c.message_parts) CHECK(message.find(part) != std::string::npos);
  }
}

TEST_CASE("run_experiment_json: malformed text, numbers beyond double range and unknown metrics are refused") {
  using doctest::Contains;
  CHECK_THROWS_WITH_AS(sgm::io::run_experiment_json("{\"steps\": 10,"), Contains("experiment: malformed JSON"),
                       sgm::InvalidArgument);
  // 1e999 is valid JSON syntax but no double: refused by the parser as malformed.
  std::string beyond = experiment_of().dump();
  beyond.insert(beyond.size() - 1, ", \"T\": 1e999");
  CHECK_THROWS_WITH_AS(sgm::io::run_experiment_json(beyond), Contains("experiment: malformed JSON"),
                       sgm::InvalidArgument);
  CHECK_THROWS_WITH_AS(sgm::io::run_experiment_json(with("/metrics", Json::array({"kl"})).dump()),
                       Contains("metrics = \"kl\" is unknown: must be one of"), sgm::InvalidArgument);
  // "precision": "float32" where no kernel serves the pair: the process or target is named.
  CHECK_THROWS_WITH_AS(sgm::io::run_experiment_json(with("/process", "cld", with("/precision", "float32")).dump()),
                       Contains("precision: \"float32\" has no kernel for process = \"cld\""), sgm::InvalidArgument);
  CHECK_THROWS_WITH_AS(
      sgm::io::run_experiment_json(with("/sampler", "dpmpp_2m", with("/precision", "float32")).dump()),
      Contains("precision: \"float32\" has no kernel for target \"gaussian\" with sampler \"dpmpp_2m\""),
      sgm::InvalidArgument);
}

TEST_CASE("run_experiment_json: \"precision\": \"auto\" is float32 where the run has a kernel, float64 elsewhere") {
  // The metrics of the run (the config echoed beside them names the precision asked for).
  const auto result = [](const Json& doc) { return Json::parse(sgm::io::run_experiment_json(doc.dump()))["metrics"]; };
  // The Gaussian with em has a kernel; with dpmpp_2m, under cld or with a score error it has none.
  CHECK(result(with("/precision", "auto")) == result(with("/precision", "float32")));
  CHECK(result(with("/precision", "auto")) != result(experiment_of()));
  for (const Json& doc : {with("/sampler", "dpmpp_2m"), with("/process", "cld"),
                          with("/score", Json{{"kind", "bias"}, {"epsilon", 0.1}})}) {
    CAPTURE(doc.dump());
    CHECK(result(with("/precision", "auto", doc)) == result(doc));
  }
}

TEST_CASE("parse_experiment: defaults are filled in and the result JSON carries the target figures") {
  Json normalised;
  const sgm::ExperimentConfig c = sgm::io::parse_experiment(experiment_of(), &normalised);
  CHECK(normalised["process"] == "ou");
  CHECK(normalised["sampler"] == "ei");
  CHECK(normalised["grid"] == "uniform");
  CHECK(normalised["T"] == 5.0);
  CHECK(normalised["delta"] == 1e-3);
  CHECK(normalised["seed"] == 0);
  CHECK(normalised["projections"] == 64);
  CHECK(normalised["steps"] == 10);
  CHECK(c.target->dim() == 2);

  const Json result = Json::parse(sgm::io::run_experiment_json(with("/sampler", Json{{"kind", "em"}}).dump()));
  CHECK(result["config"]["sampler"] == "em");
  CHECK(result["steps"] == 10);
  CHECK(result["final_time"] == 1e-3);
  CHECK(result["dimension"] == 2);
  // m2 = tr Σ + |m|² = 0.8 + 1.25; support radius +∞ is written as null.
  CHECK(result["target_figures"]["m2"].get<double>() == relative(2.05, 1e-14));
  CHECK(result["target_figures"]["support_radius"].is_null());
  for (const char* metric : {"sliced_w2", "w2_marginals", "mean_error", "cov_error"})
    CHECK(result["metrics"].contains(metric));
}
