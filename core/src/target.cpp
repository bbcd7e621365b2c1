#include "sgm/target.hpp"

namespace sgm {

Particles Target::sample_perturbed(std::size_t n, double a, double s, const CounterRng& rng, Stream stream,
                                   Stream noise_stream) const {
  Particles x0 = sample(n, rng, stream);
  Particles z(static_cast<Eigen::Index>(n), dim());
  rng.fill_normal(z, 0, noise_stream);
  return a * x0 + s * z;
}

}  // namespace sgm
