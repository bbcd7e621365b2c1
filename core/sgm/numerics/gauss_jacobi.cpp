#include "sgm/numerics/gauss_jacobi.hpp"

#include <Eigen/Eigenvalues>
#include <cmath>
#include <string>

#include "sgm/base/error.hpp"

namespace sgm {

QuadratureRule gauss_jacobi(int n, double a, double b) {
  require(n >= 1 && n <= kMaxGaussLegendreNodes, "nodes", n,
          "an integer in [1, " + std::to_string(kMaxGaussLegendreNodes) + "]");
  require(a > -1.0 && a <= 1000.0, "Jacobi exponent a", a, "a number in (-1, 1000]");
  require(b > -1.0 && b <= 1000.0, "Jacobi exponent b", b, "a number in (-1, 1000]");
  // Recurrence x p_k = sqrt(β_{k+1}) p_{k+1} + α_k p_k + sqrt(β_k) p_{k-1} of the orthonormal polynomials, k < n.
  Vector alpha(n + 1), beta(n + 1);  // beta(k) = β_k, k ≥ 1; beta(0) = μ_0 = ∫ weight
  const double ab = a + b;
  beta(0) = std::exp((ab + 1.0) * std::log(2.0) + std::lgamma(a + 1.0) + std::lgamma(b + 1.0) - std::lgamma(ab + 2.0));
  alpha(0) = (b - a) / (ab + 2.0);
  for (int k = 1; k <= n; ++k) {
    const double c = 2.0 * k + ab;
    alpha(k) = (b * b - a * a) / (c * (c + 2.0));
    // For k = 1 the factor (k + a + b) / (2k + a + b - 1) is 1: cancelled so that a + b = -1 does not divide 0 by 0.
    const double ratio = k == 1 ? 1.0 : (k + ab) / (c - 1.0);
    beta(k) = 4.0 * k * (k + a) * (k + b) * ratio / (c * c * (c + 1.0));
  }
  const Vector root_beta = beta.cwiseSqrt();
  Vector nodes = alpha.head(n);
  if (n > 1) {
    Eigen::SelfAdjointEigenSolver<Matrix> solver;
    solver.computeFromTridiagonal(alpha.head(n), root_beta.segment(1, n - 1), Eigen::EigenvaluesOnly);
    nodes = solver.eigenvalues();
  }
  // p_0 … p_n at x by the recurrence: the Christoffel sum Σ_{k<n} p_k², p_n and p_n'.
  struct Values {
    double christoffel_sum, p_n, dp_n;
  };
  auto evaluate = [&](double x) {
    double previous = 0.0, current = 1.0 / root_beta(0), d_previous = 0.0, d_current = 0.0, sum = 0.0;
    for (int k = 0; k < n; ++k) {
      sum += current * current;
      const double back = k > 0 ? root_beta(k) : 0.0;
      const double next = ((x - alpha(k)) * current - back * previous) / root_beta(k + 1);
      const double d_next = (current + (x - alpha(k)) * d_current - back * d_previous) / root_beta(k + 1);
      previous = current, current = next, d_previous = d_current, d_current = d_next;
    }
    return Values{sum, current, d_current};
  };
  QuadratureRule rule{nodes, Vector(n)};
  for (int i = 0; i < n; ++i) {
    // Two Newton steps on p_n polish the eigenvalue to full relative precision (the weights are sensitive to it).
    for (int step = 0; step < 2; ++step) {
      const Values v = evaluate(rule.nodes(i));
      if (v.dp_n != 0.0) rule.nodes(i) -= v.p_n / v.dp_n;
    }
    // Christoffel number: 1 / Σ_{k<n} p_k(x)², p_0 = 1/sqrt(μ_0).
    rule.weights(i) = 1.0 / evaluate(rule.nodes(i)).christoffel_sum;
  }
  return rule;
}

}  // namespace sgm
