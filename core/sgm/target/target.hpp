#pragma once
// A data law q and everything the samplers, metrics and bounds need from it.
//
// Every forward process of this library has marginals X_t = a X_0 + s Z (see process.hpp), so a target answers for
// the law of a X_0 + s Z directly: pass a = a(t), s = σ(t). With (a, s) = (1, 0) it answers for the data law itself.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>

#include "sgm/base/rng.hpp"
#include "sgm/base/types.hpp"

namespace sgm {

class Gaussian;
class GaussianMixture;
class IsotropicMixtureKernel;
class ProductTarget;

// The cost of one score evaluation at one point, for the work budget (experiment/work_estimate.hpp): floating-point
// operations, roughly, and the bytes of workspace it holds per point.
struct ScoreCost {
  double operations = 0.0;       // per point scored
  double bytes = 0.0;            // per point scored
  double workspace_bytes = 0.0;  // held once, whatever the number of points
};

// Assumption figures used by the published and certified bounds. NaN means "not known"; +∞ means "not finite".
struct TargetFigures {
  double m2 = std::numeric_limits<double>::quiet_NaN();             // second moment E|X|^2 (note: m_2^2 in theory §1)
  double lipschitz = std::numeric_limits<double>::quiet_NaN();      // sup_t Lipschitz constant of ∇ln q_t (OU)
  double support_radius = std::numeric_limits<double>::infinity();  // R with q(B(0, R)) = 1
  double semiconvexity = std::numeric_limits<double>::quiet_NaN();  // smallest K: U + K|x|^2/2 convex, q ∝ e^{-U}
  double convexity_at_infinity = std::numeric_limits<double>::quiet_NaN();    // μ
  double kl_to_standard_gaussian = std::numeric_limits<double>::quiet_NaN();  // KL(q ‖ N(0, I))
};

class Target {
public:
  virtual ~Target() = default;

  virtual std::string name() const = 0;
  virtual int dim() const = 0;

  // n exact samples of the data law (rows), using rng stream `stream`; particle i uses counter particle = i.
  Particles sample(std::size_t n, const CounterRng& rng, Stream stream) const { return sample_rows(0, n, rng, stream); }
  // Rows first … first + count − 1 of sample(): each particle's draws are keyed by its index, so a sample drawn block
  // by block is the sample drawn whole, bit for bit.
  virtual Particles sample_rows(std::size_t first, std::size_t count, const CounterRng& rng, Stream stream) const = 0;

  // ∇ log p at each row of X, where p is the law of a X_0 + s Z (X_0 ~ q, Z ~ N(0, I) independent).
  virtual void score(double a, double s, const Particles& X, Particles& out) const = 0;
  // log p at each row of X.
  virtual Vector log_density(double a, double s, const Particles& X) const = 0;

  virtual ScoreCost score_cost() const { return {20.0 * dim(), 0.0}; }

  virtual Vector mean() const = 0;        // E X_0
  virtual Matrix covariance() const = 0;  // Cov X_0
  virtual TargetFigures figures() const = 0;

  // Capabilities: the target as a Gaussian mixture (its components give exact per-component metrics and the exact
  // velocity score), as a single Gaussian (closed-form KL, Fisher information, log-Sobolev constant); null if it is
  // not one.
  virtual const GaussianMixture* mixture_form() const { return nullptr; }
  virtual const Gaussian* gaussian_form() const { return nullptr; }
  // The target as the empirical law of points (N × d), for the memorisation metric; null if it is not one.
  virtual const Particles* empirical_points() const { return nullptr; }
  // The target as a mixture of isotropic Gaussians whose score the isotropic kernel evaluates (mixture_kernel.hpp);
  // null if it is not one. The float32 sampler (float32_reverse_diffusion.hpp) runs on it.
  virtual const IsotropicMixtureKernel* isotropic_mixture() const { return nullptr; }
  // The target as a product of one-dimensional laws (product_target.hpp); null if it is not one.
  virtual const ProductTarget* product_form() const { return nullptr; }

  // n exact samples of a X_0 + s Z: X_0 from `stream`, Z from `noise_stream`. Drawn block by block (rows of
  // sample_perturbed_rows), so that it holds no n × d temporary besides the result.
  Particles sample_perturbed(std::size_t n, double a, double s, const CounterRng& rng, Stream stream,
                             Stream noise_stream) const;
  // Rows first … first + count − 1 of sample_perturbed(), bit for bit.
  Particles sample_perturbed_rows(std::size_t first, std::size_t count, double a, double s, const CounterRng& rng,
                                  Stream stream, Stream noise_stream) const;
};

// Checks a perturbation (a, s) of a data law: a ≥ 0 and s ≥ 0 finite, and not both 0 (the law of 0 · X_0 + 0 · Z is a
// point mass). Throws InvalidArgument naming "a" or "s".
void validate_perturbation(double a, double s);

// Checks that particles X have `dim` columns; throws InvalidArgument naming "particles".
void validate_particles(const Particles& X, int dim);

// The largest magnitudes a target's description may hold: its locations (means, points) and its covariance entries.
// Beyond them a run's squared distances, covariances and metrics overflow double precision (1e50² · 4096 and
// (1e100)² · 4096² are still finite), so the target refuses them rather than letting a run return non-finite numbers.
constexpr double kMaxLocation = 1e50;
constexpr double kMaxCovarianceEntry = 1e100;

// Throws InvalidArgument naming `name`, the first finite entry whose magnitude exceeds `max`, and `max`.
void require_magnitude_at_most(const Vector& v, double max, const std::string& name);
void require_magnitude_at_most(const Matrix& m, double max, const std::string& name);

}  // namespace sgm
