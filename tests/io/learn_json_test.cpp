// The learned score's JSON (learn_json.hpp): training documents, weights saved and loaded give identical outputs,
// malformed or mismatched weights are refused naming what is wrong, and an experiment runs with a learned score.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "sgm/base/error.hpp"
#include "sgm/io/experiment_json.hpp"
#include "sgm/io/learn_json.hpp"

using sgm::io::Json;

namespace {

const Json kTraining = Json::parse(R"({"target": {"kind": "gaussian", "mean": [1, -0.5],
                                                  "covariance": [[0.5, 0.2], [0.2, 0.3]]},
                                       "process": "ou", "T": 3, "delta": 0.01, "steps": 5, "batch": 32,
                                       "network": {"widths": [8, 8], "frequencies": 2}, "seed": 1})");

// Weights of a network trained for 5 steps on kTraining (its last layer then differs from 0).
Json trained_weights(Json doc = kTraining) {
  const sgm::io::TrainingDocument t = sgm::io::parse_training(doc);
  sgm::DsmTrainer trainer(t.target, t.process, t.options);
  trainer.advance(t.options.steps);
  return sgm::io::weights_json(trainer.network(), t);
}

Json learned_experiment(const Json& weights) {
  return {{"target", kTraining["target"]},
          {"process", "ou"},
          {"steps", 10},
          {"particles", 200},
          {"T", 3},
          {"delta", 0.01},
          {"score", {{"kind", "learned"}, {"weights", weights}}}};
}

std::string message_of(const Json& doc) {
  try {
    sgm::io::parse_experiment(doc);
  } catch (const sgm::InvalidArgument& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("learned weights: saved as text and loaded back, the network gives identical outputs") {
  const Json weights = trained_weights();
  CHECK(weights["format"] == "sgmlab-mlp");
  CHECK(weights["network"]["sizes"] == Json::parse("[7, 8, 8, 2]"));  // d + 1 + 2K inputs
  const sgm::ExperimentConfig c = sgm::io::parse_experiment(learned_experiment(Json::parse(weights.dump())));
  const sgm::io::TrainingDocument t = sgm::io::parse_training(kTraining);
  sgm::DsmTrainer trainer(t.target, t.process, t.options);
  trainer.advance(t.options.steps);
  sgm::Particles X(3, 2);
  X << 0.1, -0.2, 1.5, 0.3, -2.0, 4.0;
  for (double time : {0.01, 0.5, 3.0}) {
    sgm::Particles original, loaded;
    trainer.network().score(time, X, original);
    c.learned_score->score(time, X, loaded);
    CHECK(loaded == original);  // bit for bit
  }
}

TEST_CASE("learned weights: malformed or mismatched documents are refused naming what is wrong") {
  const Json weights = trained_weights();
  auto changed = [&](const std::string& pointer, const Json& value) {
    Json w = weights;
    w[Json::json_pointer(pointer)] = value;
    return learned_experiment(w);
  };
  CHECK(message_of(changed("/format", "other")) == "score.weights.format: must be \"sgmlab-mlp\", got \"other\"");
  CHECK(message_of(changed("/version", 2)) == "score.weights.version: must be 1 (the version this build reads), got 2");
  CHECK(message_of(changed("/dimension", 3)) ==
        "score.weights.dimension: the network was trained in dimension 3, the target has dimension 2");
  CHECK(message_of(changed("/process", "vp")) ==
        "score.weights.process: the network was trained for process \"vp\", the experiment's process is \"ou\"");
  CHECK(message_of(changed("/layers/1/weight/0", Json::array({1, 2}))) ==
        "score.weights.layers[1].weight[0]: must be 8 numbers, got [1,2]");
  CHECK(message_of(changed("/layers/2/bias", Json::array({0}))) ==
        "score.weights.layers[2].bias: must be 2 numbers (sizes[3]), got [0]");
  CHECK(message_of(changed("/layers/0/weight/1/3", 1e39)) ==
        "score.weights.layers[0].weight[1][3] = 1e+39 is out of range: must be a finite float32 number (|x| ≤ 3.4e38)");
  CHECK(message_of(changed("/layers/0/bias/0", "x")) ==
        "score.weights.layers[0].bias[0]: must be a number, got string \"x\"");
  CHECK(message_of(changed("/network/sizes/1", 9)).find("score.weights.layers[0].weight: must be 9 rows") == 0);
  Json no_layers = weights;
  no_layers.erase("layers");
  CHECK(message_of(learned_experiment(no_layers)) ==
        "score.weights.layers: is missing (a weights file written by sgm train has it)");
  Json bare = learned_experiment(weights);
  bare["score"] = "learned";
  CHECK(message_of(bare) == "score.weights: is missing: the network's weights document, as sgm train --out writes it");
  Json cld = learned_experiment(weights);
  cld["process"] = "cld";
  cld.erase("T");
  cld.erase("delta");
  CHECK(message_of(cld).find("score.weights.process") == 0);
}

TEST_CASE("training documents: defaults filled in, bad fields named") {
  const sgm::io::TrainingDocument t = sgm::io::parse_training(kTraining);
  CHECK(t.normalised["schedule"] == "cosine");
  CHECK(t.normalised["time_sampling"] == "uniform");
  CHECK(t.normalised["learning_rate"] == 2e-3);
  // Without "network" the default network (found by the page's learn tests: the default object was read after it died).
  Json no_network = kTraining;
  no_network.erase("network");
  CHECK(sgm::io::parse_training(no_network).normalised["network"] ==
        Json({{"widths", {64, 64, 64}}, {"frequencies", 4}}));
  auto message = [](Json doc) {
    try {
      sgm::io::parse_training(doc);
    } catch (const sgm::InvalidArgument& e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  Json bad = kTraining;
  bad["batch"] = 0;
  CHECK(message(bad) == "batch = 0 is out of range: must be an integer in [1, 65536]");
  bad = kTraining;
  bad["schedule"] = "step";
  CHECK(message(bad).find("schedule = \"step\" is unknown") == 0);
  bad = kTraining;
  bad["network"]["widths"] = Json::array();
  CHECK(message(bad).find("network.widths: must be an array of 1 to 16") == 0);
  bad = kTraining;
  bad["process"] = "cld";
  CHECK(message(bad).find("process: a learned score needs a process on R^d") == 0);
  bad = kTraining;
  bad["epochs"] = 3;
  CHECK(message(bad).find("training: unknown field \"epochs\"") == 0);
}

TEST_CASE("an experiment with a learned score runs, and reports its measured error and bounds") {
  Json doc = learned_experiment(trained_weights());
  doc["metrics"] = {"sliced_w2", "score_error"};
  doc["bounds"] = {"chen_tv", "benton_kl"};
  doc["bound_options"] = {{"samples", 200}};
  const sgm::ExperimentConfig c = sgm::io::parse_experiment(doc);
  const sgm::ExperimentResult r = sgm::run_experiment(c);
  CHECK(std::isfinite(r.scalars.at("sliced_w2")));
  REQUIRE(r.vectors.at("score_error").size() == 11);  // t_0 … t_10
  const double sup = r.scalars.at("score_error_sup");
  CHECK(sup > 0.0);
  // Chen et al.'s bound takes ε_score = the sup over the grid; Benton's the weighted sum of squares.
  CHECK(r.bounds[0].value.value > 0.0);
  bool benton_has_measured = false;
  for (const auto& term : r.bounds[1].terms)
    if (term.name == "score error")
      benton_has_measured = term.value.value == doctest::Approx(r.scalars.at("score_error_weighted_square"));
  CHECK(benton_has_measured);
}
