#include "sgm/target/target.hpp"

#include <cmath>

#include "sgm/base/error.hpp"

namespace sgm {

Particles Target::sample_perturbed(std::size_t n, double a, double s, const CounterRng& rng, Stream stream,
                                   Stream noise_stream) const {
  Particles x0 = sample(n, rng, stream);
  Particles z(static_cast<Eigen::Index>(n), dim());
  rng.fill_normal(z, 0, noise_stream);
  return a * x0 + s * z;
}

void validate_perturbation(double a, double s) {
  require(std::isfinite(a) && a >= 0.0, "a", a, "a finite number ≥ 0 (the mean coefficient of a X_0 + s Z)");
  require(std::isfinite(s) && s >= 0.0, "s", s, "a finite number ≥ 0 (the noise level of a X_0 + s Z)");
  require(a > 0.0 || s > 0.0, "s", s, "> 0 when a = 0 (a X_0 + s Z would be the point mass at 0)");
}

void validate_particles(const Particles& X, int dim) {
  require(X.cols() == dim, "particles",
          "have dimension " + std::to_string(X.cols()) + ": the target has dimension " + std::to_string(dim));
}

}  // namespace sgm
