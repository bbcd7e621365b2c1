#pragma once
// Numerical semiconvexity check (theory §5(c), §9.10): for q ∝ e^{-U}, the smallest K with
//     ⟨∇U(x) - ∇U(y), x - y⟩ ≥ -K |x - y|²   for all x, y
// (U + K|x|²/2 convex; K < 0 means strongly convex, the TargetFigures convention; the papers' K ≥ 0 is max(K, 0)).
// Estimated as K(r) = max over pairs (x, x + r u) of -⟨∇U(x + r u) - ∇U(x), r u⟩ / r², with x drawn from q and u
// uniform unit vectors, at decreasing scales r. ∇U = -score of the data law (Target::score with a = 1, s = 0).
// For a smooth U, K(r) settles to sup -λ_min(∇²U) over the points; a downward gradient jump (not semiconvex, e.g. the
// symmetric modified half-normal with γ > 0, theory §5 example 1) makes K(r) grow like jump/r as r shrinks, which the
// check reports as unbounded. Every pair estimate is a lower estimate of the true K (a max over finitely many pairs).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sgm/target/target.hpp"

namespace sgm {

struct SemiconvexityOptions {
  std::size_t samples = 4000;                     // points x ~ q (one pair per point and scale)
  std::vector<double> scales = {1.0, 0.1, 0.01};  // decreasing pair distances r
  std::uint64_t seed = 0;
};

struct SemiconvexityEstimate {
  double K = 0.0;                 // K(r) at the smallest scale
  std::vector<double> per_scale;  // K(r) for each scale
  bool bounded = true;            // false when K(r) grows markedly as r shrinks (last step: by more than (|K| + 1)/2)
};

// Validates samples in [2, 10^7] and scales positive, finite and strictly decreasing.
SemiconvexityEstimate estimate_semiconvexity(const Target& target, const SemiconvexityOptions& options);

}  // namespace sgm
