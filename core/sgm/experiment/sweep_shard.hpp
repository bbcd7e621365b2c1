#pragma once
// Sharded sweeps: a large sweep split into n independent jobs (a Slurm job array, GNU parallel, several machines) whose
// outputs merge to exactly the unsharded result. The unit of work is one run of the sweep (one replicate of one point,
// index r = point · replicates + replicate, see Sweep::measure). Shard i of n takes the runs with r ≡ i (mod n):
// round robin rather than contiguous blocks, because the cost of a point grows along the swept values (more steps, a
// larger dimension), so contiguous blocks would leave the last shard with most of the work, while round robin gives
// every shard about the same mix of cheap and dear runs. Each run's values depend only on the document and its run
// index (its seed is base.seed + replicate), so merging records the values in run order and reproduces next()'s
// results bit for bit.
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "sgm/experiment/sweep.hpp"

namespace sgm {

struct SweepShard {
  std::size_t index = 0;  // i in [0, count)
  std::size_t count = 1;  // n ≥ 1
};

// Throws InvalidArgument naming "shard" unless 1 ≤ count ≤ runs and index < count.
void validate_sweep_shard(const SweepShard& shard, std::size_t runs);

// The values of one run, as Sweep::measure returns them.
struct SweepRunValues {
  std::size_t run = 0;
  std::map<std::string, double> values;
};

// The runs of one shard (r ≡ shard.index mod shard.count), one at a time in increasing order, so that a front end can
// hand each run on as it completes (the page runs one shard per Web Worker). `sweep` must outlive it.
class SweepShardRunner {
public:
  SweepShardRunner(const Sweep& sweep, SweepShard shard);  // validates the shard against sweep.runs()

  std::size_t runs() const { return runs_; }  // the shard's runs
  std::size_t runs_done() const { return done_; }
  bool done() const { return done_ >= runs_; }
  SweepRunValues next();  // measures the shard's next run; throws InvalidArgument naming "run" when done

private:
  const Sweep& sweep_;
  SweepShard shard_;
  std::size_t runs_ = 0, done_ = 0;
};

// Runs the shard's runs (r ≡ shard.index mod shard.count) in increasing order.
std::vector<SweepRunValues> run_sweep_shard(const Sweep& sweep, const SweepShard& shard);

// Runs of one sweep arriving in any order (shards run side by side, each run handed on as it completes): every run is
// recorded into `sweep` (a fresh Sweep of the same document, which must outlive this) as soon as all earlier runs are,
// so sweep.result() is at every moment the unsharded result after sweep.runs_done() runs; once every run has come,
// it is the unsharded result, bit for bit.
class SweepRunMerger {
public:
  explicit SweepRunMerger(Sweep& sweep);
  // Throws InvalidArgument naming "run" when the index is not a run of the sweep or was given before.
  void add(SweepRunValues run);

private:
  Sweep& sweep_;
  std::map<std::size_t, std::map<std::string, double>> waiting_;  // runs that came before an earlier one
};

// The runs of every shard of one sweep, merged: checks that the shards are shards index 0 … count − 1 of the same
// split, each given once, and that each holds exactly its own runs; then records every run, in order, into `sweep` (a
// fresh Sweep of the same document) so that sweep.result() is the unsharded result.
void merge_sweep_shards(Sweep& sweep, const std::vector<SweepShard>& shards,
                        const std::vector<std::vector<SweepRunValues>>& runs_of_shard);

}  // namespace sgm
