#pragma once
// Closed-form distances between Gaussian laws (KL is in gaussian_kl.hpp). Each returns the distance itself.
#include "sgm/base/types.hpp"

namespace sgm {

// Checks a pair of Gaussian parameters: means of one dimension d and finite, covariances d × d symmetric positive
// definite; throws InvalidArgument naming "m0", "S0", "m1" or "S1".
void validate_gaussian_pair(const Vector& m0, const Matrix& S0, const Vector& m1, const Matrix& S1);

// W2(N(m0, S0), N(m1, S1)), the Bures–Wasserstein formula (Dowson & Landau, J. Multivariate Anal. 12 (1982);
// Olkin & Pukelsheim, Linear Algebra Appl. 48 (1982); Givens & Shortt, Michigan Math. J. 31 (1984)):
//     W2^2 = |m0 - m1|^2 + tr(S0 + S1 - 2 (S0^{1/2} S1 S0^{1/2})^{1/2}),
// symmetric square roots by SelfAdjointEigenSolver. For any two laws with these means and covariances the same
// expression is a lower bound on their W2 (Gelbrich, Math. Nachr. 147 (1990)). Rounding: the trace term cancels
// when S0 ≈ S1, so W2 is resolved down to about sqrt(1e-16 tr(S0 + S1)) only; below that it reads as 0.
// Validates with validate_gaussian_pair.
double gaussian_w2(const Vector& m0, const Matrix& S0, const Vector& m1, const Matrix& S1);

// Total variation TV = sup_A |P(A) - Q(A)| = ½∫|p - q| between N(m0, s0²) and N(m1, s1²) in 1-D, exact: the
// densities cross where a quadratic vanishes, and TV = P(A) - Q(A) on the set A where the narrower density is larger
// (derived: theory §13). With equal standard deviations TV = erf(|m0 - m1| / (2√2 s)).
// Validates finite means and positive finite standard deviations.
double gaussian_tv_1d(double m0, double s0, double m1, double s1);

}  // namespace sgm
