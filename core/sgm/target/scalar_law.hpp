#pragma once
// A law on the real line with everything a product target needs from it: exact draws, the log-density and score of
// a Y + s Z (Y from the law, Z ~ N(0, 1) independent), moments and assumption figures. ProductTarget
// (product_target.hpp) builds the d-dimensional law of d independent coordinates from one ScalarLaw; each law
// implements the perturbed density once, in its own way (closed form, special function or quadrature).
//
// Calls take a whole column of particles (one virtual call per coordinate and batch, never per particle).
#include <cstdint>
#include <string>

#include "sgm/base/rng.hpp"
#include "sgm/base/types.hpp"
#include "sgm/target/target.hpp"

namespace sgm {

class SymmetricModifiedHalfNormal;

// The random draws of one coordinate of one particle. The k-th draw (uniform or normal) is computed from the Philox
// block (particle, step = k, stream, pair = coordinate), so a draw depends only on (seed, particle, coordinate, k):
// a rejection sampler may use any number of draws and particles stay independent of the batch. After kMaxDraws
// draws it throws std::runtime_error (a sampler whose acceptance rate is that low is a bug, not a slow run).
class ScalarDraws {
public:
  static constexpr std::uint32_t kMaxDraws = 1u << 20;

  ScalarDraws(const CounterRng& rng, std::uint32_t particle, Stream stream, std::uint32_t coordinate)
      : rng_(rng), particle_(particle), stream_(static_cast<std::uint32_t>(stream)), coordinate_(coordinate) {}

  double uniform();                             // in (0, 1)
  double normal();                              // N(0, 1)
  std::uint32_t used() const { return used_; }  // draws so far (a rejection sampler's cost)

private:
  std::uint32_t next();

  const CounterRng& rng_;
  std::uint32_t particle_, stream_, coordinate_;
  std::uint32_t used_ = 0;
};

class ScalarLaw {
public:
  virtual ~ScalarLaw() = default;

  virtual std::string name() const = 0;

  // One exact draw of Y.
  virtual double sample(ScalarDraws& draws) const = 0;

  // ln p(x) and d/dx ln p(x) at every entry of x, p the density of a Y + s Z. The caller has validated (a, s) with
  // validate_perturbation (target.hpp). With s = 0 these are the density of a Y itself (infinite where it is).
  virtual void log_density(double a, double s, const Eigen::Ref<const Vector>& x, Eigen::Ref<Vector> out) const = 0;
  virtual void score(double a, double s, const Eigen::Ref<const Vector>& x, Eigen::Ref<Vector> out) const = 0;
  // The cost of score() at one entry in the work budget's operations (experiment/work_estimate.hpp): measured, a
  // quadrature of a few panels.
  virtual double score_cost() const { return 400.0; }

  virtual double mean() const = 0;
  virtual double variance() const = 0;
  // The figures of the one-dimensional law (TargetFigures, d = 1).
  virtual TargetFigures figures() const = 0;
  // The law as a symmetric modified half-normal law (modified_half_normal.hpp), or null.
  virtual const SymmetricModifiedHalfNormal* symmetric_modified_half_normal() const { return nullptr; }
};

}  // namespace sgm
