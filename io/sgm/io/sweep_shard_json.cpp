#include "sgm/io/sweep_shard_json.hpp"

#include <cmath>
#include <limits>

#include "sgm/base/error.hpp"

namespace sgm::io {

namespace {

Json value_json(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  return v;
}

double value_from_json(const Json& v, const std::string& field) {
  if (v.is_number()) return v.get<double>();
  if (v == "nan") return std::numeric_limits<double>::quiet_NaN();
  if (v == "inf") return std::numeric_limits<double>::infinity();
  if (v == "-inf") return -std::numeric_limits<double>::infinity();
  throw InvalidArgument(field + " = " + v.dump() + ": must be a number or \"nan\", \"inf\", \"-inf\"");
}

std::size_t count_from_json(const Json& v, const std::string& field) {
  require(v.is_number_unsigned(), field, "must be a non-negative integer, got " + v.dump());
  return v.get<std::size_t>();
}

const Json& member(const Json& object, const std::string& key, const std::string& field) {
  require(object.is_object() && object.contains(key), field, "is missing the field \"" + key + "\"");
  return object.at(key);
}

}  // namespace

Json sweep_runs_to_json(const std::vector<SweepRunValues>& runs) {
  Json out = Json::array();
  for (const SweepRunValues& run : runs) {
    Json values = Json::object();
    for (const auto& [name, value] : run.values) values[name] = value_json(value);
    out.push_back({{"run", run.run}, {"values", values}});
  }
  return out;
}

std::vector<SweepRunValues> sweep_runs_from_json(const Json& runs, const std::string& field) {
  require(runs.is_array(), field, "must be an array");
  std::vector<SweepRunValues> out;
  for (std::size_t j = 0; j < runs.size(); ++j) {
    const std::string run_field = field + "[" + std::to_string(j) + "]";
    SweepRunValues& run = out.emplace_back();
    run.run = count_from_json(member(runs[j], "run", run_field), run_field + ".run");
    const Json& values = member(runs[j], "values", run_field);
    require(values.is_object(), run_field + ".values", "must be an object");
    for (const auto& [name, value] : values.items())
      run.values[name] = value_from_json(value, run_field + ".values." + name);
  }
  return out;
}

Json run_sweep_shard_json(const Json& doc, const SweepShard& shard, const WorkLimits& limits) {
  SweepConfig config = parse_sweep(doc);
  config.base.limits = limits;
  Sweep sweep(std::move(config));
  return {{"shard", {{"index", shard.index}, {"count", shard.count}, {"runs", sweep.runs()}}},
          {"document", doc},
          {"runs", sweep_runs_to_json(run_sweep_shard(sweep, shard))}};
}

Json merge_sweep_shards_json(const std::vector<Json>& shard_documents, std::string* csv) {
  require(!shard_documents.empty(), "shards", "needs at least one shard document");
  const Json& doc = member(shard_documents.front(), "document", "shards[0]");
  std::vector<SweepShard> shards;
  std::vector<std::vector<SweepRunValues>> runs_of_shard;
  for (std::size_t k = 0; k < shard_documents.size(); ++k) {
    const std::string field = "shards[" + std::to_string(k) + "]";
    const Json& shard = shard_documents[k];
    require(member(shard, "document", field) == doc, field,
            "comes from a different sweep document than shards[0] (the field \"document\" differs)");
    const Json& split = member(shard, "shard", field);
    shards.push_back({count_from_json(member(split, "index", field + ".shard"), field + ".shard.index"),
                      count_from_json(member(split, "count", field + ".shard"), field + ".shard.count")});
    runs_of_shard.push_back(sweep_runs_from_json(member(shard, "runs", field), field + ".runs"));
  }
  Json normalised;
  Sweep sweep(parse_sweep(doc, &normalised));
  merge_sweep_shards(sweep, shards, runs_of_shard);
  const SweepResult result = sweep.result();
  if (csv != nullptr) *csv = sweep_result_to_csv(sweep.config(), result);
  return sweep_result_to_json(normalised, sweep.config(), result);
}

}  // namespace sgm::io
