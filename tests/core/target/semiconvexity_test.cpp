// Numerical semiconvexity check (semiconvexity.hpp, theory §9.10): exact K for a Gaussian (-1/λ_max(Σ)) and for the
// symmetric mixture ½N(m, I) + ½N(-m, I) (K = |m|² - 1, theory §5 addendum), both from below; and an unbounded
// report for a potential with a downward gradient jump (the symmetric MHN with α = 1, γ > 0: U = βx² - γ|x|), while
// the upward jump (γ < 0, elastic-net-like) stays semiconvex with K = -2β.
#include <doctest/doctest.h>

#include <cmath>

#include "sgm/base/error.hpp"
#include "sgm/target/gaussian.hpp"
#include "sgm/target/semiconvexity.hpp"

using namespace sgm;

namespace {
// 1-D law ∝ exp(-βx² + γ|x|): score -2βx + γ sign(x). Only the score is used by the check; the points are standard
// normals (any law charging the kink's neighbourhood serves), so the other members are not needed here.
class KinkedPotential final : public Target {
public:
  KinkedPotential(double beta, double gamma) : beta_(beta), gamma_(gamma) {}
  std::string name() const override { return "kinked"; }
  int dim() const override { return 1; }
  Particles sample_rows(std::size_t first, std::size_t count, const CounterRng& rng, Stream stream) const override {
    Particles x(static_cast<Eigen::Index>(count), 1);
    rng.fill_normal(x, 0, stream, static_cast<std::uint32_t>(first));
    return x;
  }
  void score(double, double, const Particles& X, Particles& out) const override {
    out = -2.0 * beta_ * X.array() + gamma_ * X.array().sign();
  }
  Vector log_density(double, double, const Particles& X) const override { return Vector::Zero(X.rows()); }
  Vector mean() const override { return Vector::Zero(1); }
  Matrix covariance() const override { return Matrix::Identity(1, 1); }
  TargetFigures figures() const override { return {}; }

private:
  double beta_, gamma_;
};
}  // namespace

TEST_CASE("semiconvexity of a Gaussian: K = -1/λ_max(Σ), estimated from below") {
  Matrix cov(2, 2);
  cov << 2.0, 0.6, 0.6, 0.8;
  const Gaussian g(Vector::Zero(2), cov);
  const SemiconvexityEstimate e = estimate_semiconvexity(g, {});
  const double K = g.figures().semiconvexity;
  INFO("K = " << K << ", estimate " << e.K);
  CHECK(e.bounded);
  CHECK(e.K <= K + 1e-9);
  CHECK(e.K >= K - 1e-3);  // 4000 random directions in 2-D: the worst angle error is ~1e-3, quadratic in the quotient
}

TEST_CASE("semiconvexity of ½N(m, I) + ½N(-m, I): K = |m|² - 1 (theory §5 addendum)") {
  Vector m(2);
  m << 1.2, 0.9;  // |m|² = 2.25
  const GaussianMixture mixture({0.5, 0.5}, {m, -m}, {Matrix::Identity(2, 2), Matrix::Identity(2, 2)});
  const SemiconvexityEstimate e = estimate_semiconvexity(mixture, {20000, {1.0, 0.1, 0.01}, 3});
  INFO("estimate " << e.K << " for K = 1.25");
  CHECK(e.bounded);
  CHECK(e.K <= 1.25 + 1e-6);
  CHECK(e.K >= 1.25 - 0.05);
}

TEST_CASE("a downward gradient jump is reported as not semiconvex; an upward one is semiconvex") {
  const SemiconvexityEstimate down = estimate_semiconvexity(KinkedPotential(0.5, 1.0), {});
  INFO("γ > 0: K(r) = " << down.per_scale[0] << ", " << down.per_scale[1] << ", " << down.per_scale[2]);
  CHECK(!down.bounded);
  CHECK(down.per_scale[2] > 50.0);  // ≈ 2γ/r at r = 0.01 when a pair straddles the kink
  const SemiconvexityEstimate up = estimate_semiconvexity(KinkedPotential(0.5, -1.0), {});
  CHECK(up.bounded);
  CHECK(up.K == doctest::Approx(-1.0).epsilon(1e-9));  // U'' = 2β = 1 away from the kink: K = -1
}

TEST_CASE("semiconvexity check: bad options are rejected") {
  const Gaussian g(Vector::Zero(1), Matrix::Identity(1, 1));
  CHECK_THROWS_AS(estimate_semiconvexity(g, {1, {1.0}, 0}), InvalidArgument);
  CHECK_THROWS_AS(estimate_semiconvexity(g, {100, {0.1, 1.0}, 0}), InvalidArgument);
  CHECK_THROWS_AS(estimate_semiconvexity(g, {100, {}, 0}), InvalidArgument);
}
