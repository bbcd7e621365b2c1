// Bounds in the experiment result (experiment_bounds.hpp, io/src/experiment_json.cpp): parsed by name or "all",
// options validated with the field's path, reported in the requested order with intervals, terms, assumptions and
// UNVERIFIED labels; absent unless asked for (so existing results are unchanged).
#include <doctest/doctest.h>

#include <string>

#include "sgm/base/error.hpp"
#include "sgm/io/experiment_json.hpp"

using namespace sgm;
using io::Json;

namespace {

const char* kBase = R"({"target": {"kind": "gaussian", "mean": [1, -0.5], "covariance": [[0.5, 0.2], [0.2, 0.3]]},
  "steps": 20, "T": 3, "delta": 0.01, "particles": 200, "seed": 3, "metrics": ["mean_error"]})";

Json experiment_with(const Json& extra) {
  Json doc = Json::parse(kBase);
  for (const auto& item : extra.items()) doc[item.key()] = item.value();
  return doc;
}

Json run(const Json& doc) { return Json::parse(io::run_experiment_json(doc.dump())); }

}  // namespace

TEST_CASE("experiment bounds: requested names in order, with intervals, terms, assumptions and labels") {
  const Json doc = experiment_with({{"bounds", {"chen_tv", "certified_tv", "bruno_sabanis_w2"}},
                                    {"bound_options", {{"samples", 300}, {"hidden_constant", 2}}}});
  const ExperimentConfig config = io::parse_experiment(doc);
  const ExperimentResult result = run_experiment(config);
  REQUIRE(result.bounds.size() == 3);
  CHECK(result.bounds[0].name == "chen_tv");
  CHECK(result.bounds[1].name == "certified_tv");
  CHECK(result.bounds[2].name == "bruno_sabanis_w2");
  CHECK(result.bounds[0].hidden_constant == 2.0);

  const Json r = run(doc);
  const Json& tv = r["bounds"]["certified_tv"];
  CHECK(tv["upper"].get<double>() >= tv["value"].get<double>());
  CHECK(tv["samples"].get<int>() == 300);
  CHECK(tv["explicit_constants"].get<bool>());
  CHECK(!tv.contains("label"));
  const Json& bs = r["bounds"]["bruno_sabanis_w2"];
  CHECK(bs["label"] == "UNVERIFIED");
  CHECK(bs["terms"].size() == 4);
  CHECK(bs["terms"][2]["label"] == "UNVERIFIED");  // C √d γ
  const Json& chen = r["bounds"]["chen_tv"];
  CHECK(chen["terms"].size() == 3);
  CHECK(chen["hidden_constant"].get<double>() == 2.0);
  CHECK(!chen["explicit_constants"].get<bool>());
  CHECK(chen["assumptions"][0]["status"] == "holds");
  CHECK(r["config"]["bound_options"]["samples"] == 300);
  CHECK(run(doc) == r);  // Monte Carlo keyed by the seed: repeatable
}

TEST_CASE("experiment bounds: \"all\" gives every bound; none unless asked (results unchanged)") {
  const Json all = run(experiment_with({{"bounds", "all"}, {"bound_options", {{"samples", 100}, {"nodes", 1}}}}));
  CHECK(all["bounds"].size() == bound_catalogue().size());
  for (const char* name : {"chen_cld_tv", "lee_lu_tan_tv", "bruno_sabanis_w2"})
    CHECK(all["bounds"][name]["label"] == "UNVERIFIED");
  const Json none = run(experiment_with(Json::object()));
  CHECK(!none.contains("bounds"));
  CHECK(!none["config"].contains("bounds"));
  CHECK(io::catalogue_json()["bounds"].size() == bound_catalogue().size());
}

TEST_CASE("experiment bounds: bad names and options are rejected with the field's path") {
  CHECK_THROWS_WITH_AS(io::parse_experiment(experiment_with({{"bounds", {"chen"}}})),
                       doctest::Contains("bounds = \"chen\" is unknown: must be one of \"path_kl\""), InvalidArgument);
  CHECK_THROWS_WITH_AS(io::parse_experiment(experiment_with({{"bounds", "some"}})),
                       "bounds: must be \"all\" or an array of bound names, got \"some\"", InvalidArgument);
  CHECK_THROWS_WITH_AS(io::parse_experiment(experiment_with({{"bound_options", {{"confidence", 1.5}}}})),
                       "bound_options.confidence = 1.5 is out of range: must be a number in (0, 1)", InvalidArgument);
  CHECK_THROWS_WITH_AS(io::parse_experiment(experiment_with({{"bound_options", {{"samples", 1}}}})),
                       "bound_options.samples = 1 is out of range: must be an integer in [2, 10000000]",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(io::parse_experiment(experiment_with({{"bound_options", {{"nodes", 65}}}})),
                       "bound_options.nodes = 65 is out of range: must be an integer in [1, 64]", InvalidArgument);
  CHECK_THROWS_WITH_AS(io::parse_experiment(experiment_with({{"bound_options", {{"hidden_constant", 0}}}})),
                       "bound_options.hidden_constant = 0 is out of range: must be a finite number > 0",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(io::parse_experiment(experiment_with({{"bound_options", {{"sample", 10}}}})),
                       doctest::Contains("bound_options: unknown field \"sample\""), InvalidArgument);
}
