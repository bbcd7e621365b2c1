#include "sgm/sampler/sampler_run.hpp"

#include <string>

#include "sgm/base/cancellation.hpp"
#include "sgm/base/error.hpp"

namespace sgm {

SamplerRun::SamplerRun(Grid grid, std::size_t n, std::uint32_t first_particle)
    : grid_(std::move(grid)), first_particle_(first_particle) {
  require(n >= 1 && n <= kMaxParticles, "particles", static_cast<double>(n),
          "an integer in [1, " + std::to_string(kMaxParticles) + "]");
}

void SamplerRun::step() {
  if (done()) return;
  const auto& t = grid_.times();
  poll_cancellation([&] {
    return "at step " + std::to_string(k_) + " of " + std::to_string(grid_.steps()) +
           " (forward time t = " + format_value(t[k_]) + ")";
  });
  score_evals_ += advance(k_, t[k_], t[k_ + 1]);
  ++k_;
  require_finite_particles();
}

void SamplerRun::require_finite_particles() const {
  if (particles_finite()) return;
  const Particles& X = particles();
  Eigen::Index bad = 0;
  while (X.row(bad).allFinite()) ++bad;
  // Named by its index in the whole run, also when this run is a block of it.
  const std::size_t particle = first_particle_ + static_cast<std::size_t>(bad);
  std::string coordinates;
  for (Eigen::Index j = 0; j < X.cols() && j < 4; ++j) coordinates += (j ? ", " : "") + format_value(X(bad, j));
  if (X.cols() > 4) coordinates += ", ...";
  throw InvalidArgument("the run produced a non-finite value at step " + std::to_string(k_) + " of " +
                        std::to_string(grid_.steps()) + " (forward time t = " + format_value(time()) + "): particle " +
                        std::to_string(particle) + " = (" + coordinates + "). " + overflow_advice());
}

void SamplerRun::run(const Callback& callback) {
  while (!done()) {
    step();
    if (callback) callback(steps_done(), time(), particles(), score_evaluations());
  }
}

}  // namespace sgm
