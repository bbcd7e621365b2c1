// sgm — command-line front end of sgmlab.
//   sgm run FILE.json [--samples OUT.csv] [--pretty]   run one experiment, print its JSON result
//   sgm sweep FILE.json [--csv OUT.csv] [--pretty]      run a convergence sweep, print its JSON result
//   sgm sweep FILE.json --shard i/n [--pretty]          run shard i of n of the sweep, print the shard's JSON
//   sgm merge SHARD.json... [--csv OUT.csv] [--pretty]  merge every shard of a sweep into the sweep's JSON result
//   sgm inspect FILE.json [--pretty]                    the objects' values at given times and points, as JSON
//   sgm train FILE.json --out WEIGHTS.json [--pretty]   learn a score by denoising score matching, write its weights
//   sgm estimate FILE.json                              the work and memory the run or sweep would take, as JSON
//   sgm list [--json | --markdown]                      every registered name with its parameters (JSON, or the
//                                                       Markdown of docs/reference.md)
// run, sweep and estimate take --max-work OPERATIONS and --max-memory BYTES (the limits of work_estimate.hpp).
// FILE may be "-" for standard input. Exit status: 0 success, 1 invalid experiment (or beyond the limits), 2 usage or
// I/O error, 130 interrupted (Ctrl-C stops the work at its next step and says where).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "sgm/base/cancellation.hpp"
#include "sgm/base/error.hpp"
#include "sgm/io/experiment_json.hpp"
#include "sgm/io/inspection_json.hpp"
#include "sgm/io/learn_json.hpp"
#include "sgm/io/sweep_shard_json.hpp"
#include "sgm/io/work_estimate_json.hpp"

namespace {

const char* kUsage =
    "usage: sgm run FILE.json [--samples OUT.csv] [--pretty] [LIMITS]\n"
    "       sgm sweep FILE.json [--csv OUT.csv] [--pretty] [LIMITS]\n"
    "       sgm sweep FILE.json --shard i/n [--pretty] [LIMITS]\n"
    "       sgm merge SHARD.json... [--csv OUT.csv] [--pretty]\n"
    "       sgm estimate FILE.json [--pretty] [LIMITS]\n"
    "       sgm inspect FILE.json [--pretty]\n"
    "       sgm train FILE.json --out WEIGHTS.json [--pretty]\n"
    "       sgm list [--json | --markdown]\n"
    "       sgm --help | --version\n"
    "run:   runs the experiment described by FILE.json (\"-\" reads standard input) and prints the result as JSON.\n"
    "       --samples OUT.csv  also writes the final particles, one row per particle, columns x0,x1,...\n"
    "sweep: runs the experiment over the values of its \"sweep\" field and prints points and fitted slopes as JSON.\n"
    "       --csv OUT.csv  also writes one row per (sampler, value, metric)\n"
    "       --shard i/n  runs only the runs r (point × replicates + replicate) with r mod n = i, 0 <= i < n, and "
    "prints\n"
    "       them with the document as a shard JSON\n"
    "merge: checks that the shard JSONs are the shards 0/n ... n-1/n of one sweep document and prints exactly what\n"
    "       `sgm sweep` prints for that document (--csv as for sweep).\n"
    "inspect: evaluates the experiment's objects without sampling: the process's a(t), σ(t), f(t), g(t)² at the\n"
    "       times of its field \"inspect\": {\"times\": [...], \"points\": [[...], ...]} (default: the grid's times),\n"
    "       the grid, the sampler's declared properties, and log q_t, the exact score and the model's score at the "
    "points.\n"
    "train: trains the score network that FILE.json describes (target, process, network, training) by denoising\n"
    "       score matching, with a progress line on standard error; writes the weights to WEIGHTS.json and prints\n"
    "       a summary. An experiment then uses them with \"score\": {\"kind\": \"learned\", \"file\": "
    "\"WEIGHTS.json\"}\n"
    "       (a path relative to the experiment's file).\n"
    "estimate: the estimated work (operations) and peak memory (bytes) of the run or sweep, its parts and whether it\n"
    "       is within the limits, without running it.\n"
    "LIMITS: a run or sweep whose estimate exceeds a limit is refused before any work, naming the fields that drive\n"
    "       its cost. --max-work OPERATIONS (default 1e10, about a minute)  --max-memory BYTES (default 2e9).\n"
    "Ctrl-C stops a run or sweep at its next step (exit status 130).\n"
    "The JSON formats are documented in docs/usage.md (\"Experiment JSON\", \"Convergence sweeps\",\n"
    "\"Inspecting the objects\", \"Learning a score\").\n";

int usage_error(const std::string& message) {
  std::cerr << "sgm: " << message << "\n" << kUsage;
  return 2;
}

std::string read_all(const std::string& path) {
  std::ostringstream text;
  if (path == "-") {
    text << std::cin.rdbuf();
    return text.str();
  }
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open \"" + path + "\"");
  text << in.rdbuf();
  return text.str();
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path);
  if (!out) throw std::runtime_error("cannot write \"" + path + "\"");
  out << text;
  if (!out) throw std::runtime_error("failed while writing \"" + path + "\"");
}

std::string particles_csv(const sgm::Particles& X) {
  std::ostringstream out;
  out.precision(17);
  for (Eigen::Index j = 0; j < X.cols(); ++j) out << (j ? ",x" : "x") << j;
  out << "\n";
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    for (Eigen::Index j = 0; j < X.cols(); ++j) out << (j ? "," : "") << X(i, j);
    out << "\n";
  }
  return out.str();
}

// "score": {"kind": "learned", "file": PATH} becomes {"kind": "learned", "weights": <PATH's JSON>}, PATH relative to
// the experiment's file; other text is left as it is (the parser reports what is wrong with it).
std::string with_score_file(const std::string& text, const std::string& experiment_path) {
  sgm::io::Json doc = sgm::io::Json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("score")) return text;
  sgm::io::Json& score = doc["score"];
  if (!sgm::io::is_learned_score(score) || !score.contains("file")) return text;
  if (!score["file"].is_string())
    throw sgm::InvalidArgument("score.file: must be a path, got " + sgm::io::show(score["file"]));
  std::string path = score["file"].get<std::string>();
  const std::size_t slash = experiment_path.find_last_of('/');
  if (!path.empty() && path[0] != '/' && experiment_path != "-" && slash != std::string::npos)
    path = experiment_path.substr(0, slash + 1) + path;
  score.erase("file");
  score["weights"] = sgm::io::parse_json_text(read_all(path));
  return doc.dump();
}

// What a command does with the documents' texts (one, or several for `merge`): returns the JSON result and the CSV
// text for the --csv/--samples file (computed only when that file was asked for).
using Action = std::function<sgm::io::Json(const std::vector<std::string>& texts, const sgm::WorkLimits& limits,
                                           bool want_csv, std::string& csv)>;

// A limit's value: a finite number > 0 (e.g. 1e12).
bool parse_limit(const std::string& text, double& value) {
  char* end = nullptr;
  value = std::strtod(text.c_str(), &end);
  return !text.empty() && end == text.c_str() + text.size() && std::isfinite(value) && value > 0.0;
}

// SIGINT asks the work to stop at its next poll; a second Ctrl-C ends the process at once.
extern "C" void on_interrupt(int) {
  sgm::request_cancellation();
  std::signal(SIGINT, SIG_DFL);
}

// Shared by `run`, `sweep`, `merge`, `estimate`, `inspect` and `train`: FILE (several when `many_files`), --pretty, at
// most one CSV option (`csv_flag`, none when empty) and the limits (when `limits_allowed`); maps errors to exit
// statuses.
int command(const std::string& name, const std::vector<std::string>& args, const std::string& csv_flag,
            bool limits_allowed, const Action& action, bool many_files = false) {
  std::vector<std::string> files;
  std::string csv_path;
  bool pretty = false;
  sgm::WorkLimits limits;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (!csv_flag.empty() && args[i] == csv_flag) {
      if (i + 1 >= args.size()) return usage_error(csv_flag + " needs a file name");
      csv_path = args[++i];
    } else if (limits_allowed && (args[i] == "--max-work" || args[i] == "--max-memory")) {
      double& limit = args[i] == "--max-work" ? limits.max_work : limits.max_bytes;
      if (i + 1 >= args.size() || !parse_limit(args[i + 1], limit))
        return usage_error(args[i] + " needs a number > 0, e.g. 1e12");
      ++i;
    } else if (args[i] == "--pretty") {
      pretty = true;
    } else if ((files.empty() || many_files) && (args[i] == "-" || args[i].rfind("--", 0) != 0)) {
      files.push_back(args[i]);
    } else {
      return usage_error("unexpected argument \"" + args[i] + "\"");
    }
  }
  if (files.empty()) return usage_error(name + " needs an experiment file");
  std::vector<std::string> texts;
  try {
    for (const std::string& file : files) texts.push_back(read_all(file));
  } catch (const std::exception& e) {
    return usage_error(e.what());
  }
  try {
    for (std::size_t i = 0; i < texts.size(); ++i) texts[i] = with_score_file(texts[i], files[i]);
    std::string csv;
    std::signal(SIGINT, on_interrupt);
    const sgm::io::Json result = action(texts, limits, !csv_path.empty(), csv);
    if (!csv_path.empty()) write_file(csv_path, csv);
    std::cout << result.dump(pretty ? 2 : -1) << "\n";
    return 0;
  } catch (const sgm::InvalidArgument& e) {
    std::cerr << "sgm: invalid experiment: " << e.what() << "\n";
    return 1;
  } catch (const sgm::Cancelled& e) {
    std::cerr << "sgm: interrupted: " << e.what() << "\n";
    return 130;
  } catch (const std::exception& e) {
    std::cerr << "sgm: " << e.what() << "\n";
    return 2;
  }
}

sgm::io::Json run_action(const std::vector<std::string>& texts, const sgm::WorkLimits& limits, bool want_csv,
                         std::string& csv) {
  sgm::io::Json normalised;
  sgm::ExperimentConfig config = sgm::io::parse_experiment(sgm::io::parse_json_text(texts[0]), &normalised);
  config.limits = limits;
  sgm::Experiment experiment(config);
  experiment.sampler().run();
  if (want_csv) csv = particles_csv(experiment.sampler().particles());
  return sgm::io::result_to_json(normalised, config, experiment.evaluate());
}

sgm::io::Json sweep_action(const std::vector<std::string>& texts, const sgm::WorkLimits& limits, bool want_csv,
                           std::string& csv) {
  sgm::io::Json normalised;
  sgm::SweepConfig config = sgm::io::parse_sweep(sgm::io::parse_json_text(texts[0]), &normalised);
  config.base.limits = limits;
  sgm::Sweep sweep(std::move(config));
  sweep.run();
  const sgm::SweepResult result = sweep.result();
  if (want_csv) csv = sgm::io::sweep_result_to_csv(sweep.config(), result);
  return sgm::io::sweep_result_to_json(normalised, sweep.config(), result);
}

sgm::io::Json inspect_action(const std::vector<std::string>& texts, const sgm::WorkLimits&, bool /*want_csv*/,
                             std::string& /*csv*/) {
  return sgm::io::inspect_document(sgm::io::parse_json_text(texts[0]));
}

sgm::io::Json merge_action(const std::vector<std::string>& texts, const sgm::WorkLimits&, bool want_csv,
                           std::string& csv) {
  std::vector<sgm::io::Json> shards;
  for (const std::string& text : texts) shards.push_back(sgm::io::parse_json_text(text));
  return sgm::io::merge_sweep_shards_json(shards, want_csv ? &csv : nullptr);
}

// "i/n" → {i, n}; whether they are in range is the core's check (validate_sweep_shard).
bool parse_shard_flag(const std::string& text, sgm::SweepShard& shard) {
  const std::size_t slash = text.find('/');
  const auto digits = [](const std::string& s) {
    return !s.empty() && s.size() <= 9 && s.find_first_not_of("0123456789") == std::string::npos;
  };
  if (slash == std::string::npos || !digits(text.substr(0, slash)) || !digits(text.substr(slash + 1))) return false;
  shard = {std::stoul(text.substr(0, slash)), std::stoul(text.substr(slash + 1))};
  return true;
}

// `sweep`, with --shard i/n taken out of the arguments here (the rest is command()'s).
int sweep_command(std::vector<std::string> args) {
  const auto flag = std::find(args.begin(), args.end(), "--shard");
  if (flag == args.end()) return command("sweep", args, "--csv", true, sweep_action);
  sgm::SweepShard shard;
  if (flag + 1 == args.end() || !parse_shard_flag(*(flag + 1), shard))
    return usage_error("--shard needs i/n, two non-negative integers, e.g. --shard 0/4");
  args.erase(flag, flag + 2);
  return command("sweep", args, "", true,
                 [shard](const std::vector<std::string>& texts, const sgm::WorkLimits& limits, bool, std::string&) {
                   return sgm::io::run_sweep_shard_json(sgm::io::parse_json_text(texts[0]), shard, limits);
                 });
}

// Trains in chunks of a tenth of the steps, with a progress line on standard error after each; the weights are the
// "csv" text (written to --out).
sgm::io::Json train_action(const std::vector<std::string>& texts, const sgm::WorkLimits& limits, bool want_out,
                           std::string& weights) {
  if (!want_out) throw std::runtime_error("train needs --out WEIGHTS.json");
  const sgm::io::TrainingDocument doc = sgm::io::parse_training_within(sgm::io::parse_json_text(texts[0]), limits);
  const auto start = std::chrono::steady_clock::now();
  sgm::DsmTrainer trainer(doc.target, doc.process, doc.options);
  const std::size_t steps = doc.options.steps, chunk = std::max<std::size_t>(1, steps / 10);
  double loss = 0.0, seconds = 0.0;
  while (!trainer.done()) {
    loss = trainer.advance(chunk);
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cerr << "sgm train: step " << trainer.steps_done() << "/" << steps << "  loss " << loss << "  elapsed "
              << std::round(seconds * 10.0) / 10.0 << " s\n";
  }
  weights = sgm::io::weights_json(trainer.network(), doc).dump();
  const double samples = static_cast<double>(steps * doc.options.batch);
  return {{"steps", steps},
          {"batch", doc.options.batch},
          {"final_loss", loss},
          {"seconds", seconds},
          {"samples_per_second", samples / seconds},
          {"parameters", trainer.network().mlp().parameters().size()}};
}

sgm::io::Json estimate_action(const std::vector<std::string>& texts, const sgm::WorkLimits& limits, bool /*want_csv*/,
                              std::string& /*csv*/) {
  return sgm::io::estimate_document(sgm::io::parse_json_text(texts[0]), limits);
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return usage_error("missing command");
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return 0;
  }
  if (args[0] == "--version") {
    std::cout << "sgm " SGM_VERSION "\n";
    return 0;
  }
  if (args[0] == "list") {
    if (args.size() > 2 || (args.size() == 2 && args[1] != "--json" && args[1] != "--markdown"))
      return usage_error("list takes --json (the default) or --markdown");
    if (args.size() == 2 && args[1] == "--markdown")
      std::cout << sgm::io::reference_markdown();
    else
      std::cout << sgm::io::catalogue_json().dump(2) << "\n";
    return 0;
  }
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (args[0] == "run") return command("run", rest, "--samples", true, run_action);
  if (args[0] == "sweep") return sweep_command(rest);
  if (args[0] == "merge") return command("merge", rest, "--csv", false, merge_action, true);
  if (args[0] == "estimate") return command("estimate", rest, "", true, estimate_action);
  if (args[0] == "inspect") return command("inspect", rest, "", false, inspect_action);
  if (args[0] == "train") return command("train", rest, "--out", true, train_action);
  return usage_error("unknown command \"" + args[0] + "\"");
}
