#pragma once
// The JSON of sharded sweeps (docs/usage.md, "Sharded sweeps"): `sgm sweep --shard i/n` writes a shard document
//   {"shard": {"index": i, "count": n, "runs": R}, "document": <the sweep document as given>,
//    "runs": [{"run": r, "values": {"<metric>": value, ...}}, ...]}
// and `sgm merge` turns the n shard documents back into exactly the JSON `sgm sweep` prints for the document. Values
// are written with round-trip precision (a non-finite value as the string "nan", "inf" or "-inf"), so the merged
// result is bit-identical to the unsharded one.
#include <string>
#include <vector>

#include "sgm/experiment/sweep_shard.hpp"
#include "sgm/io/experiment_json.hpp"

namespace sgm::io {

// The "runs" array of a shard document, and back (field: the name errors give the array).
Json sweep_runs_to_json(const std::vector<SweepRunValues>& runs);
std::vector<SweepRunValues> sweep_runs_from_json(const Json& runs, const std::string& field);

// Runs shard `shard` of the sweep document `doc` within `limits` (work_estimate.hpp) and returns its shard document.
Json run_sweep_shard_json(const Json& doc, const SweepShard& shard, const WorkLimits& limits = {});

// Merges shard documents (any order) of one sweep document; throws InvalidArgument naming "shards" unless they come
// from the same document and cover each of its runs exactly once. `csv` (if given) receives sweep_result_to_csv.
Json merge_sweep_shards_json(const std::vector<Json>& shard_documents, std::string* csv = nullptr);

}  // namespace sgm::io
