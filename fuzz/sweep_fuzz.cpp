// libFuzzer target: the sweep document (`sgm sweep`, WebAssembly sweep()): JSON text, the parser with its normalised
// echo, then the Sweep constructor, which validates every point on a one-particle probe before any run. No run is
// made.
#include "fuzz_document.hpp"
#include "sgm/experiment/sweep.hpp"
#include "sgm/io/experiment_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return sgm::fuzz::accept_clear_errors(data, size, [](const std::string& text) {
    sgm::io::Json normalised;
    const sgm::Sweep validated(sgm::io::parse_sweep(sgm::io::parse_json_text(text), &normalised));
  });
}
