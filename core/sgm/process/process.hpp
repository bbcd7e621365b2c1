#pragma once
// Forward noising process with a linear drift and isotropic noise (theory §1, §7):
//
//     dX_t = -f(t) X_t dt + g(t) dB_t,        X_0 ~ data,  t in [0, T].
//
// Its marginal is X_t = a(t) X_0 + σ(t) Z with a(t) = exp(-∫_0^t f) and σ(t)^2 = a(t)^2 ∫_0^t g^2/a^2, Z ~ N(0, I).
// OU, VP, sub-VP and VE are all of this form, so every sampler written against this interface serves all of them.
// The reverse-time samplers need only the quantities below; none looks a time up by equality.
#include <string>

namespace sgm {

class Process {
public:
  virtual ~Process() = default;

  virtual std::string name() const = 0;

  virtual double drift_rate(double t) const = 0;    // f(t): drift is -f(t) x
  virtual double diffusion_sq(double t) const = 0;  // g(t)^2
  virtual double mean_coeff(double t) const = 0;    // a(t)
  virtual double std(double t) const = 0;           // σ(t)

  // Variance of X_t given X_s (s ≤ t): a(t)^2 ∫_s^t g^2/a^2 du. Its own method so that small steps keep precision.
  virtual double transition_var(double s, double t) const = 0;
  // ∫_s^t g(u)^2 / a(u) du (s ≤ t): the weight of the frozen score in the exponential integrator.
  virtual double score_weight(double s, double t) const = 0;

  // Standard deviation of the isotropic Gaussian the reverse process starts from at time T.
  virtual double prior_std(double T) const = 0;

  // Capabilities the published bounds ask: the OU process dX = -X dt + √2 dB in its own clock (Chen et al.'s and
  // Bruno–Sabanis's), and a variance-exploding process (no drift).
  virtual bool standard_ou() const { return false; }
  virtual bool variance_exploding() const { return false; }
};

// Throws InvalidArgument naming T unless the reverse process can start at T: a(T) a positive normal double (the
// samplers divide by it) and σ(T) finite. A horizon far beyond the process's natural one fails here instead of
// giving NaN samples (e.g. OU with T = 800: e^{-800} underflows to 0).
void require_horizon(const Process& process, double T);

}  // namespace sgm
