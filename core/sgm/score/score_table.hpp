#pragma once
// The perturbed score x ↦ s(t, x) = d/dx ln q_t(x) of a one-dimensional law, tabulated for the float32 kernel that
// interpolates it by cubics (simd/tabulated_score_step.hpp): product targets whose score is a quadrature (the double
// well, modified half-normal laws with α ≠ 1) run in float32 from such a table, rebuilt at each step.
//
// Nodes x_j = -R + j h, j = 0 … n - 1, h = 2R/(n - 1), over R = a (|E Y| + 10 sd Y) + 8 s: a range fixed by the time
// and the law, never by the particles (the samples stay the same whatever the split of the particles), beyond which
// a coordinate lies with Gaussian tail probability below e^-32. The node count adapts to the score's curvature:
// starting from 2049 nodes it doubles the intervals while the estimated interpolation error exceeds kTolerance
// relative to max(|s|, 1), up to 65537 nodes or the caller's cap (a run caps it near its particles × dimension, so
// that the table never costs much more than the double path's own score evaluations: a stiff double well would
// otherwise take 131,000 quadratures per step whatever the number of particles). The estimate: the cubic through the
// even nodes predicts each odd node by (-s_{j-3} + 9 s_{j-1} + 9 s_{j+1} - s_{j+3}) / 16; its miss is the error at
// spacing 2h, and the error at h is 2^-4 of it for a fourth-order rule (the Lagrange remainder, h⁴ max|s⁽⁴⁾| · 9/384).
// A score that bends on a scale far below h (the α > 1 half-normals near 0 as s → 0) gets more nodes; a smooth one (the
// double well) keeps 2049.
#include <cstddef>
#include <vector>

#include "sgm/target/scalar_law.hpp"

namespace sgm {

struct ScoreTable {
  static constexpr int kMinNodes = 2049;
  static constexpr int kMaxNodes = 65537;
  static constexpr double kTolerance = 1e-6;

  double lo = 0.0;               // x_0 = -R
  double spacing = 0.0;          // h
  std::vector<float> values;     // s(t, x_j), rounded to float
  double estimated_error = 0.0;  // the estimate above for the returned table (relative to max(|s|, 1))
};

// The table of law's score under a Y + s Z (a ≥ 0, s > 0), of at most max(kMinNodes, min(max_nodes, kMaxNodes))
// nodes.
ScoreTable tabulate_score(const ScalarLaw& law, double a, double s, std::size_t max_nodes = ScoreTable::kMaxNodes);

}  // namespace sgm
