#pragma once
// References for one-dimensional laws π ∝ exp(ℓ), all computed from ℓ alone (never from the law under test):
//   - the perturbed law p of a Y + s Z by exp-sinh quadrature of ∫ e^{ℓ(y)} φ_s(x - a y) dy in long double, with the
//     score by Tweedie's formula (a E[Y | x] - x)/s² (cancellation is harmless in long double at the s used);
//   - a fourth-order central difference;
//   - a numerical semiconvexity check: the smallest slope (U'(x) - U'(y))/(x - y) over pairs of grid points, U = -ℓ
//     (theory §9.10: "min over pairs of ⟨∇U(x) - ∇U(y), x - y⟩/|x - y|²"; K is minus it).
#include <functional>
#include <limits>
#include <vector>

#include "sgm/target/scalar_law.hpp"
#include "support/quadrature_reference.hpp"

namespace sgm::test {

struct Perturbed {
  double log_density, score;
};

class PerturbedReference {
public:
  // log_pi: ℓ(y) up to a constant (the normaliser is integrated here); h: exp-sinh step (resolves a peak of width
  // w at |y| ≈ r when h·(π/2)·r·cosh(asinh(2 ln r/π)) ≪ w).
  PerturbedReference(std::function<long double(long double)> log_pi, long double h)
      : log_pi_(std::move(log_pi)), nodes_(whole_line_nodes(h)) {
    log_z_ = integrate_on(nodes_, log_pi_).log_mass;
  }

  long double log_normaliser() const { return log_z_; }
  // E_π g(Y)
  long double expectation(const std::function<long double(long double)>& g) const {
    return integrate_on(nodes_, log_pi_, g).mean;
  }

  Perturbed at(double a, double s, double x) const {
    const long double la = a, ls = s, lx = x;
    const Integral r = integrate_on(
        nodes_,
        [&](long double y) {
          const long double d = (lx - la * y) / ls;
          return log_pi_(y) - 0.5L * d * d;
        },
        [](long double y) { return y; });
    const long double log_p = r.log_mass - 0.91893853320467274178032973640562L - std::log(ls) - log_z_;
    return {static_cast<double>(log_p), static_cast<double>((la * r.mean - lx) / (ls * ls))};
  }

private:
  std::function<long double(long double)> log_pi_;
  WeightedNodes nodes_;
  long double log_z_;
};

// One point of a law's perturbed score (score = true) or log-density.
inline double evaluate_at(const ScalarLaw& law, double a, double s, double x, bool score) {
  Vector in(1), out(1);
  in << x;
  if (score)
    law.score(a, s, in, out);
  else
    law.log_density(a, s, in, out);
  return out(0);
}

// [f(x - 2h) - 8 f(x - h) + 8 f(x + h) - f(x + 2h)] / (12 h): error h⁴ f⁽⁵⁾/30 + O(eps |f| / h).
inline double central_difference(const std::function<double(double)>& f, double x, double h) {
  return (f(x - 2 * h) - 8 * f(x - h) + 8 * f(x + h) - f(x + 2 * h)) / (12 * h);
}

// min over grid pairs x < y of (U'(y) - U'(x))/(y - x); the grid includes ±1e-6 around 0 so that a kink or
// singularity there is seen.
inline double smallest_gradient_slope(const std::function<double(double)>& gradient, double range) {
  std::vector<double> grid;
  for (double x = -range; x <= range; x += range / 100) grid.push_back(x);
  grid.push_back(1e-6);
  grid.push_back(-1e-6);
  double smallest = std::numeric_limits<double>::infinity();
  for (double x : grid)
    for (double y : grid)
      if (y > x) smallest = std::min(smallest, (gradient(y) - gradient(x)) / (y - x));
  return smallest;
}

}  // namespace sgm::test
