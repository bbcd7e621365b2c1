#include "sgm/target/double_well.hpp"

#include "sgm/base/registry.hpp"
#include "sgm/target/product_target.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sgm/base/error.hpp"
#include "sgm/numerics/constants.hpp"

namespace sgm {

namespace {
constexpr double kDoubleWellDepth = 45.0;  // L: windows end where H < max H - L
constexpr double kPanelWidths = 4.0;       // panel length in local standard deviations (16 nodes: error ~1e-15)
constexpr int kMaxPanels = 256;

// Real roots of t³ + p t + q = 0, increasing (1 or 3 of them), by the trigonometric / hyperbolic forms of Viète's
// solution (e.g. Nickalls, Math. Gazette 77 (1993)), each polished by two Newton steps.
int depressed_cubic_roots(double p, double q, double roots[3]) {
  int count = 1;
  if (p == 0.0) {
    roots[0] = std::cbrt(-q);
  } else {
    const double r = std::sqrt(std::abs(p) / 3.0);
    const double arg = 1.5 * q / (p * r);
    if (p > 0.0) {
      roots[0] = -2.0 * r * std::sinh(std::asinh(arg) / 3.0);
    } else if (std::abs(arg) > 1.0) {
      roots[0] = -2.0 * (q > 0.0 ? 1.0 : -1.0) * r * std::cosh(std::acosh(std::abs(arg)) / 3.0);
    } else {
      const double theta = std::acos(arg) / 3.0, third = 2.0 * kPi / 3.0;
      for (int k = 0; k < 3; ++k) roots[k] = 2.0 * r * std::cos(theta - third * k);
      count = 3;
    }
  }
  for (int k = 0; k < count; ++k)
    for (int iteration = 0; iteration < 2; ++iteration) {
      const double slope = 3.0 * roots[k] * roots[k] + p;
      if (slope != 0.0) roots[k] -= (roots[k] * (roots[k] * roots[k] + p) + q) / slope;
    }
  std::sort(roots, roots + count);
  return count;
}
}  // namespace

DoubleWell::DoubleWell(double stiffness, double well, int nodes) : kappa_(stiffness), m_(well) {
  require(std::isfinite(stiffness) && stiffness >= 1e-3 && stiffness <= 1e3, "stiffness", stiffness,
          "a number in [1e-3, 1e3]");
  require(std::isfinite(well) && well >= 0.0 && well <= 10.0, "well", well, "a number in [0, 10]");
  require(nodes >= 2 && nodes <= 64, "quadrature nodes", nodes, "an integer in [2, 64]");
  rule_ = gauss_legendre(nodes);
  log_weights_ = rule_.weights.array().log();
  // With a = 0, s = 1, x = 0 the data-space integrand is exp(-U(y)): its mass is Z and its means are π's.
  const Posterior law = integrate(0.0, 1.0, 0.0, false);
  log_z_ = law.log_mass;
  second_moment_ = law.mean_y2;
  figures_.m2 = second_moment_;
  figures_.kl_to_standard_gaussian = -law.mean_potential - log_z_ + kHalfLogTwoPi + 0.5 * second_moment_;
  figures_.semiconvexity = kappa_ * m_ * m_;
  figures_.convexity_at_infinity = kInfinity;
  figures_.lipschitz = kInfinity;
  figures_.support_radius = kInfinity;
}

double DoubleWell::potential(double y) const {
  const double w = y * y - m_ * m_;
  return 0.25 * kappa_ * w * w;
}

double DoubleWell::potential_gradient(double y) const { return kappa_ * y * (y * y - m_ * m_); }

DoubleWell::Posterior DoubleWell::integrate(double a, double s, double x, bool noise_space) const {
  // Parametrisation t ↦ y (ratio = dy/dt) and log-integrand H(t) (see the header).
  const double ratio = noise_space ? s / a : 1.0;
  auto y_of = [&](double t) { return noise_space ? (x + s * t) / a : t; };
  // H is a quartic polynomial in t, so its Taylor expansion about any point t0 is exact:
  //   H(t0 + d) = H(t0) + H' d + H'' d²/2 + H''' d³/6 + H'''' d⁴/24.
  // Nodes are placed and weighted through this expansion about their window's peak, never as a difference of two
  // absolute values of H: far out (|x| = 1e6, s = 1e-8) H itself is ~1e23 while its variation over the window is ~45.
  struct Expansion {
    double t, y, h, d1, d2, d3, d4;
  };
  auto expand = [&](double t) {
    const double y = y_of(t), g = noise_space ? t : (x - a * t) / s;
    const double u1 = potential_gradient(y), u2 = kappa_ * (3.0 * y * y - m_ * m_), u3 = 6.0 * kappa_ * y,
                 u4 = 6.0 * kappa_;
    Expansion e{t, y, -potential(y) - 0.5 * g * g, 0.0, 0.0, 0.0, 0.0};
    if (noise_space) {
      const double r2 = ratio * ratio;
      e.d1 = -u1 * ratio - t, e.d2 = -u2 * r2 - 1.0, e.d3 = -u3 * r2 * ratio, e.d4 = -u4 * r2 * r2;
    } else {
      e.d1 = -u1 + a * (x - a * t) / (s * s), e.d2 = -u2 - a * a / (s * s), e.d3 = -u3, e.d4 = -u4;
    }
    return e;
  };
  auto rise = [](const Expansion& e, double d) {  // H(e.t + d) - H(e.t)
    return d * (e.d1 + d * (0.5 * e.d2 + d * (e.d3 / 6.0 + d * e.d4 / 24.0)));
  };
  auto curvature = [](const Expansion& e, double d) { return e.d2 + d * (e.d3 + 0.5 * d * e.d4); };  // H''(e.t + d)

  // Critical points: H'(y) = 0 ⟺ y³ + (a²/(κ s²) - m²) y - a x/(κ s²) = 0 in data space; map to t, polish by Newton.
  // One critical point: the maximum. Three: maximum, minimum, maximum (H is a quartic going to -∞ both ways).
  double roots[3];
  const int count = depressed_cubic_roots(a * a / (kappa_ * s * s) - m_ * m_, -a * x / (kappa_ * s * s), roots);
  Expansion critical[3];
  for (int k = 0; k < count; ++k) {
    double t = noise_space ? (a * roots[k] - x) / s : roots[k];
    for (int iteration = 0; iteration < 3; ++iteration) {
      const Expansion e = expand(t);
      if (e.d2 != 0.0) t -= e.d1 / e.d2;
    }
    critical[k] = expand(t);
  }
  const Expansion& first = critical[0];
  const Expansion& last = critical[count - 1];
  const double top = std::max(first.h, last.h), level = top - kDoubleWellDepth;

  // From a peak outwards (offset d, direction dir) until H < level, but not beyond the offset `limit`.
  auto drop = [&](const Expansion& peak, double dir, double limit) {
    const double target = level - peak.h, c = -peak.d2;
    double width = c > 0.0 ? 1.0 / std::sqrt(c) : 1.0, inside = 0.0, outside = 0.0;
    for (int k = 0; k < 200; ++k, width *= 2.0) {
      outside = dir * width;
      if (dir * (outside - limit) >= 0.0) return limit;
      if (rise(peak, outside) < target) break;
      inside = outside;
    }
    for (int k = 0; k < 16; ++k) {  // to 2^-16 of the last doubling step, keeping the outer end
      const double mid = 0.5 * (inside + outside);
      (rise(peak, mid) < target ? outside : inside) = mid;
    }
    return outside;
  };
  struct Window {
    const Expansion* peak;
    double lo, hi;  // offsets from the peak
  };
  Window windows[2];
  int n_windows = 0;
  if (count == 3 && first.h >= level && last.h >= level) {
    windows[n_windows++] = {&first, drop(first, -1.0, -kInfinity), drop(first, 1.0, critical[1].t - first.t)};
    windows[n_windows++] = {&last, drop(last, -1.0, critical[1].t - last.t), drop(last, 1.0, kInfinity)};
  } else {
    const Expansion& peak = first.h >= last.h ? first : last;
    windows[n_windows++] = {&peak, drop(peak, -1.0, -kInfinity), drop(peak, 1.0, kInfinity)};
  }

  // Composite Gauss–Legendre, terms scaled by e^{-max H}. Panels are as long as kPanelWidths local standard
  // deviations 1/√|H''|, with |H''| bounded over the panel (H'' is quadratic in d: its largest magnitude on a panel is
  // at an end or at its vertex -H'''/H'''').
  double s0 = 0.0, sy = 0.0, sy2 = 0.0, sg = 0.0, su = 0.0;
  const int n = static_cast<int>(rule_.nodes.size());
  for (int w = 0; w < n_windows; ++w) {
    const Window& win = windows[w];
    const Expansion& peak = *win.peak;
    const double vertex = -peak.d3 / peak.d4, base = peak.h - top;
    auto largest_curvature = [&](double lo, double hi) {
      double c = std::max(std::abs(curvature(peak, lo)), std::abs(curvature(peak, hi)));
      if (vertex > lo && vertex < hi) c = std::max(c, std::abs(curvature(peak, vertex)));
      return c;
    };
    int panels = 0;
    for (double lo = win.lo; lo < win.hi && panels < kMaxPanels; ++panels) {
      double step = std::min(win.hi - win.lo, kPanelWidths / std::sqrt(std::abs(curvature(peak, lo)) + 1e-300));
      step = std::min(step, kPanelWidths / std::sqrt(largest_curvature(lo, std::min(lo + step, win.hi)) + 1e-300));
      const double hi = panels + 1 == kMaxPanels ? win.hi : std::min(lo + step, win.hi);
      const double half = 0.5 * (hi - lo), centre = lo + half, log_half = std::log(half);
      for (int i = 0; i < n; ++i) {
        const double d = centre + half * rule_.nodes(i), y = peak.y + ratio * d;
        const double e = std::exp(log_weights_(i) + log_half + base + rise(peak, d));
        s0 += e;
        sy += e * y;
        sy2 += e * y * y;
        sg += e * potential_gradient(y);
        su += e * potential(y);
      }
      lo = hi;
    }
  }
  return {top + std::log(s0), sy / s0, sy2 / s0, sg / s0, su / s0};
}

DoubleWell::Evaluation DoubleWell::evaluate(double a, double s, double x) const {
  if (s == 0.0) {
    const double y = x / a;
    return {-potential(y) - log_z_ - std::log(a), -potential_gradient(y) / a};
  }
  const bool noise_space = s <= a;
  const Posterior post = integrate(a, s, x, noise_space);
  if (noise_space) return {-std::log(a) - kHalfLogTwoPi - log_z_ + post.log_mass, -post.mean_gradient / a};
  return {-kHalfLogTwoPi - std::log(s) - log_z_ + post.log_mass, (a * post.mean_y - x) / (s * s)};
}

void DoubleWell::log_density(double a, double s, const Eigen::Ref<const Vector>& x, Eigen::Ref<Vector> out) const {
  for (Eigen::Index i = 0; i < x.size(); ++i) out(i) = evaluate(a, s, x(i)).log_density;
}

void DoubleWell::score(double a, double s, const Eigen::Ref<const Vector>& x, Eigen::Ref<Vector> out) const {
  for (Eigen::Index i = 0; i < x.size(); ++i) out(i) = evaluate(a, s, x(i)).score;
}

// Rejection from the better of two envelopes (smaller mass; acceptance ≥ 0.5 over the allowed parameters):
//  Gaussian N(0, τ²): e^{-U(y) + y²/(2τ²)} is maximal at y² = w0 = m² + 1/(κ τ²), so accept with probability
//      exp(-κ (y² - w0)²/4); τ² = (m² + √(m⁴ + 4/κ))/2 minimises the envelope mass √(2πτ²) e^{m²/(2τ²) + 1/(4κτ⁴)}.
//  Two wells (m > 0): for y ≥ 0, (y + m)² ≥ m², so U(y) ≥ κ m² (y - m)²/4: propose |y| from N(m, 2/(κ m²)) (reject
//      negatives), accept with probability exp(-κ (|y| - m)² |y| (|y| + 2m)/4), then a random sign.
double DoubleWell::sample(ScalarDraws& draws) const {
  const double m2 = m_ * m_;
  const double tau2 = 0.5 * (m2 + std::sqrt(m2 * m2 + 4.0 / kappa_));
  const double log_gaussian_mass =
      0.5 * std::log(2.0 * kPi * tau2) + m2 / (2.0 * tau2) + 1.0 / (4.0 * kappa_ * tau2 * tau2);
  const double log_wells_mass = m_ > 0.0 ? std::log(2.0) + 0.5 * std::log(4.0 * kPi / (kappa_ * m2)) : kInfinity;
  if (log_gaussian_mass <= log_wells_mass) {
    const double w0 = m2 + 1.0 / (kappa_ * tau2), tau = std::sqrt(tau2);
    for (;;) {
      const double y = tau * draws.normal(), d = y * y - w0;
      if (std::log(draws.uniform()) < -0.25 * kappa_ * d * d) return y;
    }
  }
  const double sd = std::sqrt(2.0 / (kappa_ * m2));
  for (;;) {
    const double r = m_ + sd * draws.normal();
    if (r < 0.0) continue;
    if (std::log(draws.uniform()) < -0.25 * kappa_ * (r - m_) * (r - m_) * r * (r + 2.0 * m_))
      return draws.uniform() < 0.5 ? -r : r;
  }
}

}  // namespace sgm

namespace sgm {
namespace {

[[gnu::cold]] bool register_double_well() {
  return Registry<Target>::add({
      "double_well",
      "product over dim coordinates of ∝ exp(-stiffness (y² - well²)²/4), perturbed score by quadrature",
      "Bruno–Sabanis 2505.03432 example; docs/theory.md §5",
      {Parameter::integer("dim", "the dimension d (a product of d coordinates)").within(closed(1.0, 4096.0)),
       Parameter::number("stiffness", "the stiffness").with_default(1.0).within(closed(1e-3, 1e3)),
       Parameter::number("well", "the position of the wells ±well").with_default(1.0).within(closed(0.0, 10.0))},
      [](const Arguments& a, const Context&) {
        return std::make_shared<ProductTarget>(std::make_shared<DoubleWell>(a.number("stiffness"), a.number("well")),
                                               static_cast<int>(a.integer("dim")));
      },
  });
}
const bool registered_double_well = register_double_well();

}  // namespace
}  // namespace sgm
