#pragma once
// The standard Gaussian, and the correlated 2-D Gaussian data law the sampler tests share, N(m, Σ) with m = (1, -0.5)
// and Σ = [[0.5, 0.2], [0.2, 0.3]] (eigenvalues 0.62 and 0.18), and its moments and exact OU quantities in the form of
// the closed-form recursion (gaussian_recursion.hpp).
#include <memory>

#include "sgm/target/gaussian.hpp"
#include "support/gaussian_recursion.hpp"

namespace sgm::test {

std::shared_ptr<const Gaussian> correlated_gaussian();
Gaussian standard_gaussian(int d);  // N(0, I_d)

GaussianMoments data_law(const Gaussian& q);               // {mean, covariance} of the data
GaussianMoments ou_marginal(const Gaussian& q, double t);  // q_t under OU
AffineScore ou_score(const Gaussian& q);                   // t ↦ ∇ln q_t, affine

}  // namespace sgm::test
