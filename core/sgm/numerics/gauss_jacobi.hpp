#pragma once
// Gauss–Jacobi rules on [-1, 1] for the weight (1 - x)^a (1 + x)^b, a, b > -1: ∫ (1-x)^a (1+x)^b f ≈ Σ w_i f(x_i),
// exact for polynomials f of degree ≤ 2n - 1. (a = b = 0 is Gauss–Legendre: use gauss_legendre.hpp.)
//
// Golub–Welsch (Math. Comp. 23 (1969) 221–230): the nodes are the eigenvalues of the symmetric tridiagonal Jacobi
// matrix of the orthonormal Jacobi polynomials, with recurrence coefficients (Gautschi, "Orthogonal Polynomials",
// 2004, Table 1.1)
//     α_k = (b² - a²) / ((2k + a + b)(2k + a + b + 2)),
//     β_k = 4k(k + a)(k + b)(k + a + b) / ((2k + a + b)² (2k + a + b + 1)(2k + a + b - 1))   (k ≥ 1),
// each node then polished by Newton on p_n (evaluated by the recurrence), and the weights are the Christoffel numbers
// λ_i = 1 / Σ_{k<n} p_k(x_i)² (full relative precision in the smallest weights, unlike squared eigenvector entries).
// Used by the tilted half-normal quadrature, where the weight u^{α-1} carries an endpoint singularity exactly.
#include "sgm/numerics/gauss_legendre.hpp"

namespace sgm {

// Validates n in [1, kMaxGaussLegendreNodes] and a, b in (-1, 1000].
QuadratureRule gauss_jacobi(int n, double a, double b);

}  // namespace sgm
