#pragma once
// Independent references for the one-dimensional target tests: double-exponential quadrature in long double
// (Takahasi & Mori, Publ. RIMS 9 (1974); the trapezoidal rule after u = exp(π/2 sinh t) on (0, ∞), or
// u = lo + (hi - lo)(1 + tanh(π/2 sinh t))/2 on [lo, hi]). It is a different algorithm from the Gauss rules of the
// core, handles endpoint singularities such as u^{α-1}, and converges geometrically in 1/h; each test states h.
// Also: the Kolmogorov–Smirnov statistic and CLT z-scores of sample means.
#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

namespace sgm::test {

// ∫ f ≈ Σ_i exp(log_weight_i) f(x_i).
struct WeightedNodes {
  std::vector<long double> x, log_weight;
};

inline WeightedNodes exp_sinh_nodes(long double h) {
  WeightedNodes r;
  const long double half_pi = 1.5707963267948966192313216916397514L;
  for (long double t = -6.8L; t <= 6.8L; t += h) {
    const long double log_u = half_pi * std::sinh(t);
    if (std::abs(log_u) > 700.0L) continue;
    r.x.push_back(std::exp(log_u));
    r.log_weight.push_back(std::log(h) + log_u + std::log(half_pi * std::cosh(t)));
  }
  return r;
}

// The whole line as two mirrored half-lines (so that a kink or singularity at 0 sits at an endpoint).
inline WeightedNodes whole_line_nodes(long double h) {
  WeightedNodes half = exp_sinh_nodes(h), r = half;
  for (std::size_t i = 0; i < half.x.size(); ++i) {
    r.x.push_back(-half.x[i]);
    r.log_weight.push_back(half.log_weight[i]);
  }
  return r;
}

inline WeightedNodes tanh_sinh_nodes(long double lo, long double hi, long double h) {
  WeightedNodes r;
  const long double half_pi = 1.5707963267948966192313216916397514L;
  for (long double t = -4.0L; t <= 4.0L; t += h) {
    const long double v = half_pi * std::sinh(t), c = std::cosh(v);
    // 1 ± tanh(v) = e^{±v}/cosh(v), written without cancellation.
    const long double left = std::exp(-v) / c, right = std::exp(v) / c;  // (1 - tanh v), (1 + tanh v)
    r.x.push_back(lo + 0.5L * (hi - lo) * right);
    if (!(r.x.back() > lo && r.x.back() < hi) || left == 0.0L || right == 0.0L) {
      r.x.pop_back();
      continue;
    }
    r.log_weight.push_back(std::log(h * 0.5L * (hi - lo) * half_pi * std::cosh(t)) - 2.0L * std::log(c));
  }
  return r;
}

struct Integral {
  long double log_mass;  // ln ∫ exp(log_f)
  long double mean;      // ∫ g exp(log_f) / ∫ exp(log_f)
};

inline Integral integrate_on(
    const WeightedNodes& nodes, const std::function<long double(long double)>& log_f,
    const std::function<long double(long double)>& g = [](long double) { return 0.0L; }) {
  std::vector<long double> terms(nodes.x.size());
  long double top = -INFINITY;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    terms[i] = nodes.log_weight[i] + log_f(nodes.x[i]);
    if (std::isnan(terms[i])) terms[i] = -INFINITY;
    top = std::max(top, terms[i]);
  }
  long double sum = 0.0L, weighted = 0.0L;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    const long double w = std::exp(terms[i] - top);
    sum += w;
    if (w > 0.0L) weighted += w * g(nodes.x[i]);
  }
  return {top + std::log(sum), weighted / sum};
}

// sup_x |F_n(x) - F(x)| for the sample and a continuous CDF F. Under the null, √n D_n → Kolmogorov's law, whose
// 0.1% quantile is 1.95 (so √n D_n < 1.95 is a test at level 0.001 at a fixed seed).
inline double kolmogorov_smirnov(std::vector<double> sample, const std::function<double(double)>& cdf) {
  std::sort(sample.begin(), sample.end());
  const double n = static_cast<double>(sample.size());
  double d = 0.0;
  for (std::size_t i = 0; i < sample.size(); ++i) {
    const double f = cdf(sample[i]);
    d = std::max({d, std::abs(f - i / n), std::abs((i + 1) / n - f)});
  }
  return d;
}

// (sample mean of v - expected) / (sample standard deviation / √n): a CLT z-score.
inline double z_score(const std::vector<double>& v, double expected) {
  const double n = static_cast<double>(v.size());
  double mean = 0.0;
  for (double x : v) mean += x / n;
  double var = 0.0;
  for (double x : v) var += (x - mean) * (x - mean) / (n - 1.0);
  return (mean - expected) / std::sqrt(var / n);
}

}  // namespace sgm::test
