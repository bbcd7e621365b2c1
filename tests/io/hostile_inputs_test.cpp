// The regression set of hostile inputs (issue 7): every document in tests/hostile/cases.json, run through the same
// entry point as the CLI and WebAssembly, must fail with its own message fragment, quickly, and with a short message.
// tests/node/hostile-inputs.test.mjs replays some of them through the WebAssembly module.
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>

#include "sgm/base/cancellation.hpp"
#include "sgm/base/error.hpp"
#include "sgm/experiment/work_estimate.hpp"
#include "sgm/io/experiment_json.hpp"
#include "sgm/io/learn_json.hpp"
#include "sgm/io/work_estimate_json.hpp"

using sgm::io::Json;

namespace {

Json hostile_cases() {
  std::ifstream in(std::string(SGM_SOURCE_DIR) + "/tests/hostile/cases.json");
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  return Json::parse(text.str());
}

// The case's document: its text with each token of "expand" replaced by its piece repeated count times.
std::string document(const Json& c) {
  std::string text = c["text"].get<std::string>();
  if (!c.contains("expand")) return text;
  for (const auto& [token, repeat] : c["expand"].items()) {
    const std::string piece = repeat[0].get<std::string>();
    std::string expanded;
    for (std::size_t i = 0; i < repeat[1].get<std::size_t>(); ++i) expanded += piece;
    text.replace(text.find(token), token.size(), expanded);
  }
  return text;
}

std::string failure_of(const std::string& command, const std::string& text) {
  try {
    if (command == "sweep")
      sgm::io::run_sweep_json(text);
    else if (command == "train")
      sgm::io::parse_training_within(sgm::io::parse_json_text(text), {});
    else
      sgm::io::run_experiment_json(text);
  } catch (const sgm::InvalidArgument& e) {
    return e.what();
  }
  return "(no error)";
}

// A guard against hangs, not a speed test: about 100 times the native time of the slowest case (reading 10 MB);
// the sanitizer build (-O0, every access checked) is given ten times more.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr double kHangGuard = 20.0;
#else
constexpr double kHangGuard = 2.0;
#endif
#else
constexpr double kHangGuard = 2.0;
#endif

}  // namespace

TEST_CASE("hostile inputs: each fails fast with its own message, quoting at most ~80 characters of any value") {
  const Json cases = hostile_cases();
  CHECK(cases.size() >= 25);
  for (const Json& c : cases) {
    const std::string text = document(c), expect = c["expect"].get<std::string>();
    const auto start = std::chrono::steady_clock::now();
    const std::string message = failure_of(c["command"].get<std::string>(), text);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    INFO(c["name"].get<std::string>(), "\n  message: ", message);
    CHECK(message.find(expect) != std::string::npos);
    CHECK(message.size() <= 600);  // a 10 MB name or value is never echoed whole
    CHECK(seconds < kHangGuard);   // before any allocation of the particles, or at the first bad step
  }
}

TEST_CASE("work estimate: the work scales as claimed with particles, steps, projections and bound samples") {
  const std::string base = R"({"target": {"kind": "gaussian", "mean": [0, 0], "covariance": [[1, 0], [0, 1]]},
                              "particles": 1000, "steps": 50, "bounds": ["path_kl"],
                              "bound_options": {"samples": 100}})";
  auto part = [](const Json& doc, const std::string& name) {
    const Json e = sgm::io::estimate_document(doc, {});
    for (const Json& p : e["parts"])
      if (p["name"] == name) return p;
    FAIL("no part " << name);
    return Json();
  };
  const Json doc = Json::parse(base);
  auto with = [&](const char* pointer, const Json& value) {
    Json copy = doc;
    copy[Json::json_pointer(pointer)] = value;
    return copy;
  };
  // The run: proportional to particles and to steps; its bytes to particles only.
  const Json run = part(doc, "the run");
  CHECK(part(with("/particles", 2000), "the run")["work"].get<double>() ==
        doctest::Approx(2 * run["work"].get<double>()));
  CHECK(part(with("/particles", 2000), "the run")["bytes"].get<double>() ==
        doctest::Approx(2 * run["bytes"].get<double>()));
  CHECK(part(with("/steps", 100), "the run")["work"].get<double>() == doctest::Approx(2 * run["work"].get<double>()));
  CHECK(part(with("/steps", 100), "the run")["bytes"].get<double>() == doctest::Approx(run["bytes"].get<double>()));
  // The path-KL Monte Carlo: proportional to samples, steps and nodes.
  const std::string kl = "the path-KL bound's Monte Carlo";
  const double path_kl = part(doc, kl)["work"].get<double>();
  CHECK(part(with("/bound_options/samples", 200), kl)["work"].get<double>() == doctest::Approx(2 * path_kl));
  CHECK(part(with("/steps", 100), kl)["work"].get<double>() == doctest::Approx(2 * path_kl));
  CHECK(part(with("/bound_options/nodes", 6), kl)["work"].get<double>() == doctest::Approx(2 * path_kl));
  // Sliced W2: proportional to the projections.
  const std::string sliced = "the metric \"sliced_w2\"";
  CHECK(part(with("/projections", 128), sliced)["work"].get<double>() ==
        doctest::Approx(2 * part(doc, sliced)["work"].get<double>()));
  // A sweep adds its runs: twice the replicates, twice the work; the same peak memory.
  Json sweep = doc;
  sweep["sweep"] = {{"values", {10, 20}}, {"replicates", 2}};
  Json twice = sweep;
  twice["sweep"]["replicates"] = 4;
  const Json s2 = sgm::io::estimate_document(sweep, {}), s4 = sgm::io::estimate_document(twice, {});
  CHECK(s2["job"] == "sweep");
  CHECK(s4["work"].get<double>() == doctest::Approx(2 * s2["work"].get<double>()));
  CHECK(s4["bytes"].get<double>() == doctest::Approx(s2["bytes"].get<double>()));
}

TEST_CASE("work estimate: a raised limit lets a document run that the default refuses") {
  const Json doc = Json::parse(R"({"target": {"kind": "gaussian", "mean": [0], "covariance": [[1]]},
                                  "particles": 200, "steps": 10, "metrics": ["mean_error"]})");
  sgm::WorkLimits tight;
  tight.max_work = 1e3;
  CHECK_FALSE(sgm::io::estimate_document(doc, tight)["within"].get<bool>());
  CHECK(sgm::io::estimate_document(doc, {})["within"].get<bool>());
  sgm::ExperimentConfig config = sgm::io::parse_experiment(doc);
  config.limits = tight;
  CHECK_THROWS_WITH_AS(sgm::Experiment{config}, doctest::Contains("raise the limit (sgm --max-work)"),
                       sgm::InvalidArgument);
}

TEST_CASE("cancellation: a requested cancellation stops a run at its next step and says where") {
  const Json doc = Json::parse(R"({"target": {"kind": "gaussian", "mean": [0], "covariance": [[1]]},
                                  "particles": 10, "steps": 20})");
  sgm::Experiment experiment(sgm::io::parse_experiment(doc));
  for (int k = 0; k < 5; ++k) experiment.sampler().step();
  sgm::request_cancellation();
  CHECK_THROWS_WITH_AS(experiment.sampler().step(), doctest::Contains("cancelled at step 5 of 20 (forward time t ="),
                       sgm::Cancelled);
  sgm::clear_cancellation();
  experiment.sampler().step();
  CHECK(experiment.sampler().steps_done() == 6);
}
