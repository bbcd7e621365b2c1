// Throughput of the reverse samplers, in particle-steps per second (one score evaluation + one step update each).
// Usage: build/native/sgm_bench [particles] [steps]. Prints one JSON line per case; speed is measured here, never
// in tests. The WebAssembly counterpart is bench/wasm-bench.mjs (same experiments through Embind).
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <memory>

#include "sgm/experiment/catalogue.hpp"
#include "sgm/experiment/experiment.hpp"
#include "sgm/experiment/process_diffusion.hpp"
#include "sgm/target/gaussian_mixture.hpp"

namespace {

std::shared_ptr<const sgm::Target> ring_mixture(int components, double radius, double std) {
  std::vector<double> w(static_cast<std::size_t>(components), 1.0 / components);
  std::vector<sgm::Vector> means;
  std::vector<sgm::Matrix> covs;
  for (int j = 0; j < components; ++j) {
    const double angle = 2.0 * M_PI * j / components;
    sgm::Vector m(2);
    m << radius * std::cos(angle), radius * std::sin(angle);
    means.push_back(m);
    covs.push_back(std * std * sgm::Matrix::Identity(2, 2));
  }
  return std::make_shared<sgm::GaussianMixture>(w, means, covs);
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 20000;
  const std::size_t steps = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 100;
  for (const char* sampler : {"ei", "em"}) {
    sgm::ExperimentConfig c;
    c.target = ring_mixture(8, 3.0, 0.3);
    c.process = sgm::make_diffusion("ou");
    c.sampler = sgm::make_stepper(sampler);
    c.steps = steps;
    c.particles = n;
    c.metrics = {};
    double best = 0.0;
    for (int repeat = 0; repeat < 3; ++repeat) {
      sgm::Experiment e(c);
      const auto start = std::chrono::steady_clock::now();
      e.sampler().run();
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      best = std::max(best, static_cast<double>(n * steps) / seconds);
    }
    std::cout << "{\"case\": \"gmm8-2d\", \"sampler\": \"" << sampler << "\", \"particles\": " << n
              << ", \"steps\": " << steps << ", \"particle_steps_per_second\": " << best << "}\n";
  }
}
