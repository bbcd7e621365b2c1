#include "sgm/sampler/annealed_langevin.hpp"

namespace sgm {

void AnnealedLangevin::step(const Process& process, const ScoreModel& score, const NoiseSource& noise, std::uint32_t k,
                            double, double t_next, Particles& X, StepperState& state) const {
  moves_.correct(process, score, noise, k, t_next, 1.0, X, state.workspace);
}

}  // namespace sgm
