#pragma once
// Exact output law of a linear sampler on Gaussian data, for the bound tests.
//
// With Gaussian data the score of q_t is affine in x (and so is the exact score plus a constant bias), and every EI
// or EM step is affine: Y' = A Y + c + B ξ. The matrices are read off the actual stepper with prescribed noise
// (noise.hpp): A e_j = step(m + e_j, ξ = 0) - step(m, 0), c = step(m, 0) - A m, B e_j = step(m, e_j) - step(m, 0).
// The law then follows the recursion m' = A m + c, P' = A P Aᵀ + B Bᵀ from N(0, prior_std(T)² I). Each probe is a
// step of its own with a fresh state (Stepper::init), so this is for one-step samplers (no memory between steps).
#include <cmath>
#include <cstdint>
#include <vector>

#include "sgm/base/noise.hpp"
#include "sgm/process/process.hpp"
#include "sgm/sampler/stepper.hpp"
#include "sgm/score/score_model.hpp"

namespace sgm::test {

struct GaussianLaw {
  Vector mean;
  Matrix covariance;
};

// Prescribed noise: every fill returns the same matrix.
class FixedNoise final : public NoiseSource {
public:
  explicit FixedNoise(Particles value) : value_(std::move(value)) {}
  void fill(std::uint32_t, std::uint32_t, Particles& out) const override { out = value_; }

private:
  Particles value_;
};

inline GaussianLaw exact_output_law(const Stepper& stepper, const Process& process, const ScoreModel& score,
                                    const std::vector<double>& times) {
  const Eigen::Index d = score.dim();
  const double r = process.prior_std(times.front());
  GaussianLaw law{Vector::Zero(d), r * r * Matrix::Identity(d, d)};
  const Matrix I = Matrix::Identity(d, d);
  for (std::size_t k = 0; k + 1 < times.size(); ++k) {
    // Rows: m, then m + e_j (j = 0..d-1); zero noise gives A m + c and the columns of A.
    Particles X = law.mean.transpose().replicate(d + 1, 1);
    X.bottomRows(d) += I;
    const FixedNoise zero(Particles::Zero(d + 1, d));
    stepper.step(process, score, zero, static_cast<std::uint32_t>(k), times[k], times[k + 1], X, *stepper.init());
    const Vector base = X.row(0).transpose();
    const Matrix A = (X.bottomRows(d).rowwise() - X.row(0)).transpose();
    // Rows: m, with noise e_j: the columns of B.
    Particles Y = law.mean.transpose().replicate(d, 1);
    const FixedNoise unit(I);
    stepper.step(process, score, unit, static_cast<std::uint32_t>(k), times[k], times[k + 1], Y, *stepper.init());
    const Matrix B = (Y.rowwise() - base.transpose()).transpose();
    law.mean = base;
    law.covariance = A * law.covariance * A.transpose() + B * B.transpose();
  }
  return law;
}

// TV between N(m1, v1) and N(m2, v2) in 1-D: the densities cross where the quadratic log p1 - log p2 vanishes;
// TV = P1(A) - P2(A) on A = {p1 > p2}, evaluated with normal CDFs.
inline double tv_1d(double m1, double v1, double m2, double v2) {
  auto Phi = [](double x, double m, double v) { return 0.5 * std::erfc(-(x - m) / std::sqrt(2.0 * v)); };
  if (std::abs(v1 - v2) <= 1e-15 * v1) return 2.0 * Phi(std::abs(m1 - m2) / 2.0, 0.0, v1) - 1.0;
  if (v1 > v2) return tv_1d(m2, v2, m1, v1);  // symmetric; now v1 < v2 and A = (x1, x2) between the roots
  // log p1 - log p2 = a x² + b x + c.
  const double a = 0.5 / v2 - 0.5 / v1, b = m1 / v1 - m2 / v2;
  const double c = 0.5 * m2 * m2 / v2 - 0.5 * m1 * m1 / v1 - 0.5 * std::log(v1 / v2);
  const double root = std::sqrt(b * b - 4 * a * c);
  const double x1 = (-b - root) / (2 * a), x2 = (-b + root) / (2 * a);
  const double lo = std::min(x1, x2), hi = std::max(x1, x2);
  return (Phi(hi, m1, v1) - Phi(lo, m1, v1)) - (Phi(hi, m2, v2) - Phi(lo, m2, v2));
}

}  // namespace sgm::test
