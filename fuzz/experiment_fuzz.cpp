// libFuzzer target: the experiment document (`sgm run`, WebAssembly run()): JSON text, the parser with its
// normalised echo, then the driver's own validation on a one-particle probe (as a sweep validates its points), so
// that every check made before sampling is reached. It never samples: a valid but huge experiment costs nothing here.
#include "fuzz_document.hpp"
#include "sgm/experiment/experiment.hpp"
#include "sgm/io/experiment_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return sgm::fuzz::accept_clear_errors(data, size, [](const std::string& text) {
    sgm::io::Json normalised;
    sgm::ExperimentConfig probe = sgm::io::parse_experiment(sgm::io::parse_json_text(text), &normalised);
    probe.particles = 1;
    const sgm::Experiment validated(probe);
  });
}
