#include "sgm/io/learn_json.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sgm/base/error.hpp"
#include "sgm/io/experiment_json.hpp"

namespace sgm::io {

namespace {

constexpr const char* kFormat = "sgmlab-mlp";
constexpr int kVersion = 1;

// The process on R^d of an experiment or training document (the learned score is written for X_t = a X_0 + σ Z),
// sharing ownership with the Diffusion that holds it.
std::shared_ptr<const Process> process_on_rd(const std::shared_ptr<const Diffusion>& diffusion,
                                             const std::string& path) {
  const Process* process = diffusion->context(1.0, 1e-3, 1).process;
  require(process != nullptr, path,
          "a learned score needs a process on R^d (family \"diffusion\"), got process = \"" + diffusion->name() + "\"");
  return std::shared_ptr<const Process>(diffusion, process);
}

// A float32 number: finite and within float range.
float float_of(const Json& j, const std::string& path) {
  const double v = number(j, path);
  require(std::isfinite(v) && std::abs(v) <= std::numeric_limits<float>::max(), path, v,
          "a finite float32 number (|x| ≤ 3.4e38)");
  return static_cast<float>(v);
}

Json float_array(const float* data, Eigen::Index n) { return Json(std::vector<float>(data, data + n)); }

}  // namespace

TrainingDocument parse_training(const Json& doc) {
  require_object(doc, "training",
                 {"description", "target", "process", "T", "delta", "network", "batch", "steps", "learning_rate",
                  "schedule", "time_sampling", "seed"});
  require(doc.contains("target"), "target", "is missing: training needs a target (e.g. {\"kind\": \"gmm\", ...})");
  TrainingDocument t;
  Json target, process;
  t.target = parse_registered<Target>(doc["target"], "target", "", {}, target);
  const auto diffusion = parse_registered<Diffusion>(field(doc, "process", "ou"), "process", "", {}, process);
  t.process = process_on_rd(diffusion, "process");
  t.process_json = process;
  TrainingOptions& o = t.options;
  o.T = number(field(doc, "T", Json(diffusion->default_horizon())), "T");
  o.delta = number(field(doc, "delta", Json(diffusion->default_early_stop())), "delta");
  const Json network = field(doc, "network", Json::object());  // a copy: the fallback is a temporary
  require_object(network, "network", {"widths", "frequencies"});
  if (network.contains("widths")) {
    const Json& w = network["widths"];
    require(w.is_array() && !w.empty() && w.size() <= 16, "network.widths",
            "must be an array of 1 to 16 hidden-layer widths, got " + show(w));
    o.widths.clear();
    for (std::size_t l = 0; l < w.size(); ++l)
      o.widths.push_back(
          static_cast<int>(integer(w[l], "network.widths[" + std::to_string(l) + "]", 1, Mlp::kMaxWidth)));
  }
  o.frequencies = static_cast<int>(integer(field(network, "frequencies", Json(o.frequencies)), "network.frequencies", 0,
                                           ScoreNetwork::kMaxFrequencies));
  o.batch = integer(field(doc, "batch", Json(o.batch)), "batch", 1, 65536);
  o.steps = integer(field(doc, "steps", Json(o.steps)), "steps", 1, 1e7);
  o.learning_rate = number(field(doc, "learning_rate", Json(o.learning_rate)), "learning_rate");
  o.schedule = learning_rate_schedule_from_name(
      kind_of(field(doc, "schedule", Json(learning_rate_schedule_name(o.schedule))), "schedule"));
  o.time_sampling = time_sampling_from_name(
      kind_of(field(doc, "time_sampling", Json(time_sampling_name(o.time_sampling))), "time_sampling"));
  o.seed = integer(field(doc, "seed", Json(o.seed)), "seed", 0, 9007199254740991.0);
  validate_training(o);
  diffusion->grid(GridSpec(GridKind::Uniform), o.T, o.delta, 1);  // the process's horizon and δ checks, with names

  t.normalised = doc;
  t.normalised["target"] = target;
  t.normalised["process"] = process;
  t.normalised["T"] = o.T;
  t.normalised["delta"] = o.delta;
  t.normalised["network"] = {{"widths", o.widths}, {"frequencies", o.frequencies}};
  t.normalised["batch"] = o.batch;
  t.normalised["steps"] = o.steps;
  t.normalised["learning_rate"] = o.learning_rate;
  t.normalised["schedule"] = learning_rate_schedule_name(o.schedule);
  t.normalised["time_sampling"] = time_sampling_name(o.time_sampling);
  t.normalised["seed"] = o.seed;
  return t;
}

TrainingDocument parse_training_within(const Json& doc, const WorkLimits& limits) {
  TrainingDocument t = parse_training(doc);
  require_within(estimate_work(*t.target, t.options), limits, "training");
  return t;
}

Json weights_json(const ScoreNetwork& network, const TrainingDocument& training) {
  const Mlp& mlp = network.mlp();
  Json layers = Json::array();
  for (int l = 0; l < mlp.layers(); ++l) {
    const Eigen::Map<const MatrixF> w = mlp.weight(l);
    Json rows = Json::array();
    for (Eigen::Index r = 0; r < w.rows(); ++r) {
      const VectorF row = w.row(r).transpose();
      rows.push_back(float_array(row.data(), row.size()));
    }
    layers.push_back({{"weight", rows}, {"bias", float_array(mlp.bias(l).data(), mlp.bias(l).size())}});
  }
  const ScorePreconditioning& p = network.preconditioning();
  return {{"format", kFormat},
          {"version", kVersion},
          {"dimension", network.dim()},
          {"process", training.process_json},
          {"network", {{"activation", "silu"}, {"sizes", mlp.sizes()}, {"frequencies", network.frequencies()}}},
          {"preconditioning",
           {{"mean", std::vector<double>(p.mean.data(), p.mean.data() + p.mean.size())},
            {"variance", std::vector<double>(p.variance.data(), p.variance.data() + p.variance.size())}}},
          {"layers", layers},
          {"training", training.normalised}};
}

std::shared_ptr<const ScoreNetwork> network_from_json(const Json& doc, const std::string& path,
                                                      const Json& process_json,
                                                      const std::shared_ptr<const Diffusion>& process, int dim) {
  require_object(doc, path,
                 {"format", "version", "dimension", "process", "network", "preconditioning", "layers", "training"});
  for (const char* key : {"format", "version", "dimension", "process", "network", "preconditioning", "layers"})
    require(doc.contains(key), path + "." + key, "is missing (a weights file written by sgm train has it)");
  require(doc["format"] == kFormat, path + ".format",
          "must be \"" + std::string(kFormat) + "\", got " + show(doc["format"]));
  require(doc["version"] == kVersion, path + ".version",
          "must be " + std::to_string(kVersion) + " (the version this build reads), got " + show(doc["version"]));
  const int d = static_cast<int>(integer(doc["dimension"], path + ".dimension", 1, 4096));
  require(d == dim, path + ".dimension",
          "the network was trained in dimension " + std::to_string(d) + ", the target has dimension " +
              std::to_string(dim));
  require(doc["process"] == process_json, path + ".process",
          "the network was trained for process " + doc["process"].dump() + ", the experiment's process is " +
              process_json.dump());

  const Json& network = doc["network"];
  require_object(network, path + ".network", {"activation", "sizes", "frequencies"});
  require(field(network, "activation", "silu") == "silu", path + ".network.activation",
          "must be \"silu\", got " + show(network["activation"]));
  const int frequencies = static_cast<int>(integer(field(network, "frequencies", Json(nullptr)),
                                                   path + ".network.frequencies", 0, ScoreNetwork::kMaxFrequencies));
  const Json sizes_json = field(network, "sizes", Json(nullptr));
  require(sizes_json.is_array() && sizes_json.size() >= 2 && sizes_json.size() <= 18, path + ".network.sizes",
          "must be an array [inputs, hidden widths…, outputs] of 2 to 18 sizes, got " + show(sizes_json));
  std::vector<int> sizes;
  for (std::size_t l = 0; l < sizes_json.size(); ++l)
    sizes.push_back(static_cast<int>(
        integer(sizes_json[l], path + ".network.sizes[" + std::to_string(l) + "]", 1, Mlp::kMaxWidth)));
  require(sizes.front() == ScoreNetwork::input_size(d, frequencies), path + ".network.sizes[0]", sizes.front(),
          "d + 1 + 2K = " + std::to_string(ScoreNetwork::input_size(d, frequencies)));
  require(sizes.back() == d, path + ".network.sizes[" + std::to_string(sizes.size() - 1) + "]", sizes.back(),
          "the dimension " + std::to_string(d));
  Mlp mlp(sizes);

  const Json& layers = doc["layers"];
  require(layers.is_array() && layers.size() == static_cast<std::size_t>(mlp.layers()), path + ".layers",
          "must be an array of " + std::to_string(mlp.layers()) + " layers (network.sizes), got " + show(layers));
  for (int l = 0; l < mlp.layers(); ++l) {
    const std::string at = path + ".layers[" + std::to_string(l) + "]";
    require_object(layers[l], at, {"weight", "bias"});
    const Json w = field(layers[l], "weight", Json(nullptr));
    const Json b = field(layers[l], "bias", Json(nullptr));
    const int rows = sizes[l + 1], cols = sizes[l];
    require(w.is_array() && w.size() == static_cast<std::size_t>(rows), at + ".weight",
            "must be " + std::to_string(rows) + " rows of " + std::to_string(cols) + " numbers (sizes[" +
                std::to_string(l + 1) + "] × sizes[" + std::to_string(l) + "]), got " + show(w));
    require(b.is_array() && b.size() == static_cast<std::size_t>(rows), at + ".bias",
            "must be " + std::to_string(rows) + " numbers (sizes[" + std::to_string(l + 1) + "]), got " + show(b));
    VectorF& theta = mlp.parameters();
    for (int r = 0; r < rows; ++r) {
      const std::string row_at = at + ".weight[" + std::to_string(r) + "]";
      require(w[r].is_array() && w[r].size() == static_cast<std::size_t>(cols), row_at,
              "must be " + std::to_string(cols) + " numbers, got " + show(w[r]));
      for (int c = 0; c < cols; ++c)
        theta(mlp.weight_offset(l) + Eigen::Index(c) * rows + r) =
            float_of(w[r][c], row_at + "[" + std::to_string(c) + "]");
      theta(mlp.bias_offset(l) + r) = float_of(b[r], at + ".bias[" + std::to_string(r) + "]");
    }
  }
  const Json& p = doc["preconditioning"];
  require_object(p, path + ".preconditioning", {"mean", "variance"});
  ScorePreconditioning preconditioning{
      vector_of(field(p, "mean", Json(nullptr)), path + ".preconditioning.mean"),
      vector_of(field(p, "variance", Json(nullptr)), path + ".preconditioning.variance")};
  require(preconditioning.mean.size() == d, path + ".preconditioning.mean",
          "must have " + std::to_string(d) + " entries (one per coordinate), got " +
              std::to_string(preconditioning.mean.size()));
  return with_path(path, [&] {
    return std::make_shared<const ScoreNetwork>(process_on_rd(process, "process"), std::move(mlp),
                                                std::move(preconditioning), frequencies);
  });
}

Json score_error_json(const Json& experiment) {
  const ExperimentConfig c = parse_experiment(experiment);
  const BoundOptions& o = c.bound_options;
  const ScoreErrorProfile p = c.process->score_error_profile(c.run_request(), {o.samples, o.confidence, c.seed});
  return {{"times", p.times}, {"epsilon", p.epsilon}, {"lower", p.lower},
          {"upper", p.upper}, {"sup", p.sup},         {"weighted_square", p.weighted_square}};
}

bool is_learned_score(const Json& score) {
  return score.is_object() && score.contains("kind") && score["kind"] == "learned";
}

std::shared_ptr<const ScoreNetwork> parse_learned_score(const Json& score, const Json& process_json,
                                                        const std::shared_ptr<const Diffusion>& process, int dim) {
  require_object(score, "score", {"kind", "weights"});
  require(score.contains("weights"), "score.weights",
          "is missing: a learned score needs the weights written by sgm train (the CLI also takes \"file\": path)");
  return network_from_json(score["weights"], "score.weights", process_json, process, dim);
}

}  // namespace sgm::io
