// libFuzzer target: the inspect document (`sgm inspect`, WebAssembly inspect()): JSON text, the experiment and its
// "inspect" field, then the evaluation itself and its JSON when it is small (at most kMaxEvaluations time × point
// pairs; the default times are the grid's steps + 1), so that the density and score code meets hostile points.
#include <algorithm>

#include "fuzz_document.hpp"
#include "sgm/experiment/experiment.hpp"
#include "sgm/io/inspection_json.hpp"

namespace {
constexpr std::size_t kMaxEvaluations = 10000;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return sgm::fuzz::accept_clear_errors(data, size, [](const std::string& text) {
    sgm::InspectionRequest request;
    sgm::io::Json normalised;
    const sgm::ExperimentConfig config =
        sgm::io::parse_inspection(sgm::io::parse_json_text(text), request, &normalised);
    const std::size_t times = request.times.empty() ? config.steps + 1 : request.times.size();
    const std::size_t points = std::max<std::size_t>(1, static_cast<std::size_t>(request.points.rows()));
    if (times * points <= kMaxEvaluations) sgm::io::inspection_to_json(sgm::inspect(config, request)).dump();
  });
}
