#pragma once
// The experiment description (JSON) shared by every front end, parsed once at the edge into sgm::ExperimentConfig.
// The format is documented in docs/usage.md ("Experiment JSON"). Unknown fields, wrong types and out-of-range values
// throw sgm::InvalidArgument with the field's path, the value and the allowed range.
#include <nlohmann/json.hpp>
#include <string>

#include "sgm/experiment/experiment.hpp"
#include "sgm/experiment/sweep.hpp"
#include "sgm/io/json_text.hpp"
#include "sgm/io/registry_json.hpp"

namespace sgm::io {

using Json = nlohmann::json;

// Parses and validates; `normalised` (if given) receives the description with every default filled in.
ExperimentConfig parse_experiment(const Json& doc, Json* normalised = nullptr);

Json result_to_json(const Json& normalised_config, const ExperimentConfig& config, const ExperimentResult& result);

// Text in, text out: parse, run to the end, evaluate. The one entry point of `sgm run` and of WebAssembly `run`.
std::string run_experiment_json(const std::string& text);

// A sweep document: an experiment plus a field "sweep" {axis, values, samplers, replicates, confidence, fit}
// (docs/usage.md, "Convergence sweeps"). `normalised` receives the document with every default filled in.
SweepConfig parse_sweep(const Json& doc, Json* normalised = nullptr);
Json sweep_result_to_json(const Json& normalised_config, const SweepConfig& config, const SweepResult& result);
// One row per (sampler, value, metric): sampler,<axis>,metric,mean,std_error,lower,upper,replicates.
std::string sweep_result_to_csv(const SweepConfig& config, const SweepResult& result);
// Text in, text out: parse, run every point, fit the slopes (the entry point of `sgm sweep` and WebAssembly `sweep`).
std::string run_sweep_json(const std::string& text);

}  // namespace sgm::io
