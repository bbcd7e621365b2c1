#pragma once
// Test helper: adaptive Gauss–Kronrod (7-point Gauss, 15-point Kronrod) quadrature, an independent reference for
// closed forms. Nodes, weights and the error estimate are QUADPACK's `qk15` (Piessens et al. 1983): the Kronrod–Gauss
// difference, sharpened by (200 |K - G| / I_asc)^{3/2} with I_asc ≈ ∫|f - mean f| on the panel. A panel whose estimate
// exceeds `tol` relative to its value is bisected. The estimate assumes a smooth integrand: pass the points where
// a derivative jumps as `breaks` (integrate() then sums the smooth pieces).
#include <algorithm>
#include <cmath>
#include <vector>

namespace sgm::test {

template <class F>
double gauss_kronrod_panel(const F& f, double a, double b, double& error) {
  static constexpr double xk[8] = {0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
                                   0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
                                   0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
                                   0.207784955007898467600689403773245, 0.000000000000000000000000000000000};
  static constexpr double wk[8] = {0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
                                   0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
                                   0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
                                   0.204432940075298892414161999234649, 0.209482141084727828012999174891714};
  static constexpr double wg[4] = {0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
                                   0.381830050505118944950369775488975, 0.417959183673469387755102040816327};
  const double centre = 0.5 * (a + b), half = 0.5 * (b - a);
  double values[15];
  values[7] = f(centre);
  for (int j = 0; j < 7; ++j) {
    values[j] = f(centre - half * xk[j]);
    values[14 - j] = f(centre + half * xk[j]);
  }
  double kronrod = wk[7] * values[7], gauss = wg[3] * values[7];
  for (int j = 0; j < 7; ++j) {
    kronrod += wk[j] * (values[j] + values[14 - j]);
    if (j % 2 == 1) gauss += wg[j / 2] * (values[j] + values[14 - j]);
  }
  const double mean = 0.5 * kronrod;  // the mean of f on the panel (the weights sum to 2)
  double spread = wk[7] * std::abs(values[7] - mean);
  for (int j = 0; j < 7; ++j) spread += wk[j] * (std::abs(values[j] - mean) + std::abs(values[14 - j] - mean));
  spread *= std::abs(half);
  error = std::abs((kronrod - gauss) * half);
  if (spread > 0.0 && error > 0.0) error = spread * std::min(1.0, std::pow(200.0 * error / spread, 1.5));
  return kronrod * half;
}

template <class F>
double integrate_smooth(const F& f, double a, double b, double tol, int depth) {
  if (b == a) return 0.0;
  double error = 0.0;
  const double whole = gauss_kronrod_panel(f, a, b, error);
  if (error <= tol * std::abs(whole) || depth == 0) return whole;
  const double mid = 0.5 * (a + b);
  return integrate_smooth(f, a, mid, tol, depth - 1) + integrate_smooth(f, mid, b, tol, depth - 1);
}

// ∫_a^b f (a ≤ b), split at the `breaks` inside (a, b), relative tolerance `tol` per panel.
template <class F>
double integrate(const F& f, double a, double b, const std::vector<double>& breaks = {}, double tol = 1e-13) {
  double total = 0.0, from = a;
  for (double point : breaks) {
    if (point <= from || point >= b) continue;
    total += integrate_smooth(f, from, point, tol, 40);
    from = point;
  }
  return total + integrate_smooth(f, from, b, tol, 40);
}

}  // namespace sgm::test
