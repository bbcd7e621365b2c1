#include "sgm/target/tilted_half_normal.hpp"

#include <algorithm>
#include <cmath>

#include "sgm/base/error.hpp"
#include "sgm/numerics/constants.hpp"
#include "sgm/numerics/standard_normal.hpp"

namespace sgm {

namespace {
// Window depth: the integrand outside the window is below e^{-L} times its peak.
constexpr double kTiltedDepth = 45.0;
const double kHalfWidth = std::sqrt(2.0 * kTiltedDepth);  // W: a Gaussian factor e^{-t²/2} has dropped by L at |t| = W

// Gamma(shape, rate 1) by Marsaglia & Tsang (ACM TOMS 26(3), 2000), with Gamma(k) = Gamma(k + 1) U^{1/k} for k < 1.
double gamma_draw(double shape, ScalarDraws& draws) {
  if (shape < 1.0) {
    const double g = gamma_draw(shape + 1.0, draws);
    return g * std::pow(draws.uniform(), 1.0 / shape);
  }
  const double d = shape - 1.0 / 3.0, c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    const double x = draws.normal();
    double v = 1.0 + c * x;
    if (v <= 0.0) continue;
    v = v * v * v;
    if (std::log(draws.uniform()) < 0.5 * x * x + d - d * v + d * std::log(v)) return d * v;
  }
}
}  // namespace

TiltedHalfNormal::TiltedHalfNormal(double alpha, int nodes) : alpha_(alpha) {
  require(std::isfinite(alpha) && alpha >= 0.1 && alpha <= 100.0, "alpha", alpha, "a number in [0.1, 100]");
  require(nodes >= 2 && nodes <= kMaxNodes, "quadrature nodes", nodes, "an integer in [2, 64]");
  // Legendre through the Jacobi routine: its Christoffel weights are ~1e-13 more accurate near ±1 at 48 nodes than
  // gauss_legendre's 2/((1 - x²) P'²), which E[U - z] at the 1e-12 level notices.
  legendre_ = gauss_jacobi(nodes, 0.0, 0.0);
  jacobi_ = gauss_jacobi(nodes, 0.0, alpha - 1.0);
  legendre_log_ = legendre_.weights.array().log();
  jacobi_log_ = jacobi_.weights.array().log();
  graded_ = gauss_legendre(24);
}

// The window, with h(u) = (α-1) ln u - (u - z)²/2 the log-integrand:
//  α ≥ 1: h is concave with h'' ≤ -1 and mode u* = (z + √(z² + 4(α-1)))/2 (u* = max(z, 0) for α = 1).
//         Left of u*, h'' ≤ -c* with c* = 1 + (α-1)/u*², so h ≤ h* - c*(u - u*)²/2 and u_lo = u* - √(2L/c*).
//         Right of u*: the root of h = h* - L by Newton from u* + W (where h ≤ h* - L already); on a concave function
//         Newton from that side stays outside the root, so the window never cuts the integrand above h* - L.
//         Neglected mass (concavity): right ≤ e^{h* - L} (u_hi - u*)/L (the slope at u_hi is at least the chord's
//         L/(u_hi - u*)), left ≤ e^{h* - L}/√(2L c*); the integral is e^{h*} times a width of the same order, so the
//         relative truncation error is about e^{-L} (the tests measure the total error).
//  α < 1: u^{α-1} is decreasing, so the window is set by the Gaussian factor g(u) = -(u - z)²/2 on u > 0:
//         u_hi = z + W for z ≥ 0, and the root z + √(z² + 2L) = 2L/(√(z² + 2L) - z) of g = -z²/2 - L for z < 0;
//         the mass beyond u_hi is ≤ e^{-L} relative because u^{α-1} ≤ u_hi^{α-1} there and ≥ u_hi^{α-1} inside.
//         For z > W the mass below u_lo = z - √(2(L + ln((z + 1)/(1.71 α)))) is ≤ e^{-(z-u_lo)²/2} u_lo^α/α while the
//         mass in [z - 1, z + 1] is ≥ 1.71 (z + 1)^{α-1}, so their ratio is ≤ e^{-L}.
void TiltedHalfNormal::fill_nodes(double z, Nodes& out) const {
  const double a1 = alpha_ - 1.0;
  const int n = static_cast<int>(legendre_.nodes.size());
  out.n = n;
  bool from_zero = true;
  double lo_offset = 0.0, hi = 0.0;  // window [z + lo_offset, hi] if !from_zero, else [0, hi]
  if (alpha_ >= 1.0) {
    const double root = std::hypot(z, 2.0 * std::sqrt(a1));
    // u* and u* - z, each without cancellation.
    const double mode = z > 0.0 ? 0.5 * (z + root) : (a1 > 0.0 ? 2.0 * a1 / (root - z) : 0.0);
    const double mode_offset = z > 0.0 ? (a1 > 0.0 ? 2.0 * a1 / (root + z) : 0.0) : mode - z;
    // h(u) - h(u*) = (α-1) ln(u/u*) - (u - u*)(u + u* - 2z)/2, factored so that nothing of size z² cancels.
    auto drop_from_mode = [&](double u) {
      return (a1 > 0.0 ? a1 * std::log(u / mode) : 0.0) - 0.5 * (u - mode) * (u + mode - 2.0 * z);
    };
    double u = mode + kHalfWidth;
    for (int k = 0; k < 60; ++k) {
      const double f = drop_from_mode(u) + kTiltedDepth;
      const double slope = (a1 > 0.0 ? a1 / u : 0.0) - (u - z);
      const double step = f / slope;
      u -= step;
      if (std::abs(step) <= 1e-3 * (u - mode)) break;
    }
    hi = u;
    const double curvature = 1.0 + (mode > 0.0 ? a1 / (mode * mode) : 0.0);
    const double half_left = std::sqrt(2.0 * kTiltedDepth / curvature);
    if (mode - half_left > 0.0) {
      from_zero = false;
      lo_offset = mode_offset - half_left;
    }
  } else {
    hi = z >= 0.0 ? z + kHalfWidth : 2.0 * kTiltedDepth / (std::sqrt(z * z + 2.0 * kTiltedDepth) - z);
    if (z > kHalfWidth) {
      const double below = std::sqrt(2.0 * (kTiltedDepth + std::log((z + 1.0) / (1.71 * alpha_))));
      if (z - below > 0.0) {
        from_zero = false;
        lo_offset = -below;
      }
    }
  }
  out.from_zero = from_zero;
  out.hi = hi;
  if (from_zero) {
    // ∫_0^H u^{α-1} f(u) du = (H/2)^α ∫_{-1}^{1} (1 + x)^{α-1} f(H (1 + x)/2) dx, with the exponent written as
    // -u²/2 + z u and the constant -z²/2 kept in log_scale (for z ≪ 0 both halves of (u - z)² are huge).
    const double scale = alpha_ * std::log(0.5 * hi);
    out.log_scale = -0.5 * z * z;
    for (int i = 0; i < n; ++i) {
      const double u = 0.5 * hi * (1.0 + jacobi_.nodes(i));
      out.u[i] = u;
      out.offset[i] = u - z;
      out.log_weight[i] = jacobi_log_(i) + scale + u * (z - 0.5 * u);
    }
  } else {
    // Offsets u - z on [lo_offset, hi - z]; u = z + offset. For z > 0, u^{α-1} = z^{α-1} (1 + offset/z)^{α-1}.
    const double hi_offset = hi - z;
    const double mid = 0.5 * (lo_offset + hi_offset), half = 0.5 * (hi_offset - lo_offset);
    const double log_half = std::log(half);
    // Relative to z only where (u/z)^{α-1} stays near 1 on the window (|α-1| W < z): there E[U - z] ≈ (α-1)/z is
    // small. Elsewhere E[U - z] is O(1) and the plain sum is accurate, while splitting off the Gaussian part would
    // expose its e^{-(window half-width)²/2} tails.
    out.relative_to_z = z > 0.0 && std::abs(a1) * kHalfWidth < z;
    out.log_scale = out.relative_to_z ? a1 * std::log(z) : 0.0;
    for (int i = 0; i < n; ++i) {
      const double offset = mid + half * legendre_.nodes(i);
      const double u = z + offset;
      out.u[i] = u;
      out.offset[i] = offset;
      out.gaussian_log_weight[i] = legendre_log_(i) + log_half - 0.5 * offset * offset;
      const double log_tilt = out.relative_to_z ? a1 * std::log1p(offset / z) : a1 * std::log(u);
      out.excess[i] = std::expm1(log_tilt);
      out.log_weight[i] = out.gaussian_log_weight[i] + log_tilt;
    }
  }
}

// E[U - z] = Σ p_i offset_i, except for a window away from 0 with z > 0, where ∫ δ e^{-δ²/2} (u/z)^{α-1} splits into
//   Σ w_i e^{-δ_i²/2} δ_i excess_i  +  ∫_{-z}^{∞} δ e^{-δ²/2} dδ = e^{-z²/2}
// with the second integral exact over the whole range u > 0: the O(1) terms of the plain sum would cancel to
// O((α-1)/z), and even the exact integral over the (asymmetric) window would leave its e^{-L} tails, which are not
// small relative to (α-1)/z when z is large. Weights are normalised by their own sum (not by exp of a rounded log).
double TiltedHalfNormal::mean_offset(const Nodes& nodes, double z, double top, double sum) const {
  double total = 0.0;
  if (!nodes.relative_to_z) {
    for (int i = 0; i < nodes.n; ++i) total += std::exp(nodes.log_weight[i] - top) * nodes.offset[i];
    return total / sum;
  }
  for (int i = 0; i < nodes.n; ++i)
    total += std::exp(nodes.gaussian_log_weight[i] - top) * nodes.offset[i] * nodes.excess[i];
  total += std::exp(-0.5 * z * z - top);
  return total / sum;
}

TiltedHalfNormal::Value TiltedHalfNormal::value(double z) const {
  if (alpha_ == 1.0) return {kHalfLogTwoPi + log_normal_cdf(z), normal_pdf_over_cdf(z)};
  Nodes nodes;
  fill_nodes(z, nodes);
  const double top = *std::max_element(nodes.log_weight.begin(), nodes.log_weight.begin() + nodes.n);
  double sum = 0.0;
  for (int i = 0; i < nodes.n; ++i) sum += std::exp(nodes.log_weight[i] - top);
  return {nodes.log_scale + top + std::log(sum), mean_offset(nodes, z, top, sum)};
}

TiltedHalfNormal::Moments TiltedHalfNormal::quadrature(double z) const {
  Nodes nodes;
  fill_nodes(z, nodes);
  const double top = *std::max_element(nodes.log_weight.begin(), nodes.log_weight.begin() + nodes.n);
  double sum = 0.0, mean = 0.0, second = 0.0, mean_log = 0.0;
  for (int i = 0; i < nodes.n; ++i) {
    const double w = std::exp(nodes.log_weight[i] - top), u = nodes.u[i];
    sum += w;
    mean += w * u;
    second += w * u * u;
    mean_log += w * std::log(u);
  }
  if (nodes.from_zero) mean_log = graded_log_moment(z, nodes.hi, top);
  return {nodes.log_scale + top + std::log(sum), mean_offset(nodes, z, top, sum), mean / sum, second / sum,
          mean_log / sum};
}

// ∫_0^H u^{α-1} ln u e^{u(z - u/2)} du e^{-top} (the scaling of the Gauss–Jacobi sum): ln u is singular at 0, where the
// Jacobi rule converges slowly (10% error for α = 0.5 at 48 nodes). Composite Gauss–Legendre on the graded panels
// [H 8^{-k-1}, H 8^{-k}], k < K: on each, the singularity at 0 lies 1/7 of a panel length beyond its end, so 24 nodes
// give ≈ 2.09^{-48} ≈ 4e-16 (Bernstein ellipse, Trefethen ATAP Thm 19.3). The rest [0, H 8^{-K}] holds less than
// (L 8^{-K})^α ≤ e^{-52} of the mass, with K = ⌈(52/α + 4)/ln 8⌉ + 1.
double TiltedHalfNormal::graded_log_moment(double z, double hi, double top) const {
  const double a1 = alpha_ - 1.0, ratio = 0.125;
  const int panels = static_cast<int>(std::ceil((52.0 / alpha_ + 4.0) / std::log(8.0))) + 1;
  double total = 0.0, right = hi;
  for (int k = 0; k < panels; ++k, right *= ratio) {
    const double left = right * ratio, half = 0.5 * (right - left), centre = left + half;
    for (Eigen::Index i = 0; i < graded_.nodes.size(); ++i) {
      const double u = centre + half * graded_.nodes(i), log_u = std::log(u);
      total += graded_.weights(i) * half * std::exp(a1 * log_u + u * (z - 0.5 * u) - top) * log_u;
    }
  }
  return total;
}

// Three exact rejection samplers for the density ∝ u^{α-1} e^{-(u-z)²/2} on (0, ∞):
//  z ≤ 0 (and α < 1 with z ≤ 1): proposal Gamma(α, rate θ), θ = (√(z² + 4α) - z)/2; the ratio target/proposal is
//         ∝ e^{-u²/2 + c u}, c = z + θ, at most e^{c²/2}: accept with probability e^{-(u - c)²/2}. θ minimises the
//         envelope mass Γ(α) θ^{-α} e^{c²/2} (its derivative vanishes at θ² + zθ - α = 0).
//  α ≥ 1, z > 0: ln is concave, so u^{α-1} ≤ u*^{α-1} exp((α-1)(u - u*)/u*) and the target is below a multiple of
//         N(u*, 1) (because z + (α-1)/u* = u*): propose N(u*, 1), reject u ≤ 0, accept with probability
//         exp((α-1)(ln(u/u*) - (u - u*)/u*)).
//  α < 1, z > 1: split at m = z/2. On (0, m] the target is ≤ u^{α-1} e^{-(m-z)²/2} (sampled as m V^{1/α}); on
//         [m, ∞) it is ≤ m^{α-1} e^{-(u-z)²/2} (N(z, 1) restricted to u ≥ m). Pick a piece by its envelope mass, then
//         accept with the ratio.
// The acceptance rates (target mass / envelope mass) are ≥ 0.3 over α ∈ [0.1, 100], z ∈ [-1e3, 1e2].
double TiltedHalfNormal::sample(double z, ScalarDraws& draws) const {
  const double a1 = alpha_ - 1.0;
  if (z <= 0.0 || (alpha_ < 1.0 && z <= 1.0)) {
    const double root = std::sqrt(z * z + 4.0 * alpha_);
    const double theta = z > 0.0 ? 2.0 * alpha_ / (root + z) : 0.5 * (root - z);
    const double c = z > 0.0 ? 0.5 * (z + root) : 2.0 * alpha_ / (root - z);
    for (;;) {
      const double u = gamma_draw(alpha_, draws) / theta;
      if (std::log(draws.uniform()) < -0.5 * (u - c) * (u - c)) return u;
    }
  }
  if (alpha_ >= 1.0) {
    const double mode = 0.5 * (z + std::sqrt(z * z + 4.0 * a1));
    for (;;) {
      const double u = mode + draws.normal();
      if (u <= 0.0) continue;
      if (a1 == 0.0 || std::log(draws.uniform()) < a1 * (std::log(u / mode) - (u - mode) / mode)) return u;
    }
  }
  const double m = 0.5 * z;
  const double log_power_piece = alpha_ * std::log(m) - std::log(alpha_) - 0.5 * (m - z) * (m - z);
  const double log_normal_piece = a1 * std::log(m) + kHalfLogTwoPi + log_normal_cdf(z - m);
  const double power_probability = 1.0 / (1.0 + std::exp(log_normal_piece - log_power_piece));
  for (;;) {
    if (draws.uniform() < power_probability) {
      const double u = m * std::pow(draws.uniform(), 1.0 / alpha_);
      if (std::log(draws.uniform()) < -0.5 * (u - z) * (u - z) + 0.5 * (m - z) * (m - z)) return u;
    } else {
      double u = z + draws.normal();  // N(z, 1) restricted to [m, ∞), exactly (redrawing only u keeps the piece's mass)
      while (u < m) u = z + draws.normal();
      if (std::log(draws.uniform()) < a1 * std::log(u / m)) return u;
    }
  }
}

}  // namespace sgm
