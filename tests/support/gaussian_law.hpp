#pragma once
// Test-side tools for exact output laws of linear samplers: on a Gaussian target the exact score is affine in x, so
// every step of a linear sampler is X' = A X + b + sqrt(q) ξ and the law stays Gaussian. These are written here,
// independently of the core, and compared with the core's samplers and with simulation.
#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <cmath>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "sgm/base/types.hpp"

namespace sgm::test {

// x ↦ M x + v.
struct Affine {
  Matrix M;
  Vector v;
};

inline Affine identity_map(Eigen::Index d) { return {Matrix::Identity(d, d), Vector::Zero(d)}; }
inline Affine operator+(const Affine& f, const Affine& g) { return {f.M + g.M, f.v + g.v}; }
inline Affine operator-(const Affine& f, const Affine& g) { return {f.M - g.M, f.v - g.v}; }
inline Affine operator*(double c, const Affine& f) { return {c * f.M, c * f.v}; }
inline Affine compose(const Affine& f, const Affine& g) { return {f.M * g.M, f.M * g.v + f.v}; }  // f ∘ g

// One Gaussian move X' = map(X) + sqrt(noise_var) ξ, ξ ~ N(0, I) independent of X.
struct GaussianMove {
  Affine map;
  double noise_var;
};

struct GaussianMoments {
  Vector mean;
  Matrix cov;
};

inline GaussianMoments push(const GaussianMoments& law, const GaussianMove& move) {
  Matrix cov = move.map.M * law.cov * move.map.M.transpose();
  cov.diagonal().array() += move.noise_var;
  return {move.map.M * law.mean + move.map.v, cov};
}

inline Matrix symmetric_sqrt(const Matrix& A) {
  const Eigen::SelfAdjointEigenSolver<Matrix> eig(A);
  return eig.eigenvectors() * eig.eigenvalues().cwiseMax(0.0).cwiseSqrt().asDiagonal() * eig.eigenvectors().transpose();
}

// W2 between Gaussians (Bures): W2² = |μ1 - μ2|² + tr(C1 + C2 - 2 (C1^{1/2} C2 C1^{1/2})^{1/2}).
inline double gaussian_w2(const GaussianMoments& p, const GaussianMoments& q) {
  const Matrix r = symmetric_sqrt(p.cov);
  const double bures = (p.cov + q.cov - 2.0 * symmetric_sqrt(r * q.cov * r)).trace();
  return std::sqrt((p.mean - q.mean).squaredNorm() + std::max(0.0, bures));
}

// Least-squares slope of log y against log x.
inline double fitted_slope(const std::vector<double>& x, const std::vector<double>& y) {
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < x.size(); ++i) mx += std::log(x[i]) / x.size(), my += std::log(y[i]) / y.size();
  double sxy = 0, sxx = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (std::log(x[i]) - mx) * (std::log(y[i]) - my);
    sxx += (std::log(x[i]) - mx) * (std::log(x[i]) - mx);
  }
  return sxy / sxx;
}

// The convergence order of an error on the nested uniform grids N = 10·2^k ≤ `finest`: the negated least-squares
// slope of log error against log N fitted on the four finest grids (the coarsest are pre-asymptotic), and a line to
// print with the slope over all N and the errors at both ends.
struct OrderFit {
  double slope;
  std::string summary;
};

inline OrderFit fitted_order(const std::function<double(int steps)>& error, int finest = 320) {
  std::vector<double> ns, errors;
  for (int N = 10; N <= finest; N *= 2) {
    ns.push_back(N);
    errors.push_back(error(N));
  }
  const std::size_t first = ns.size() - 4;
  const std::vector<double> fit_n(ns.begin() + first, ns.end()), fit_e(errors.begin() + first, errors.end());
  OrderFit fit{-fitted_slope(fit_n, fit_e), {}};
  std::ostringstream line;
  line << "fitted slope " << fit.slope << " on N = " << fit_n.front() << "…" << ns.back() << " ("
       << -fitted_slope(ns, errors) << " on 10…" << ns.back() << "), error at N = 10, " << ns.back() << ": "
       << errors.front() << ", " << errors.back();
  fit.summary = line.str();
  return fit;
}

}  // namespace sgm::test
