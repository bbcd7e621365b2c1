// Histogram TV estimate against exact bin masses (products of erf differences), a one-point sample, and the exact TV
// between a Gaussian and a shifted Gaussian with both bias bounds derived in histogram_tv.hpp.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "sgm/base/error.hpp"
#include "sgm/base/rng.hpp"
#include "sgm/metric/histogram_tv.hpp"
#include "sgm/target/gaussian.hpp"
#include "support/gaussian_fixture.hpp"

namespace {

// N(0, 1) mass of [a, b].
double normal_mass(double a, double b) { return 0.5 * (std::erf(b / std::sqrt(2.0)) - std::erf(a / std::sqrt(2.0))); }

sgm::LogDensity log_density_of(const sgm::Gaussian& q) {
  return [&q](const sgm::Particles& X) { return q.log_density(1.0, 0.0, X); };
}

using sgm::test::standard_gaussian;

}  // namespace

TEST_CASE("tv_histogram of one point: one bin [x - ½, x + ½], TV = 1 - Q(bin)") {
  // ½(|1 - Q(b)| + Q(outside)) = ½((1 - Q(b)) + (1 - Q(b))). Quadrature: 8 two-point Gauss–Legendre panels of width
  // w = 1/8 err by ≤ w⁴/4320 · max|φ| · 1 = 2.4e-4 · 1.2 / 4320 ≈ 7e-8 (max|φ| = 3φ(0)): tolerance 1e-7.
  const sgm::Gaussian q = standard_gaussian(1);
  const sgm::Particles X = sgm::Particles::Constant(1, 1, 0.3);
  CHECK(std::abs(sgm::tv_histogram(X, log_density_of(q)) - (1.0 - normal_mass(-0.2, 0.8))) <= 1e-7);
}

TEST_CASE("tv_histogram equals ½Σ|n_b/n - Q(b)| + ½Q(outside) with exact bin masses of a product Gaussian (d = 2)") {
  // The bin rule of histogram_tv.hpp written out: m = ⌈n^{1/4}⌉ = 5 for n = 600 (4^4 = 256 < 600 ≤ 625), equal bins
  // over each axis's sample range; Q(b) of N(0, I) is a product of 1-D masses (erf). Quadrature error of the
  // estimate: 2-point Gauss–Legendre on sub-bins of width ≈ 0.15: ≤ 0.15⁴/4320·∫|φ''''| per axis ≈ 1e-7 overall.
  const sgm::Gaussian q = standard_gaussian(2);
  const int n = 600, m = 5;
  sgm::Particles X(n, 2);
  sgm::CounterRng(3).fill_normal(X, 0, sgm::Stream::TargetSample);
  X.col(0) = 0.8 * X.col(0).array() + 0.4;  // not a sample of q
  std::vector<double> lo(2), h(2);
  for (int a = 0; a < 2; ++a) {
    lo[a] = X.col(a).minCoeff();
    h[a] = (X.col(a).maxCoeff() - lo[a]) / m;
  }
  std::vector<double> count(m * m, 0.0);
  for (int i = 0; i < n; ++i) {
    const int bx = std::min(m - 1, int((X(i, 0) - lo[0]) / h[0])), by = std::min(m - 1, int((X(i, 1) - lo[1]) / h[1]));
    count[bx * m + by] += 1.0 / n;
  }
  double tv = 0.0, inside = 0.0;
  for (int bx = 0; bx < m; ++bx)
    for (int by = 0; by < m; ++by) {
      const double mass = normal_mass(lo[0] + bx * h[0], lo[0] + (bx + 1) * h[0]) *
                          normal_mass(lo[1] + by * h[1], lo[1] + (by + 1) * h[1]);
      tv += 0.5 * std::abs(count[bx * m + by] - mass);
      inside += mass;
    }
  tv += 0.5 * (1.0 - inside);
  CHECK(std::abs(sgm::tv_histogram(X, log_density_of(q)) - tv) <= 1e-6);
}

TEST_CASE(
    "tv_histogram estimates TV(N(0, I), N(μ e_1, I)) = erf(μ/(2√2)) with the bias predicted bin by bin (d = 1, 2)") {
  // P = N(0, I) sampled, Q = N(μ e_1, I) known, 8 seeds of n = 4000. Given a seed's bins, every bin count is
  // Binomial(n, P(b)), so E TV̂ = ½ Σ_b E|Bin(n, P(b))/n - Q(b)| + ½ Q(outside) exactly (P(b), Q(b) from erf; the
  // binomial sum done term by term): the estimate minus this prediction averages to 0 within 5 standard errors of the
  // seed mean, up to 4/n for what the data-dependent range adds (the extreme points sit in the end bins; P(outside)
  // ≈ 2d/n is not counted). Separately, against the exact TV: the prediction lies in [TV - μ φ(0) h²/2, TV + ½ Σ_b
  // sd(Bin/n)] — the lower side the discretisation loss in the one column of bins cut by x = μ/2 (|(p - q)'| ≤ μ φ(0)),
  // the upper side the noise.
  const double mu = 1.0, exact = std::erf(mu / (2.0 * std::sqrt(2.0)));
  for (int d : {1, 2}) {
    const sgm::Gaussian p = standard_gaussian(d);
    sgm::Vector shift = sgm::Vector::Zero(d);
    shift(0) = mu;
    const sgm::Gaussian q(shift, sgm::Matrix::Identity(d, d));
    const int n = 4000, m = d == 1 ? 16 : 8;  // ⌈4000^{1/3}⌉ = 16, ⌈4000^{1/4}⌉ = 8
    std::vector<double> residual;
    for (std::uint64_t seed = 1000; seed < 1008; ++seed) {
      const sgm::Particles X = p.sample(n, sgm::CounterRng(seed), sgm::Stream::TargetSample);
      std::vector<std::vector<double>> edges(d);
      for (int a = 0; a < d; ++a) {
        const double lo = X.col(a).minCoeff(), h = (X.col(a).maxCoeff() - lo) / m;
        for (int b = 0; b <= m; ++b) edges[a].push_back(lo + b * h);
      }
      double predicted = 0.0, noise = 0.0, law_inside = 0.0;
      const int bins = d == 1 ? m : m * m;
      for (int b = 0; b < bins; ++b) {
        const int bx = d == 1 ? b : b / m, by = b % m;
        const double ey = d == 1 ? 1.0 : normal_mass(edges[1][by], edges[1][by + 1]);
        const double pb = normal_mass(edges[0][bx], edges[0][bx + 1]) * ey;
        const double qb = normal_mass(edges[0][bx] - mu, edges[0][bx + 1] - mu) * ey;
        law_inside += qb;
        double mad = 0.0;  // E|Bin(n, pb)/n - qb|
        for (int k = 0; k <= n; ++k) {
          const double log_pmf = std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0) +
                                 (k > 0 ? k * std::log(pb) : 0.0) + (k < n ? (n - k) * std::log1p(-pb) : 0.0);
          mad += std::exp(log_pmf) * std::abs(double(k) / n - qb);
        }
        predicted += 0.5 * mad;
        noise += 0.5 * std::sqrt(pb * (1.0 - pb) / n);
      }
      predicted += 0.5 * (1.0 - law_inside);
      const double h = edges[0][1] - edges[0][0];
      INFO("d = " << d << ", seed " << seed << ": exact " << exact << ", predicted " << predicted);
      CHECK(predicted <= exact + noise + 1e-12);
      CHECK(predicted >= exact - mu * h * h / (2.0 * std::sqrt(2.0 * M_PI)) - 1e-12);
      residual.push_back(sgm::tv_histogram(X, log_density_of(q)) - predicted);
    }
    double mean = 0.0, ss = 0.0;
    for (double r : residual) mean += r / residual.size();
    for (double r : residual) ss += (r - mean) * (r - mean);
    const double se = std::sqrt(ss / (residual.size() - 1) / residual.size());
    INFO("d = " << d << ": estimate - prediction = " << mean << " ± " << se);
    CHECK(std::abs(mean) <= 5.0 * se + 4.0 / n);
  }
}

TEST_CASE("tv_histogram rejects bad input with the parameter named") {
  const sgm::Gaussian q = standard_gaussian(3);
  CHECK_THROWS_WITH_AS(sgm::tv_histogram(sgm::Particles::Zero(4, 3), log_density_of(q)),
                       "dimension = 3 is out of range: must be 1 or 2 for the histogram TV estimate",
                       sgm::InvalidArgument);
  const sgm::LogDensity nan_density = [](const sgm::Particles& X) { return sgm::Vector::Constant(X.rows(), NAN); };
  CHECK_THROWS_WITH_AS(sgm::tv_histogram(sgm::Particles::Zero(4, 1), nan_density),
                       "log_density: must be finite or -Infinity at every quadrature node (got NaN or +Infinity)",
                       sgm::InvalidArgument);
}
