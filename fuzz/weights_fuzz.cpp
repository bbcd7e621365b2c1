// libFuzzer target: the weights loader (a learned score's "weights", as `sgm train --out` writes them). The input is
// the weights document's text; it becomes the learned score of a standard Gaussian target of the dimension the
// document declares (1 when it declares no small positive integer), read by the experiment parser as `sgm run` reads
// it, and the network it builds scores a few points, so that layer shapes, preconditioning and the forward pass are
// all reached. It never samples.
#include <algorithm>
#include <vector>

#include "fuzz_document.hpp"
#include "sgm/io/experiment_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return sgm::fuzz::accept_clear_errors(data, size, [](const std::string& text) {
    const sgm::io::Json weights = sgm::io::parse_json_text(text);
    int d = 1;
    if (weights.is_object() && weights.contains("dimension") && weights["dimension"].is_number_integer())
      d = std::clamp(weights["dimension"].get<int>(), 1, 8);
    std::vector<std::vector<double>> identity(d, std::vector<double>(d, 0.0));
    for (int j = 0; j < d; ++j) identity[j][j] = 1.0;
    const sgm::io::Json experiment = {
        {"target", {{"kind", "gaussian"}, {"mean", std::vector<double>(d, 0.0)}, {"covariance", identity}}},
        {"score", {{"kind", "learned"}, {"weights", weights}}}};
    const sgm::ExperimentConfig config = sgm::io::parse_experiment(experiment);
    sgm::Particles points(3, d), scores;
    for (int j = 0; j < d; ++j) points.col(j) << -2.0, 0.1 * j, 3.0;
    for (const double t : {1e-3, 0.5, 5.0}) config.learned_score->score(t, points, scores);
  });
}
