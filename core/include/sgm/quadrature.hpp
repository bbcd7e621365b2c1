#pragma once
// Gauss quadrature rules on [-1, 1] and log-space sums over them.
//
// Gauss–Jacobi rule for the weight (1 - x)^a (1 + x)^b, a, b > -1 (a = b = 0: Gauss–Legendre), by Golub–Welsch
// (Golub & Welsch, Math. Comp. 23 (1969) 221–230): the nodes are the eigenvalues of the symmetric tridiagonal Jacobi
// matrix of the orthonormal Jacobi polynomials, with recurrence coefficients (Gautschi, "Orthogonal Polynomials", 2004,
// Table 1.1)
//     α_k = (b² - a²) / ((2k + a + b)(2k + a + b + 2)),
//     β_k = 4k(k + a)(k + b)(k + a + b) / ((2k + a + b)² (2k + a + b + 1)(2k + a + b - 1))   (k ≥ 1),
// and the weights are the Christoffel numbers λ_i = 1 / Σ_{k<n} p_k(x_i)² with p_k orthonormal (this keeps full
// relative precision in the smallest weights, unlike squaring eigenvector components).
// The rule is exact for p(x) (1 - x)^a (1 + x)^b with p a polynomial of degree ≤ 2n - 1; for an analytic integrand
// the error decays geometrically in n (Trefethen, "Approximation Theory and Approximation Practice", Thm 19.3).
#include "sgm/types.hpp"

namespace sgm {

struct GaussRule {
  Vector nodes;        // increasing, in (-1, 1)
  Vector weights;      // positive
  Vector log_weights;  // ln of the weights
};

// Validates n in [1, 512] and a, b in (-1, 1000].
GaussRule gauss_jacobi(int n, double a, double b);
GaussRule gauss_legendre(int n);

// ln Σ_i exp(v_i) without overflow: the largest term is factored out (0 terms: -∞).
double log_sum_exp(const double* v, int n);

}  // namespace sgm
