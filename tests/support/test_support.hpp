#pragma once
// Independent reference computations shared by the core tests: finite differences, quadrature and CLT z-scores of
// sample moments (the Gaussian W2, the matrix square root and the slope fit have their own headers here). None of them
// calls the code under test.
#include <doctest/doctest.h>

#include <Eigen/LU>
#include <algorithm>
#include <cmath>
#include <functional>
#include <utility>
#include <vector>

#include "sgm/base/rng.hpp"
#include "sgm/base/types.hpp"
#include "sgm/target/target.hpp"

namespace sgm::test {

// doctest::Approx with a purely relative tolerance |x - value| < tolerance |value| (doctest's default scale adds an
// absolute term of the same size, which would let tiny values pass unchecked).
inline doctest::Approx relative(double value, double tolerance) {
  return doctest::Approx(value).epsilon(tolerance).scale(0.0);
}

// The vector of the listed values.
inline Vector vector_of(std::initializer_list<double> values) {
  Vector v(static_cast<Eigen::Index>(values.size()));
  std::copy(values.begin(), values.end(), v.data());
  return v;
}

// n × d standard normals from the counter-based generator: step 0 of `stream` under `seed`.
inline Particles normal_particles(Eigen::Index n, Eigen::Index d, std::uint64_t seed,
                                  Stream stream = Stream::TargetSample) {
  Particles z(n, d);
  CounterRng(seed).fill_normal(z, 0, stream);
  return z;
}

// Fourth-order central difference of the gradient (five-point stencil, Fornberg 1988):
//     ∂_i f(x) ≈ [f(x - 2h e_i) - 8 f(x - h e_i) + 8 f(x + h e_i) - f(x + 2h e_i)] / (12 h),
// truncation error h^4 f^(5)/30, rounding error ≈ eps |f| / h.
inline Vector central_gradient(const std::function<double(const Vector&)>& f, const Vector& x, double h) {
  Vector g(x.size());
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    auto at = [&](double offset) {
      Vector y = x;
      y(i) += offset;
      return f(y);
    };
    g(i) = (at(-2.0 * h) - 8.0 * at(-h) + 8.0 * at(h) - at(2.0 * h)) / (12.0 * h);
  }
  return g;
}

// a² Σ + s² I: the covariance of a X_0 + s Z for X_0 of covariance Σ.
inline Matrix perturbed(const Matrix& sigma, double a, double s) {
  return a * a * sigma + s * s * Matrix::Identity(sigma.rows(), sigma.cols());
}

// C^{-1} r and log N(x; centre, C) by full-pivot LU (the core uses Cholesky factors):
//     log N = -½ [(x - c)ᵀ C^{-1} (x - c) + ln det(2π C)].
inline Vector solve(const Matrix& c, const Vector& r) { return Eigen::FullPivLU<Matrix>(c).solve(r); }

inline double gaussian_log_pdf(const Vector& x, const Vector& centre, const Matrix& c) {
  const Eigen::FullPivLU<Matrix> lu(c);
  const Vector r = x - centre;
  return -0.5 * (r.dot(lu.solve(r)) + std::log(lu.determinant()) + c.rows() * std::log(2.0 * M_PI));
}

// (a, s) pairs to test a target's perturbed law a X_0 + s Z at: the data law, the OU marginals at t = 0.3 and t = 2,
// and a nearly noiseless pair.
inline std::vector<std::pair<double, double>> perturbation_scales() {
  return {{1.0, 0.0},
          {std::exp(-0.3), std::sqrt(1.0 - std::exp(-0.6))},
          {std::exp(-2.0), std::sqrt(1.0 - std::exp(-4.0))},
          {0.9, 0.05}};
}

// Points to evaluate densities and scores at: 16 exact draws of a X_0 + s Z and 8 far out (5 × standard normals).
inline Particles evaluation_points(const Target& target, double a, double s) {
  const CounterRng rng(11);
  Particles X(24, target.dim());
  X.topRows(16) = target.sample_perturbed(16, a, s, rng, Stream::TargetSample, Stream::ReferenceNoise);
  Particles far(8, target.dim());
  rng.fill_normal(far, 3, Stream::Reference);
  X.bottomRows(8) = 5.0 * far;
  return X;
}

// Largest |∇log p(x) - central difference of log p at x| / (1 + |∇log p(x)|) over the rows x of X, where p is the law
// of a X_0 + s Z under `target` (the target's score against its own log-density).
inline double score_vs_finite_difference(const Target& target, double a, double s, const Particles& X, double h) {
  Particles score;
  target.score(a, s, X, score);
  double worst = 0.0;
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    const Vector fd = central_gradient([&](const Vector& x) { return target.log_density(a, s, x.transpose())(0); },
                                       X.row(i).transpose(), h);
    worst = std::max(worst, (score.row(i).transpose() - fd).norm() / (1.0 + score.row(i).norm()));
  }
  return worst;
}

// Composite five-point Gauss–Legendre quadrature of f on [lo, hi] with `panels` equal panels (exact for polynomials
// of degree 9 on each panel). Nodes and weights: Abramowitz & Stegun, Table 25.4.
inline double integrate(const std::function<double(double)>& f, double lo, double hi, int panels = 32) {
  static const double node[5] = {-0.906179845938663992797627, -0.538469310105683091036314, 0.0,
                                 0.538469310105683091036314, 0.906179845938663992797627};
  static const double weight[5] = {0.236926885056189087514264, 0.478628670499366468041292, 0.568888888888888888888889,
                                   0.478628670499366468041292, 0.236926885056189087514264};
  const double width = (hi - lo) / panels;
  double sum = 0.0;
  for (int p = 0; p < panels; ++p) {
    const double centre = lo + (p + 0.5) * width;
    for (int k = 0; k < 5; ++k) sum += weight[k] * f(centre + 0.5 * width * node[k]);
  }
  return 0.5 * width * sum;
}

// Adaptive Gauss–Kronrod quadrature (7-point Gauss, 15-point Kronrod) for references that need ~1e-13: nodes, weights
// and the error estimate are QUADPACK's `qk15` (Piessens et al. 1983): the Kronrod–Gauss difference, sharpened by
// (200 |K - G| / I_asc)^{3/2} with I_asc ≈ ∫|f - mean f| on the panel. A panel whose estimate exceeds `tol` relative
// to its value is bisected. The estimate assumes a smooth integrand: pass the points where a derivative jumps as
// `breaks` (integrate_adaptive() then sums the smooth pieces).
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
double integrate_adaptive(const F& f, double a, double b, const std::vector<double>& breaks = {}, double tol = 1e-13) {
  double total = 0.0, from = a;
  for (double point : breaks) {
    if (point <= from || point >= b) continue;
    total += integrate_smooth(f, from, point, tol, 40);
    from = point;
  }
  return total + integrate_smooth(f, from, b, tol, 40);
}

// Largest CLT z-score of the sample moments of X (rows iid) against an exact mean and covariance:
//   mean entry j:       |x̄_j - m_j| / (sd_j / √n);
//   covariance (j, k):  |(1/n) Σ (x_j - m_j)(x_k - m_k) - C_jk| / (sd of the products / √n),
// centred at the exact mean so that the estimator is unbiased; standard deviations are estimated from the sample.
// An |z| above 5 has probability below 6e-7 per entry under the CLT.
struct MomentZ {
  double mean = 0.0;
  double covariance = 0.0;
};

inline MomentZ moment_z_scores(const Particles& X, const Vector& mean, const Matrix& covariance) {
  const double n = static_cast<double>(X.rows());
  const Particles centred = X.rowwise() - mean.transpose();
  MomentZ z;
  for (Eigen::Index j = 0; j < X.cols(); ++j) {
    const Eigen::ArrayXd cj = centred.col(j).array();
    const double mean_j = cj.mean();
    const double se_mean = std::sqrt((cj - mean_j).square().sum() / (n - 1.0) / n);
    z.mean = std::max(z.mean, std::abs(mean_j) / se_mean);
    for (Eigen::Index k = 0; k <= j; ++k) {
      const Eigen::ArrayXd product = cj * centred.col(k).array();
      const double estimate = product.mean();
      const double se = std::sqrt((product - estimate).square().sum() / (n - 1.0) / n);
      z.covariance = std::max(z.covariance, std::abs(estimate - covariance(j, k)) / se);
    }
  }
  return z;
}

}  // namespace sgm::test
