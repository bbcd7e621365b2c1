// W2 from a 1-D sample to a 1-D normal mixture law (quantile coupling, closed-form cell integrals), against a single
// point, quantiles found by plain bisection, and Simpson quadrature of the cell integrals in y.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "sgm/base/error.hpp"
#include "sgm/base/rng.hpp"
#include "sgm/metric/wasserstein.hpp"
#include "sgm/numerics/normal_mixture_1d.hpp"

namespace {

// The law written out with std::erfc and std::exp only (not through NormalMixture1d or standard_normal.hpp).
struct ReferenceMixture {
  std::vector<double> w, m, s;
  double cdf(double y) const {
    double f = 0.0;
    for (std::size_t k = 0; k < w.size(); ++k) f += w[k] * 0.5 * std::erfc(-(y - m[k]) / (s[k] * std::sqrt(2.0)));
    return f;
  }
  double pdf(double y) const {
    double p = 0.0;
    for (std::size_t k = 0; k < w.size(); ++k)
      p += w[k] * std::exp(-0.5 * (y - m[k]) * (y - m[k]) / (s[k] * s[k])) / (s[k] * std::sqrt(2.0 * M_PI));
    return p;
  }
  // F(y) = u by 200 bisections of [-60, 60] (the laws below live well inside).
  double quantile(double u) const {
    double lo = -60.0, hi = 60.0;
    for (int i = 0; i < 200; ++i) (cdf(0.5 * (lo + hi)) < u ? lo : hi) = 0.5 * (lo + hi);
    return 0.5 * (lo + hi);
  }
  sgm::NormalMixture1d law() const { return sgm::NormalMixture1d(w, m, s); }
};

// Σ_i ∫_{y_{i-1}}^{y_i} (x_(i) - y)² q(y) dy by composite Simpson in y with panels of width ≤ h, tails cut 14
// standard deviations beyond every component (mass beyond < 1e-44). Simpson's error is O(h⁴), so halving h divides
// it by 16: the change from h to h/2 exceeds the error at h/2 (by a factor ≈ 15).
double simpson_w2_squared(std::vector<double> x, const ReferenceMixture& q, double h) {
  std::sort(x.begin(), x.end());
  const std::size_t n = x.size();
  const double smax = *std::max_element(q.s.begin(), q.s.end());
  double total = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double a = i == 0 ? *std::min_element(q.m.begin(), q.m.end()) - 14.0 * smax : q.quantile(double(i) / n);
    const double b =
        i + 1 == n ? *std::max_element(q.m.begin(), q.m.end()) + 14.0 * smax : q.quantile(double(i + 1) / n);
    const int panels = 2 * std::max(1, int(std::ceil((b - a) / (2.0 * h))));
    const double step = (b - a) / panels;
    auto f = [&](double y) { return (x[i] - y) * (x[i] - y) * q.pdf(y); };
    double sum = f(a) + f(b);
    for (int k = 1; k < panels; ++k) sum += (k % 2 ? 4.0 : 2.0) * f(a + k * step);
    total += sum * step / 3.0;
  }
  return total;
}

const ReferenceMixture kGaussian{{1.0}, {0.5}, {1.5}};
const ReferenceMixture kBimodal{{0.3, 0.7}, {-2.0, 1.0}, {0.4, 0.8}};

}  // namespace

TEST_CASE("w2_to_law_1d of a single point is sqrt(E(x - Y)²) = sqrt(Σ π_k ((x - m_k)² + s_k²))") {
  for (const ReferenceMixture* q : {&kGaussian, &kBimodal}) {
    for (double x : {-3.0, 0.0, 0.7, 10.0}) {
      double expected = 0.0;
      for (std::size_t k = 0; k < q->w.size(); ++k)
        expected += q->w[k] * ((x - q->m[k]) * (x - q->m[k]) + q->s[k] * q->s[k]);
      CHECK(sgm::w2_to_law_1d((sgm::Vector(1) << x).finished(), q->law()) ==
            doctest::Approx(std::sqrt(expected)).epsilon(1e-14));
    }
  }
}

TEST_CASE("w2_to_law_1d equals Simpson quadrature of the quantile-coupling cell integrals") {
  const sgm::CounterRng rng(31);
  for (const ReferenceMixture* q : {&kGaussian, &kBimodal}) {
    for (Eigen::Index n : {2, 7, 40}) {
      sgm::Particles z(n, 1);
      rng.fill_normal(z, static_cast<std::uint32_t>(n), sgm::Stream::TargetSample);
      const sgm::Vector x = 1.3 * z.col(0).array() + 0.2;  // not a sample of q: W2 well away from 0
      const std::vector<double> xs(x.data(), x.data() + n);
      const double h = *std::min_element(q->s.begin(), q->s.end()) / 64.0;
      const double coarse = simpson_w2_squared(xs, *q, h), expected = simpson_w2_squared(xs, *q, h / 2.0);
      INFO("components " << q->w.size() << ", n = " << n << ", Simpson change " << coarse - expected);
      CHECK(std::abs(std::pow(sgm::w2_to_law_1d(x, q->law()), 2) - expected) <=
            std::abs(coarse - expected) + 1e-13 * expected);
    }
  }
}

TEST_CASE("quantile_grid solves F(y_i) = i/n to a few ulps, in the tails too") {
  // Above the median the check is on the upper tail 1 - F = (n - i)/n, computed from erfc without cancellation.
  const sgm::NormalMixture1d law = kBimodal.law();
  const Eigen::Index n = 100000;
  const sgm::Vector y = law.quantile_grid(n);
  REQUIRE(y.size() == n - 1);
  double worst = 0.0;
  bool increasing = true;
  for (Eigen::Index i = 1; i < n; ++i) {
    const bool lower = 2 * i <= n;
    const double target = lower ? double(i) / n : double(n - i) / n;
    const double got = lower ? law.cdf(y(i - 1)) : law.upper_tail(y(i - 1));
    worst = std::max(worst, std::abs(got - target) / target);
    if (i > 1) increasing = increasing && y(i - 1) > y(i - 2);
  }
  CHECK(increasing);
  CHECK(worst <= 1e-12);
  CHECK(y(0) == doctest::Approx(kBimodal.quantile(1.0 / n)).epsilon(1e-12));
  CHECK(law.quantile_grid(1).size() == 0);
}

TEST_CASE("NormalMixture1d and w2_to_law_1d reject bad input with the parameter named") {
  CHECK_THROWS_WITH_AS(sgm::NormalMixture1d({0.5, 0.6}, {0.0, 1.0}, {1.0, 1.0}),
                       "weights = 1.1 is out of range: must be weights summing to 1 (sum shown)", sgm::InvalidArgument);
  CHECK_THROWS_WITH_AS(sgm::NormalMixture1d({1.0}, {0.0}, {0.0}),
                       "stds[0] = 0 is out of range: must be a positive finite number", sgm::InvalidArgument);
  CHECK_THROWS_AS(sgm::NormalMixture1d({1.0}, {0.0, 1.0}, {1.0}), sgm::InvalidArgument);
  CHECK_THROWS_WITH_AS(sgm::w2_to_law_1d((sgm::Vector(2) << 0.0, NAN).finished(), kGaussian.law()),
                       "x: must contain only finite numbers (got NaN or Infinity)", sgm::InvalidArgument);
}
