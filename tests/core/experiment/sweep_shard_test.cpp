// Sharded sweeps: shards merge to exactly the unsharded result (bit-identical JSON), whatever the split and the order
// the shards come in; a merge refuses shards that do not cover the sweep exactly once or come from another document.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "sgm/base/error.hpp"
#include "sgm/experiment/sweep_shard.hpp"
#include "sgm/io/sweep_shard_json.hpp"

using namespace sgm;

namespace {

// 2 samplers × 3 values × 2 replicates = 12 runs, with a bound (left out of a point when not finite) and metrics.
io::Json small_sweep_document() {
  return io::parse_json_text(R"({
    "target": {"kind": "gaussian", "mean": [1, -0.5], "covariance": [[0.5, 0.2], [0.2, 0.3]]},
    "process": "ou", "T": 4, "delta": 0.01, "particles": 200, "seed": 7,
    "metrics": ["exact_w2", "sliced_w2", "mean_error"], "bounds": ["certified_kl"], "bound_options": {"samples": 50},
    "sweep": {"axis": "steps", "values": [8, 4, 16], "samplers": ["ei", "em"], "replicates": 2}})");
}

io::Json unsharded(const io::Json& doc) {
  io::Json normalised;
  Sweep sweep(io::parse_sweep(doc, &normalised));
  sweep.run();
  return io::sweep_result_to_json(normalised, sweep.config(), sweep.result());
}

std::vector<io::Json> all_shards(const io::Json& doc, std::size_t count) {
  std::vector<io::Json> shards;
  for (std::size_t i = 0; i < count; ++i) shards.push_back(io::run_sweep_shard_json(doc, {i, count}));
  return shards;
}

}  // namespace

TEST_CASE("sharded sweep: every split merges to the unsharded JSON, bit for bit") {
  const io::Json doc = small_sweep_document();
  const std::string expected = unsharded(doc).dump();
  for (std::size_t count : {1u, 2u, 5u, 12u}) {
    CAPTURE(count);
    std::vector<io::Json> shards = all_shards(doc, count);
    // Round trip through text, as between jobs, and in reverse order.
    std::vector<io::Json> reread;
    for (auto it = shards.rbegin(); it != shards.rend(); ++it) reread.push_back(io::parse_json_text(it->dump()));
    std::string csv;
    CHECK(io::merge_sweep_shards_json(reread, &csv).dump() == expected);
    CHECK(csv.rfind("sampler,steps,metric", 0) == 0);
  }
}

TEST_CASE("sharded sweep: round robin over runs, each shard its own runs") {
  Sweep sweep(io::parse_sweep(small_sweep_document()));
  REQUIRE(sweep.runs() == 12);
  const std::vector<SweepRunValues> runs = run_sweep_shard(sweep, {1, 5});
  REQUIRE(runs.size() == 3);
  CHECK(runs[0].run == 1);
  CHECK(runs[1].run == 6);
  CHECK(runs[2].run == 11);
  CHECK(runs[0].values.count("exact_w2") == 1);
  CHECK_THROWS_WITH_AS(run_sweep_shard(sweep, {5, 5}), doctest::Contains("shard"), InvalidArgument);
  CHECK_THROWS_WITH_AS(run_sweep_shard(sweep, {0, 13}), doctest::Contains("[1, 12]"), InvalidArgument);
  CHECK_THROWS_WITH_AS(run_sweep_shard(sweep, {0, 0}), doctest::Contains("shard"), InvalidArgument);
}

TEST_CASE("sharded sweep: a merge refuses missing, repeated, foreign or tampered shards") {
  const io::Json doc = small_sweep_document();
  const std::vector<io::Json> shards = all_shards(doc, 3);
  CHECK_THROWS_WITH_AS(io::merge_sweep_shards_json({shards[0], shards[1]}), doctest::Contains("exactly once"),
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(io::merge_sweep_shards_json({shards[0], shards[1], shards[1]}), doctest::Contains("given twice"),
                       InvalidArgument);
  io::Json other = doc;
  other["seed"] = 8;
  CHECK_THROWS_WITH_AS(io::merge_sweep_shards_json({shards[0], shards[1], io::run_sweep_shard_json(other, {2, 3})}),
                       doctest::Contains("different sweep document"), InvalidArgument);
  io::Json mixed = io::run_sweep_shard_json(doc, {1, 4});
  CHECK_THROWS_WITH_AS(io::merge_sweep_shards_json({shards[0], mixed, shards[2]}), doctest::Contains("mix splits"),
                       InvalidArgument);
  io::Json short_one = shards[2];
  short_one["runs"].erase(short_one["runs"].size() - 1);
  CHECK_THROWS_WITH_AS(io::merge_sweep_shards_json({shards[0], shards[1], short_one}), doctest::Contains("lacks run"),
                       InvalidArgument);
  io::Json foreign_run = shards[2];
  foreign_run["runs"].push_back(shards[0]["runs"][0]);
  CHECK_THROWS_WITH_AS(io::merge_sweep_shards_json({shards[0], shards[1], foreign_run}),
                       doctest::Contains("not its own"), InvalidArgument);
}

TEST_CASE("sharded sweep: runs merged as they arrive give, at every moment, the unsharded sweep after as many runs") {
  const io::Json doc = small_sweep_document();
  io::Json normalised;
  Sweep whole(io::parse_sweep(doc, &normalised));
  // Three shards stepped side by side, shard 2 ahead of the others: runs arrive out of order.
  Sweep source(io::parse_sweep(doc));
  std::vector<SweepShardRunner> runners;
  for (std::size_t i = 0; i < 3; ++i) runners.emplace_back(source, SweepShard{i, 3});
  CHECK(runners[0].runs() == 4);
  Sweep merged(io::parse_sweep(doc));
  SweepRunMerger merger(merged);
  std::vector<SweepRunValues> arrivals;
  for (std::size_t round = 0; round < 4; ++round)
    for (std::size_t i : {2u, 1u, 0u}) arrivals.push_back(runners[i].next());
  CHECK_THROWS_WITH_AS(runners[0].next(), doctest::Contains("already done"), InvalidArgument);
  for (const SweepRunValues& run : arrivals) {
    merger.add(run);
    while (whole.runs_done() < merged.runs_done()) whole.next();
    CHECK(io::sweep_result_to_json(normalised, merged.config(), merged.result()) ==
          io::sweep_result_to_json(normalised, whole.config(), whole.result()));
  }
  CHECK(merged.done());
  CHECK(io::sweep_result_to_json(normalised, merged.config(), merged.result()) == unsharded(doc));
  CHECK_THROWS_WITH_AS(merger.add(arrivals[0]), doctest::Contains("not given before"), InvalidArgument);
  CHECK_THROWS_WITH_AS(merger.add({12, {}}), doctest::Contains("[0, 12)"), InvalidArgument);
}
