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

SweepShardRunner::SweepShardRunner(const Sweep& sweep, SweepShard shard) : sweep_(sweep), shard_(shard) {
  validate_sweep_shard(shard_, sweep_.runs());
  runs_ = (sweep_.runs() - shard_.index + shard_.count - 1) / shard_.count;  // r = index, index + count, … < runs
}

SweepRunValues SweepShardRunner::next() {
  require(
      !done(), "run",
      "every run of shard " + std::to_string(shard_.index) + "/" + std::to_string(shard_.count) + " is already done");
  const std::size_t r = shard_.index + done_ * shard_.count;
  SweepRunValues run{r, sweep_.measure(r)};
  ++done_;
  return run;
}

std::vector<SweepRunValues> run_sweep_shard(const Sweep& sweep, const SweepShard& shard) {
  SweepShardRunner runner(sweep, shard);
  std::vector<SweepRunValues> runs;
  while (!runner.done()) runs.push_back(runner.next());
  return runs;
}

SweepRunMerger::SweepRunMerger(Sweep& sweep) : sweep_(sweep) {}

void SweepRunMerger::add(SweepRunValues run) {
  require(run.run < sweep_.runs(), "run", static_cast<double>(run.run),
          "an index in [0, " + std::to_string(sweep_.runs()) + ") (the sweep's runs)");
  require(run.run >= sweep_.runs_done() && waiting_.count(run.run) == 0, "run", static_cast<double>(run.run),
          "a run not given before");
  waiting_.emplace(run.run, std::move(run.values));
  for (auto next = waiting_.find(sweep_.runs_done()); next != waiting_.end();
       next = waiting_.find(sweep_.runs_done())) {
    sweep_.record(next->second);
    waiting_.erase(next);
  }
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
