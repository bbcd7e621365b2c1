// sgm — command-line front end of sgmlab.
//   sgm run FILE.json [--samples OUT.csv] [--pretty]   run one experiment, print its JSON result
//   sgm list                                            names of every target, process, sampler, grid, metric
// FILE may be "-" for standard input. Exit status: 0 success, 1 invalid experiment, 2 usage or I/O error.
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "sgm/error.hpp"
#include "sgm/io/experiment_json.hpp"

namespace {

const char* kUsage =
    "usage: sgm run FILE.json [--samples OUT.csv] [--pretty]\n"
    "       sgm list\n"
    "       sgm --help | --version\n"
    "Runs the experiment described by FILE.json (\"-\" reads standard input) and prints the result as JSON.\n"
    "--samples OUT.csv  also writes the final particles, one row per particle, columns x0,x1,...\n"
    "The JSON format is documented in README.md (\"Experiment JSON\").\n";

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

void write_csv(const std::string& path, const sgm::Particles& X) {
  std::ofstream out(path);
  if (!out) throw std::runtime_error("cannot write \"" + path + "\"");
  out.precision(17);
  for (Eigen::Index j = 0; j < X.cols(); ++j) out << (j ? ",x" : "x") << j;
  out << "\n";
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    for (Eigen::Index j = 0; j < X.cols(); ++j) out << (j ? "," : "") << X(i, j);
    out << "\n";
  }
  if (!out) throw std::runtime_error("failed while writing \"" + path + "\"");
}

int run(const std::vector<std::string>& args) {
  std::string file, samples;
  bool pretty = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--samples") {
      if (i + 1 >= args.size()) return usage_error("--samples needs a file name");
      samples = args[++i];
    } else if (args[i] == "--pretty") {
      pretty = true;
    } else if (file.empty() && (args[i] == "-" || args[i].rfind("--", 0) != 0)) {
      file = args[i];
    } else {
      return usage_error("unexpected argument \"" + args[i] + "\"");
    }
  }
  if (file.empty()) return usage_error("run needs an experiment file");
  std::string text;
  try {
    text = read_all(file);
  } catch (const std::exception& e) {
    return usage_error(e.what());
  }
  try {
    sgm::io::Json normalised;
    const sgm::ExperimentConfig config = sgm::io::parse_experiment(sgm::io::parse_json_text(text), &normalised);
    sgm::Experiment experiment(config);
    experiment.sampler().run();
    const sgm::io::Json result = sgm::io::result_to_json(normalised, config, experiment.evaluate());
    if (!samples.empty()) write_csv(samples, experiment.sampler().particles());
    std::cout << result.dump(pretty ? 2 : -1) << "\n";
    return 0;
  } catch (const sgm::InvalidArgument& e) {
    std::cerr << "sgm: invalid experiment: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "sgm: " << e.what() << "\n";
    return 2;
  }
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
    std::cout << sgm::io::catalogue_json().dump(2) << "\n";
    return 0;
  }
  if (args[0] == "run") return run(std::vector<std::string>(args.begin() + 1, args.end()));
  return usage_error("unknown command \"" + args[0] + "\"");
}
