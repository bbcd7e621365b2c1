// KL divergences to Gaussians: the closed form against the 1-D formula, block additivity and a Monte Carlo average of
// the log-density ratio; the Monte Carlo path for mixtures against the closed form of a one-component mixture; and the
// log-Sobolev decay KL(q_T ‖ γ^d) ≤ e^{-2T} KL(q ‖ γ^d) of the OU initialisation term (theory §8.2, §9.6).
#include <doctest/doctest.h>

#include <cmath>
#include <memory>

#include "sgm/base/error.hpp"
#include "sgm/metric/gaussian_kl.hpp"
#include "sgm/process/ornstein_uhlenbeck.hpp"
#include "sgm/target/gaussian.hpp"

using namespace sgm;

namespace {
Matrix spd(int d, double scale, double corr) {
  Matrix m = scale * Matrix::Identity(d, d);
  for (int i = 0; i + 1 < d; ++i) m(i, i + 1) = m(i + 1, i) = corr;
  return m;
}
}  // namespace

TEST_CASE("gaussian_kl: 1-D formula ½ (v0/v1 + (m1-m0)²/v1 - 1 + ln(v1/v0)) and additivity over independent blocks") {
  const double m0 = 0.3, v0 = 0.7, m1 = -1.1, v1 = 2.2;
  const double expected = 0.5 * (v0 / v1 + (m1 - m0) * (m1 - m0) / v1 - 1.0 + std::log(v1 / v0));
  CHECK(gaussian_kl(Vector::Constant(1, m0), Matrix::Constant(1, 1, v0), Vector::Constant(1, m1),
                    Matrix::Constant(1, 1, v1)) == doctest::Approx(expected).epsilon(1e-14));
  // Block-diagonal covariances: the KL is the sum of the blocks' KLs.
  Matrix S0 = Matrix::Zero(3, 3), S1 = Matrix::Zero(3, 3);
  S0.topLeftCorner(2, 2) = spd(2, 1.3, 0.4);
  S0(2, 2) = v0;
  S1.topLeftCorner(2, 2) = spd(2, 0.8, -0.2);
  S1(2, 2) = v1;
  Vector a(3), b(3);
  a << 0.5, -0.2, m0;
  b << -0.4, 0.9, m1;
  const double block = gaussian_kl(a.head(2), S0.topLeftCorner(2, 2), b.head(2), S1.topLeftCorner(2, 2));
  CHECK(gaussian_kl(a, S0, b, S1) == doctest::Approx(block + expected).epsilon(1e-13));
  CHECK(gaussian_kl(a, S0, a, S0) == doctest::Approx(0.0).epsilon(1e-14));
}

TEST_CASE("gaussian_kl agrees with a Monte Carlo mean of ln N0 - ln N1 (5 standard errors)") {
  const int d = 3;
  const Matrix S0 = spd(d, 0.9, 0.3), S1 = spd(d, 1.4, -0.5);
  Vector m0(d), m1(d);
  m0 << 0.2, -0.7, 1.0;
  m1 << -0.3, 0.1, 0.4;
  const Gaussian p(m0, S0), q(m1, S1);
  const Particles X = p.sample(40000, CounterRng(3), Stream::Reference);
  const Vector ratio = p.log_density(1.0, 0.0, X) - q.log_density(1.0, 0.0, X);
  const Estimate e = monte_carlo_estimate(ratio, 0.95);
  const double exact = gaussian_kl(m0, S0, m1, S1);
  INFO("exact " << exact << ", Monte Carlo " << e.value << " ± " << e.std_error);
  CHECK(std::abs(e.value - exact) < 5 * e.std_error);
}

TEST_CASE("kl_to_isotropic_gaussian: Monte Carlo (mixture) vs closed form (Gaussian) for the same law") {
  Vector mean(2);
  mean << 0.8, -0.3;
  const Matrix cov = spd(2, 0.4, 0.1);
  const Gaussian gaussian(mean, cov);
  const GaussianMixture one_component({1.0}, {mean}, {cov});  // not a Gaussian object: takes the Monte Carlo path
  const OrnsteinUhlenbeck ou;
  for (double t : {0.0, 0.3, 1.5}) {
    const double a = ou.mean_coeff(t), s = ou.std(t);
    const Estimate exact = kl_to_isotropic_gaussian(gaussian, a, s, 1.0, {});
    const Estimate mc = kl_to_isotropic_gaussian(one_component, a, s, 1.0, {20000, 0.95, 4});
    INFO("t = " << t << ": exact " << exact.value << ", Monte Carlo " << mc.value << " ± " << mc.std_error);
    CHECK(exact.exact());
    CHECK(std::abs(mc.value - exact.value) < 5 * mc.std_error);
  }
  // With r ≠ 1: KL(N(m, S) ‖ N(0, r² I)) by the closed form.
  const double r = 1.7;
  CHECK(kl_to_isotropic_gaussian(gaussian, 1.0, 0.0, r, {}).value ==
        doctest::Approx(gaussian_kl(mean, cov, Vector::Zero(2), r * r * Matrix::Identity(2, 2))));
}

TEST_CASE("initialisation term: KL(q_T ‖ γ^d) ≤ e^{-2T} KL(q ‖ γ^d) (log-Sobolev inequality of γ^d)") {
  const OrnsteinUhlenbeck ou;
  Vector mean(2);
  mean << 1.0, -0.5;
  const Gaussian gaussian(mean, spd(2, 0.3, 0.1));
  // Two-mode mixture: Monte Carlo on both sides; compare upper end at T with lower end at 0 (both 95% intervals).
  const GaussianMixture mixture({0.3, 0.7}, {Vector::Constant(2, 1.5), Vector::Constant(2, -1.0)},
                                {0.2 * Matrix::Identity(2, 2), spd(2, 0.5, 0.2)});
  const MonteCarloOptions mc{20000, 0.95, 8};
  const double kl_gaussian = kl_to_isotropic_gaussian(gaussian, 1.0, 0.0, 1.0, mc).value;
  const Estimate kl_mixture = kl_to_isotropic_gaussian(mixture, 1.0, 0.0, 1.0, mc);
  for (double T : {0.1, 0.5, 1.0, 2.0, 4.0}) {
    const double decay = std::exp(-2.0 * T);
    const double gT = kl_to_isotropic_gaussian(gaussian, ou.mean_coeff(T), ou.std(T), 1.0, mc).value;
    const Estimate mT = kl_to_isotropic_gaussian(mixture, ou.mean_coeff(T), ou.std(T), 1.0, mc);
    INFO("T = " << T << ": Gaussian " << gT << " ≤ " << decay * kl_gaussian << "; mixture " << mT.upper << " ≤ "
                << decay * kl_mixture.lower);
    CHECK(gT <= decay * kl_gaussian);
    CHECK(mT.upper <= decay * kl_mixture.lower);
  }
}

TEST_CASE("bad KL arguments are rejected with their names") {
  const Gaussian g(Vector::Zero(1), Matrix::Identity(1, 1));
  CHECK_THROWS_WITH_AS(kl_to_isotropic_gaussian(g, 1.0, 0.0, 0.0, {}),
                       "r = 0 is out of range: must be a finite number > 0", InvalidArgument);
  CHECK_THROWS_AS(kl_to_isotropic_gaussian(g, 0.0, 0.0, 1.0, {}), InvalidArgument);
  CHECK_THROWS_AS(gaussian_kl(Vector::Zero(1), -Matrix::Identity(1, 1), Vector::Zero(1), Matrix::Identity(1, 1)),
                  InvalidArgument);
  const GaussianMixture m({1.0}, {Vector::Zero(1)}, {Matrix::Identity(1, 1)});
  CHECK_THROWS_WITH_AS(kl_to_isotropic_gaussian(m, 1.0, 0.0, 1.0, {1, 0.95, 0}),
                       "samples = 1 is out of range: must be an integer in [2, 10000000]", InvalidArgument);
}
