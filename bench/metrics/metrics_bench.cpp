// Cost of the distance computations, in seconds per call (best of 3). Usage:
//   build/native/sgm_metrics_bench [largest n]
// Prints one JSON line per case. Exact W2 by optimal assignment is O(n³); the experiment's limit on `particles` for
// the metric "w2" comes from these timings (README-metrics.md). Speed is measured here, never in tests.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <string>

#include "sgm/rng.hpp"
#include "sgm/wasserstein.hpp"

namespace {

sgm::Particles normals(Eigen::Index n, Eigen::Index d, std::uint64_t seed) {
  sgm::Particles z(n, d);
  sgm::CounterRng(seed).fill_normal(z, 0, sgm::Stream::TargetSample);
  return z;
}

double best_seconds(const std::function<double()>& run, double* value) {
  double best = 1e300;
  for (int repeat = 0; repeat < 3; ++repeat) {
    const auto start = std::chrono::steady_clock::now();
    *value = run();
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return best;
}

void report(const std::string& name, Eigen::Index n, Eigen::Index d, const std::function<double()>& run) {
  double value = 0.0;
  const double seconds = best_seconds(run, &value);
  std::cout << "{\"case\": \"" << name << "\", \"n\": " << n << ", \"d\": " << d << ", \"seconds\": " << seconds
            << ", \"value\": " << value << "}" << std::endl;
}

}  // namespace

int main(int argc, char** argv) {
  const long largest = argc > 1 ? std::strtol(argv[1], nullptr, 10) : 4000;
  for (Eigen::Index n = 250; n <= largest; n *= 2) {
    for (Eigen::Index d : {1, 2, 8}) {
      // Particles against a slightly shifted, rescaled cloud: the regime of a sampler compared with q_δ.
      const sgm::Particles X = normals(n, d, 1), Y = 1.05 * normals(n, d, 2).array() + 0.1;
      report("w2_assignment", n, d, [&] { return sgm::w2(X, Y); });
    }
  }
}
