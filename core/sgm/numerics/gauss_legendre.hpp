#pragma once
// Gauss–Legendre quadrature: m nodes and weights on [-1, 1], exact for polynomials of degree ≤ 2m - 1
// (Abramowitz & Stegun 25.4.29). Nodes are the roots of the Legendre polynomial P_m, found by Newton's method from
// the Tricomi starting values cos(π (i - ¼)/(m + ½)); weights 2 / ((1 - x²) P_m'(x)²).
// Used to integrate the Girsanov integrand in time, step by step (theory §8.1).
#include "sgm/base/types.hpp"

namespace sgm {

struct QuadratureRule {
  Vector nodes;    // increasing, in (-1, 1)
  Vector weights;  // positive, summing to 2
};

// Validates 1 ≤ m ≤ kMaxGaussLegendreNodes.
QuadratureRule gauss_legendre(int m);
constexpr int kMaxGaussLegendreNodes = 64;

}  // namespace sgm
