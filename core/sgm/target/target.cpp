#include "sgm/target/target.hpp"

#include <algorithm>
#include <cmath>

#include "sgm/base/error.hpp"

namespace sgm {

Particles Target::sample_perturbed(std::size_t n, double a, double s, const CounterRng& rng, Stream stream,
                                   Stream noise_stream) const {
  constexpr std::size_t kRows = 4096;  // rows drawn at a time: 64 KB of temporaries per coordinate pair
  Particles x(static_cast<Eigen::Index>(n), dim());
  for (std::size_t first = 0; first < n; first += kRows) {
    const std::size_t count = std::min(kRows, n - first);
    x.middleRows(static_cast<Eigen::Index>(first), static_cast<Eigen::Index>(count)) =
        sample_perturbed_rows(first, count, a, s, rng, stream, noise_stream);
  }
  return x;
}

Particles Target::sample_perturbed_rows(std::size_t first, std::size_t count, double a, double s, const CounterRng& rng,
                                        Stream stream, Stream noise_stream) const {
  Particles x0 = sample_rows(first, count, rng, stream);
  Particles z(static_cast<Eigen::Index>(count), dim());
  rng.fill_normal(z, 0, noise_stream, static_cast<std::uint32_t>(first));
  return a * x0 + s * z;
}

void validate_perturbation(double a, double s) {
  require(std::isfinite(a) && a >= 0.0, "a", a, "a finite number ≥ 0 (the mean coefficient of a X_0 + s Z)");
  require(std::isfinite(s) && s >= 0.0, "s", s, "a finite number ≥ 0 (the noise level of a X_0 + s Z)");
  require(a > 0.0 || s > 0.0, "s", s, "> 0 when a = 0 (a X_0 + s Z would be the point mass at 0)");
}

namespace {
// The first finite entry of `m` whose magnitude exceeds `max`, named as name[i] for a vector and name[i][j] for a
// matrix (NaN and infinities are left to the callers' finiteness checks, whose message says so).
void require_entries_at_most(const Matrix& m, double max, const std::string& name, bool vector) {
  auto too_large = [max](double x) { return std::isfinite(x) && std::abs(x) > max; };
  if (!m.unaryExpr(too_large).any()) return;
  Eigen::Index row = 0, col = 0;
  for (Eigen::Index k = 0; k < m.size(); ++k)
    if (too_large(m(k % m.rows(), k / m.rows()))) {
      row = k % m.rows(), col = k / m.rows();
      break;
    }
  const std::string at = "[" + std::to_string(row) + "]" + (vector ? "" : "[" + std::to_string(col) + "]");
  require(false, name + at, m(row, col), [&] {
    return "a finite number of magnitude at most " + format_value(max) +
           " (beyond it the run's squared distances and covariances overflow double precision)";
  });
}
}  // namespace

void require_magnitude_at_most(const Vector& v, double max, const std::string& name) {
  require_entries_at_most(v, max, name, true);
}

void require_magnitude_at_most(const Matrix& m, double max, const std::string& name) {
  require_entries_at_most(m, max, name, false);
}

void validate_particles(const Particles& X, int dim) {
  require(X.cols() == dim, "particles",
          "have dimension " + std::to_string(X.cols()) + ": the target has dimension " + std::to_string(dim));
}

}  // namespace sgm
