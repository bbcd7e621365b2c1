#pragma once
// Kullback–Leibler divergence between the law of a sample and a law whose log-density is known, by k-nearest-neighbour
// density estimates (one sample only: the known side enters through its exact log-density).
//
//   KL(P ‖ Q) from X ~ P (n points):   (1/n) Σ_i [ ψ(k) - ln((n - 1) V_d ρ_k(i)^d) - ln q(x_i) ]
//     i.e. -Ĥ(P) - mean ln q(X), with Ĥ the Kozachenko–Leonenko entropy estimator (Kozachenko & Leonenko, Probl.
//     Inf. Transm. 23 (1987); in the form of Berrett, Samworth & Yuan, Ann. Statist. 47 (2019) §1), ρ_k(i) the
//     distance from x_i to its k-th nearest neighbour among the other points, V_d = π^{d/2}/Γ(d/2 + 1).
//   KL(Q ‖ P) from Y ~ Q (m points) and X ~ P (n points):   (1/m) Σ_j [ ln q(y_j) - ψ(k) + ln(n V_d ν_k(j)^d) ]
//     with ν_k(j) the distance from y_j to its k-th nearest point of X: ψ(k) - ln(n V_d ν^d) estimates ln p(y), as
//     n p(y) V_d ν_k^d → Gamma(k, 1) whose log has mean ψ(k) (Wang, Kulkarni & Verdú, IEEE Trans. Inf. Theory 55(5)
//     (2009), the same argument).
//
// Bias and variance (both estimators, fixed k): consistent, with standard deviation O(n^{-1/2}) (about
// sd(ln p(X) - ln q(X))/√n plus a k-dependent term). In d = 1 and 2 the bias is o(n^{-1/2}) for smooth densities,
// so a central limit theorem holds around the true value (Delattre & Fournier, J. Statist. Plann. Inference 185
// (2017), arXiv:1602.07440); in higher d the bias is O(n^{-2/d}) and dominates. Densities that vanish or jump (bounded
// support) add boundary bias. Measured on Gaussians by `sgm_metrics_bench bias` (docs/usage.md, "Bias and
// variance of the estimators").
#include "sgm/base/types.hpp"

namespace sgm {

// Validates n ≥ k + 1, 1 ≤ k, log_q of size n and finite, no two points at distance 0 among the k nearest. The
// neighbour searches run on `threads` threads (0 = all cores), with the same result for every thread count.
double knn_kl_sample_to_density(const Particles& X, const Vector& log_q_at_X, int k, unsigned threads = 1);

// Validates m ≥ 1, n ≥ k ≥ 1, equal dimensions, log_q of size m and finite, no k-th distance 0. Threads as above.
double knn_kl_density_to_sample(const Particles& Y, const Vector& log_q_at_Y, const Particles& X, int k,
                                unsigned threads = 1);

}  // namespace sgm
