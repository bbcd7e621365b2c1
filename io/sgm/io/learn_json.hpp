#pragma once
// The JSON face of the learned score (core/sgm/learn/): the training document of `sgm train` and WebAssembly Trainer,
// and the weights document they write and an experiment's score {"kind": "learned", "weights": {...}} reads
// (docs/usage.md, "Learning a score"):
//     {"format": "sgmlab-mlp", "version": 1, "dimension": d, "process": <the process, normalised>,
//      "network": {"activation": "silu", "sizes": [inputs, hidden…, d], "frequencies": K},
//      "preconditioning": {"mean": [d], "variance": [d]},
//      "layers": [{"weight": [[…] × rows], "bias": […]}, …], "training": <the training document, normalised>}.
// Weights are float32 values written as JSON numbers (exact in double), so a file read back gives identical outputs.
#include <memory>
#include <string>

#include "sgm/experiment/diffusion.hpp"
#include "sgm/experiment/work_estimate.hpp"
#include "sgm/io/registry_json.hpp"
#include "sgm/learn/dsm_trainer.hpp"

namespace sgm::io {

// A training document: target, process, T, δ, network {widths, frequencies}, batch, steps, learning_rate, schedule,
// time_sampling, seed.
struct TrainingDocument {
  std::shared_ptr<const Target> target;
  std::shared_ptr<const Process> process;
  TrainingOptions options;
  Json process_json;  // the process, normalised (written into the weights)
  Json normalised;    // the whole document with every default filled in
};
TrainingDocument parse_training(const Json& doc);
// parse_training, then the work and memory budget of the training (work_estimate.hpp): InvalidArgument naming the
// fields that drive the cost beyond a limit. What `sgm train` and WebAssembly's Trainer read.
TrainingDocument parse_training_within(const Json& doc, const WorkLimits& limits);

// The weights document of a trained network.
Json weights_json(const ScoreNetwork& network, const TrainingDocument& training);

// Reads a weights document at `path` for an experiment of dimension `dim` whose process is `process` (normalised JSON
// `process_json`): malformed documents, another dimension or process, wrong layer shapes and values that are not
// finite float32 numbers throw InvalidArgument naming the field.
std::shared_ptr<const ScoreNetwork> network_from_json(const Json& doc, const std::string& path,
                                                      const Json& process_json,
                                                      const std::shared_ptr<const Diffusion>& process, int dim);

// The measured error of an experiment's score model on its grid (measured_score_error.hpp; Monte Carlo size and
// level from bound_options): {"times", "epsilon", "lower", "upper", "sup", "weighted_square"}.
Json score_error_json(const Json& experiment);

// An experiment's "score" that is a learned network: {"kind": "learned", "weights": {...}}.
bool is_learned_score(const Json& score);
std::shared_ptr<const ScoreNetwork> parse_learned_score(const Json& score, const Json& process_json,
                                                        const std::shared_ptr<const Diffusion>& process, int dim);

}  // namespace sgm::io
