#include "sgm/sampler/sampler_run.hpp"

#include <string>

#include "sgm/base/error.hpp"

namespace sgm {

SamplerRun::SamplerRun(Grid grid, std::size_t n) : grid_(std::move(grid)) {
  require(n >= 1 && n <= kMaxParticles, "particles", static_cast<double>(n),
          "an integer in [1, " + std::to_string(kMaxParticles) + "]");
}

void SamplerRun::step() {
  if (done()) return;
  const auto& t = grid_.times();
  score_evals_ += advance(k_, t[k_], t[k_ + 1]);
  ++k_;
}

void SamplerRun::run(const Callback& callback) {
  while (!done()) {
    step();
    if (callback) callback(steps_done(), time(), particles(), score_evaluations());
  }
}

}  // namespace sgm
