// A run split into blocks of particles (experiment field "block", particle_block.hpp): the blocks, concatenated, are
// the unsplit run bit for bit — prior draws and step noise are keyed by the particle's index in the whole run — for
// the double path, the float32 kernels (a tabulated score among them), CLD and a noisy score error, with 1-D and 2-D
// targets and uneven splits; the result evaluated on the gathered particles is the unsplit run's. Samplers that couple
// the batch are refused.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "sgm/base/error.hpp"
#include "sgm/experiment/experiment.hpp"
#include "sgm/experiment/sweep.hpp"
#include "sgm/io/experiment_json.hpp"

using namespace sgm;

namespace {

constexpr const char* kGaussian1d = R"("target": {"kind": "gaussian", "mean": [0.5], "covariance": [[0.7]]})";
constexpr const char* kGaussian2d =
    R"("target": {"kind": "gaussian", "mean": [1, -0.5], "covariance": [[0.5, 0.2], [0.2, 0.3]]})";
constexpr const char* kRing = R"("target": {"kind": "gmm", "weights": [0.5, 0.5], "means": [[2, 0], [-2, 0]],
                                   "covariances": [[[0.09, 0], [0, 0.09]], [[0.09, 0], [0, 0.09]]]})";

// An experiment of 1000 particles, 20 steps; `extra` holds the target and any other fields.
io::Json document(const std::string& extra) {
  return io::parse_json_text(
      R"({"particles": 1000, "steps": 20, "seed": 11, "metrics": ["sliced_w2", "mean_error"], )" + extra + "}");
}

Particles run_particles(const io::Json& doc) {
  Experiment e(io::parse_experiment(doc));
  e.sampler().run();
  return e.sampler().particles();
}

// The blocks [cuts[k], cuts[k + 1]) of the run, each run on its own, stacked.
Particles gathered(const io::Json& doc, const std::vector<std::size_t>& cuts) {
  Particles X(static_cast<Eigen::Index>(cuts.back()), 0);
  for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
    io::Json block = doc;
    block["block"] = {{"first", cuts[k]}, {"count", cuts[k + 1] - cuts[k]}};
    const Particles part = run_particles(block);
    if (X.cols() == 0) X.resize(X.rows(), part.cols());
    X.middleRows(static_cast<Eigen::Index>(cuts[k]), part.rows()) = part;
  }
  return X;
}

}  // namespace

TEST_CASE("particle blocks: the concatenated blocks of a run are the unsplit run, bit for bit") {
  const std::vector<std::string> cases = {
      std::string(kGaussian1d) + R"(, "sampler": "em")",
      std::string(kGaussian1d) + R"(, "sampler": "ddpm", "precision": "float32")",
      std::string(kGaussian2d) + R"(, "sampler": "pf_heun")",
      std::string(kGaussian2d) + R"(, "sampler": "dpmpp_2m_sde")",
      std::string(kGaussian2d) + R"(, "sampler": "em", "score": {"kind": "noise", "epsilon": 0.3})",
      std::string(kRing) + R"(, "sampler": "ei", "precision": "float32")",
      std::string(kRing) + R"(, "sampler": {"kind": "ald", "steps_per_level": 3}, "precision": "float32")",
      std::string(kGaussian2d) + R"(, "process": "cld", "sampler": "sscs")",
      R"("target": {"kind": "double_well", "dim": 2}, "sampler": "ei", "precision": "float32")",
      // Its score table's node cap follows the whole run's particles × dimension (5000: 4097 nodes near δ), not the
      // block's (a 1-particle block alone would stop at 2049).
      R"("target": {"kind": "modified_half_normal", "dim": 5, "alpha": 3, "beta": 1, "gamma": 1}, "sampler": "ei",
          "precision": "float32")",
  };
  const std::vector<std::vector<std::size_t>> splits = {
      {0, 1000}, {0, 500, 1000}, {0, 1, 333, 999, 1000}, {0, 64, 130, 1000}};
  for (const std::string& c : cases) {
    CAPTURE(c);
    const io::Json doc = document(c);
    const Particles whole = run_particles(doc);
    for (const auto& cuts : splits) {
      CAPTURE(cuts.size());
      const Particles split = gathered(doc, cuts);
      REQUIRE(split.rows() == whole.rows());
      CHECK((split.array() == whole.array()).all());
    }
  }
}

TEST_CASE("particle blocks: the result on the gathered particles is the unsplit run's") {
  const io::Json doc = document(std::string(kGaussian2d) + R"(, "sampler": "ei")");
  Experiment whole(io::parse_experiment(doc));
  whole.sampler().run();
  const ExperimentResult expected = whole.evaluate();
  io::Json last = doc;
  last["block"] = {{"first", 700}, {"count", 300}};
  Experiment block(io::parse_experiment(last));
  block.sampler().run();
  CHECK(block.sampler().particles().rows() == 300);
  const ExperimentResult r = block.evaluate(gathered(doc, {0, 700, 1000}));
  CHECK(r.scalars == expected.scalars);
  CHECK(r.score_evaluations == expected.score_evaluations);
  CHECK_THROWS_WITH_AS(block.evaluate(block.sampler().particles()), doctest::Contains("300 × 2"), InvalidArgument);
}

TEST_CASE("particle blocks: bad blocks and samplers that couple the batch are refused, naming the field") {
  const io::Json doc = document(kGaussian2d);
  auto with_block = [&](const io::Json& block) {
    io::Json d = doc;
    d["block"] = block;
    return d;
  };
  CHECK_THROWS_WITH_AS(io::parse_experiment(with_block({{"first", 1000}, {"count", 1}})),
                       doctest::Contains("block.first"), InvalidArgument);
  CHECK_THROWS_WITH_AS(io::parse_experiment(with_block({{"first", 900}, {"count", 101}})),
                       doctest::Contains("block.count = 101"), InvalidArgument);
  CHECK_THROWS_WITH_AS(io::parse_experiment(with_block({{"first", 0}, {"count", 0}})), doctest::Contains("block.count"),
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(io::parse_experiment(with_block({{"first", 0}})), doctest::Contains("block"), InvalidArgument);
  io::Json pc = with_block({{"first", 0}, {"count", 10}});
  pc["sampler"] = "pc";
  CHECK_THROWS_WITH_AS(Experiment(io::parse_experiment(pc)), doctest::Contains("couples the particles"),
                       InvalidArgument);
  io::Json sweep = with_block({{"first", 0}, {"count", 10}});
  sweep["sweep"] = {{"axis", "steps"}, {"values", {4, 8}}};
  CHECK_THROWS_WITH_AS(Sweep(io::parse_sweep(sweep)), doctest::Contains("block"), InvalidArgument);
}

TEST_CASE("particle blocks: a block's non-finite particle is named by its index in the whole run") {
  // VE with σ_max = 1e25 overflows float at the first step for every particle (as in float32_reverse_diffusion_test),
  // so the first non-finite particle of a block is the block's first: the message gives first + 0, not 0.
  io::Json doc = document(std::string(kGaussian2d) + R"(, "sampler": "em", "precision": "float32", "T": 1,
      "process": {"kind": "ve", "sigma_min": 0.01, "sigma_max": 1e25})");
  const auto run = [](const io::Json& d) { run_particles(d); };
  CHECK_THROWS_WITH_AS(run(doc), doctest::Contains("particle 0 = ("), InvalidArgument);
  doc["block"] = {{"first", 300}, {"count", 100}};
  CHECK_THROWS_WITH_AS(run(doc), doctest::Contains("particle 300 = ("), InvalidArgument);
}
