#pragma once
// Relative Fisher information FI(q ‖ γ^d) = E_q |∇ln q(X) + X|² (theory §1, "Metrics"; ∇ln γ^d(x) = -x), an input of
// the CLD bound of Chen et al. (theory §2(d)). Closed form for Gaussian data N(μ, Σ), where ∇ln q(x) + x =
// (I - Σ^{-1})(x - μ) + μ:  FI = tr((I - Σ^{-1}) Σ (I - Σ^{-1})) + |μ|²; otherwise a Monte Carlo mean over exact
// draws of q with a CLT interval (BoundSample stream of options.seed).
#include "sgm/base/monte_carlo_estimate.hpp"
#include "sgm/target/target.hpp"

namespace sgm {

Estimate relative_fisher_information(const Target& target, const MonteCarloOptions& options);

}  // namespace sgm
