#include "sgm/experiment/sweep_shard.hpp"

#include "sgm/base/error.hpp"

namespace sgm {

void validate_sweep_shard(const SweepShard& shard, std::size_t runs) {
  require(shard.count >= 1 && shard.count <= runs, "shard", static_cast<double>(shard.count),
          "a shard count n in [1, " + std::to_string(runs) + "] (the sweep's runs: samplers × values × replicates)");
  require(shard.index < shard.count, "shard", static_cast<double>(shard.index),
          "a shard index i in [0, " + std::to_string(shard.count - 1) +
              "] (i/n with n = " + std::to_string(shard.count) + ")");
}

std::vector<SweepRunValues> run_sweep_shard(const Sweep& sweep, const SweepShard& shard) {
  validate_sweep_shard(shard, sweep.runs());
  std::vector<SweepRunValues> runs;
  for (std::size_t r = shard.index; r < sweep.runs(); r += shard.count) runs.push_back({r, sweep.measure(r)});
  return runs;
}

void merge_sweep_shards(Sweep& sweep, const std::vector<SweepShard>& shards,
                        const std::vector<std::vector<SweepRunValues>>& runs_of_shard) {
  require(!shards.empty() && shards.size() == runs_of_shard.size(), "shards", "need one list of runs per shard");
  require(sweep.runs_done() == 0, "shards", "merge into a sweep with no recorded run");
  const std::size_t count = shards.front().count;
  require(shards.size() == count, "shards",
          "got " + std::to_string(shards.size()) + " shards of a split into " + std::to_string(count) +
              ": every shard i/" + std::to_string(count) + " must be given exactly once");
  std::vector<const std::vector<SweepRunValues>*> by_index(count, nullptr);
  for (std::size_t k = 0; k < shards.size(); ++k) {
    require(shards[k].count == count, "shards",
            "mix splits into " + std::to_string(count) + " and " + std::to_string(shards[k].count) + " shards");
    validate_sweep_shard(shards[k], sweep.runs());
    require(by_index[shards[k].index] == nullptr, "shards",
            "shard " + std::to_string(shards[k].index) + "/" + std::to_string(count) + " is given twice");
    by_index[shards[k].index] = &runs_of_shard[k];
  }
  // Each shard must hold exactly its runs, in increasing order (as run_sweep_shard writes them).
  std::vector<std::size_t> next(count, 0);
  for (std::size_t r = 0; r < sweep.runs(); ++r) {
    const std::vector<SweepRunValues>& own = *by_index[r % count];
    std::size_t& k = next[r % count];
    require(k < own.size() && own[k].run == r, "shards",
            "shard " + std::to_string(r % count) + "/" + std::to_string(count) + " lacks run " + std::to_string(r));
    sweep.record(own[k++].values);
  }
  for (std::size_t i = 0; i < count; ++i)
    require(next[i] == by_index[i]->size(), "shards",
            "shard " + std::to_string(i) + "/" + std::to_string(count) + " holds runs that are not its own");
}

}  // namespace sgm
