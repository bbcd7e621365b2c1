// Exact W2 between point clouds (optimal assignment), checked against brute force over all permutations, the LP dual
// certificate, the sorted 1-D coupling, translations, and the limit of sliced W2 as the number of directions grows.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "sgm/base/error.hpp"
#include "sgm/base/rng.hpp"
#include "sgm/metric/wasserstein.hpp"
#include "sgm/numerics/optimal_assignment.hpp"
#include "support/test_support.hpp"

namespace {

using sgm::test::normal_particles;

// min over all n! permutations σ of Σ_i C(i, σ(i)).
double brute_force_assignment(const sgm::Matrix& c) {
  std::vector<Eigen::Index> sigma(static_cast<std::size_t>(c.rows()));
  std::iota(sigma.begin(), sigma.end(), 0);
  double best = INFINITY;
  do {
    double total = 0.0;
    for (Eigen::Index i = 0; i < c.rows(); ++i) total += c(i, sigma[static_cast<std::size_t>(i)]);
    best = std::min(best, total);
  } while (std::next_permutation(sigma.begin(), sigma.end()));
  return best;
}

// Weak LP duality: if u_i + v_j ≤ C(i, j) for all i, j then Σu + Σv ≤ the cost of every permutation, so equality
// with the returned cost proves it optimal. Tolerance: 1e-9 of the largest cost (sums of rounded terms).
void check_dual_certificate(const sgm::Matrix& c, const sgm::Assignment& a) {
  const Eigen::Index n = c.rows();
  std::vector<Eigen::Index> sorted = a.column_of_row;
  std::sort(sorted.begin(), sorted.end());
  for (Eigen::Index i = 0; i < n; ++i) REQUIRE(sorted[static_cast<std::size_t>(i)] == i);  // a permutation
  const double scale = std::max(c.cwiseAbs().maxCoeff(), 1.0);
  const sgm::Matrix slack = c - a.row_potential.replicate(1, n) - a.column_potential.transpose().replicate(n, 1);
  CHECK(slack.minCoeff() >= -1e-9 * scale);
  double tight = 0.0;
  for (Eigen::Index i = 0; i < n; ++i)
    tight = std::max(tight, std::abs(slack(i, a.column_of_row[static_cast<std::size_t>(i)])));
  CHECK(tight <= 1e-9 * scale);
  CHECK(a.row_potential.sum() + a.column_potential.sum() == doctest::Approx(a.cost).epsilon(1e-12).scale(scale));
}

}  // namespace

TEST_CASE("optimal assignment equals brute force over all permutations for n ≤ 7") {
  for (Eigen::Index n = 1; n <= 7; ++n) {
    for (std::uint64_t seed = 0; seed < 4; ++seed) {
      INFO("n = " << n << ", seed = " << seed);
      // Costs with ties (rounded to integers) and without.
      sgm::Matrix c = normal_particles(n, n, seed).array().abs() * 10.0;
      if (seed % 2 == 0) c = c.array().round();
      const sgm::Assignment a = sgm::optimal_assignment(c);
      CHECK(a.cost == doctest::Approx(brute_force_assignment(c)).epsilon(1e-12));
      std::vector<Eigen::Index> sorted = a.column_of_row;
      std::sort(sorted.begin(), sorted.end());
      for (Eigen::Index i = 0; i < n; ++i) CHECK(sorted[static_cast<std::size_t>(i)] == i);  // a permutation
    }
  }
}

TEST_CASE("w2 between point clouds equals brute force over all permutations for n ≤ 7, d = 1, 2, 3") {
  for (Eigen::Index d = 1; d <= 3; ++d) {
    for (Eigen::Index n = 1; n <= 7; ++n) {
      const sgm::Particles X = normal_particles(n, d, 1),
                           Y = normal_particles(n, d, 2) + sgm::Particles::Constant(n, d, 0.5);
      sgm::Matrix c(n, n);
      for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = 0; j < n; ++j) c(i, j) = (X.row(i) - Y.row(j)).squaredNorm();
      INFO("d = " << d << ", n = " << n);
      CHECK(sgm::w2(X, Y) == doctest::Approx(std::sqrt(brute_force_assignment(c) / n)).epsilon(1e-12));
    }
  }
}

TEST_CASE("optimal assignment carries a dual certificate of optimality (n = 300)") {
  // Weak LP duality: if u_i + v_j ≤ C(i, j) for all i, j then Σu + Σv ≤ cost of every permutation; equality with the
  // returned cost proves it optimal. Tolerance: 1e-9 of the cost scale (sums of 300 rounded terms of size ≤ 20).
  const sgm::Particles X = normal_particles(300, 2, 3), Y = normal_particles(300, 2, 4) * 1.5;
  sgm::Matrix c(300, 300);
  for (Eigen::Index i = 0; i < 300; ++i)
    for (Eigen::Index j = 0; j < 300; ++j) c(i, j) = (X.row(i) - Y.row(j)).squaredNorm();
  check_dual_certificate(c, sgm::optimal_assignment(c));
}

TEST_CASE("optimal assignment is certified optimal on tie-heavy integer costs (n = 8 … 120)") {
  // Costs in {0, 1, 2, 3}: many equal reduced costs, the case where the Jonker–Volgenant initialisation (augmenting
  // row reduction) and the tie rule of the shortest-path search matter.
  for (Eigen::Index n : {8, 20, 50, 120}) {
    for (std::uint64_t seed = 0; seed < 3; ++seed) {
      const sgm::Matrix c = (normal_particles(n, n, 40 + seed).array().abs() * 1.6).floor().min(3.0);
      INFO("n = " << n << ", seed = " << seed);
      check_dual_certificate(c, sgm::optimal_assignment(c));
    }
  }
}

TEST_CASE("w2 in 1-D equals the sorted (quantile) coupling w2_1d") {
  for (Eigen::Index n : {1, 2, 50, 400}) {
    const sgm::Particles X = normal_particles(n, 1, 5),
                         Y = normal_particles(n, 1, 6) * 2.0 + sgm::Particles::Constant(n, 1, 0.3);
    INFO("n = " << n);
    CHECK(sgm::w2(X, Y) == doctest::Approx(sgm::w2_1d(X.col(0), Y.col(0))).epsilon(1e-12));
  }
}

TEST_CASE("w2 of a translated cloud is the length of the translation; √d · sliced W2 tends to it") {
  // Σ_i |x_i - x_σ(i) - v|² = Σ_i |x_i - x_σ(i)|² + n|v|² (the cross term sums to 0), minimal at σ = id: W2 = |v|.
  // Projections: W2²(θ·X, θ·X + θ·v) = (θ·v)², and E (θ·v)² = |v|²/d for θ uniform on the sphere, so √d·SW2 → |v|.
  const Eigen::Index d = 3, n = 200;
  const sgm::Particles X = normal_particles(n, d, 7);
  sgm::Vector v(d);
  v << 0.3, -1.2, 0.5;
  const sgm::Particles Y = X.rowwise() + v.transpose();
  CHECK(sgm::w2(X, Y) == doctest::Approx(v.norm()).epsilon(1e-12));
  // Monte Carlo over m directions: (θ·v)² has variance |v|⁴ (E θ_1⁴ - 1/d²)·… ≤ |v|⁴; 5 standard errors |v|²·5/√m.
  const sgm::CounterRng rng(8);
  for (std::size_t m : {64u, 4096u}) {
    const double sw2 = sgm::sliced_w2(X, Y, sgm::uniform_directions(static_cast<int>(d), m, rng));
    INFO("m = " << m);
    CHECK(std::abs(d * sw2 * sw2 - v.squaredNorm()) <= 5.0 * d * v.squaredNorm() / std::sqrt(double(m)));
  }
}

TEST_CASE("sliced W2 converges to its limit as directions grow, and √d·SW2 ≤ W2 (d = 2)") {
  // The limit SW2_∞² = (1/π) ∫_0^π W2²(θ_φ·X, θ_φ·Y) dφ (θ_φ = (cos φ, sin φ); the integrand has period π) by the
  // midpoint rule on M angles; the integrand is piecewise smooth (kinks where the sort order changes), so the rule
  // errs by O(M⁻²): its change from M/2 to M bounds the error. With m uniform directions the sliced W2² is a mean of m
  // i.i.d. draws of the integrand: |SW2_m² - SW2_∞²| ≤ 5 σ/√m (5 standard errors, σ² the variance over φ).
  const Eigen::Index n = 150;
  const sgm::Particles X = normal_particles(n, 2, 9);
  sgm::Particles Y = normal_particles(n, 2, 10);
  Y.col(0) *= 2.0;
  auto midpoint = [&](int M, double* variance) {
    double sum = 0.0, sum2 = 0.0;
    for (int k = 0; k < M; ++k) {
      const double phi = M_PI * (k + 0.5) / M;
      const sgm::Vector theta = (sgm::Vector(2) << std::cos(phi), std::sin(phi)).finished();
      const double w = sgm::w2_1d(X * theta, Y * theta);
      sum += w * w;
      sum2 += w * w * w * w;
    }
    if (variance) *variance = sum2 / M - (sum / M) * (sum / M);
    return sum / M;
  };
  double variance = 0.0;
  const double limit = midpoint(8000, &variance), coarse = midpoint(4000, nullptr);
  const double quadrature_error = std::abs(limit - coarse);
  CHECK(quadrature_error < 1e-6 * limit);
  const sgm::CounterRng rng(11);
  for (std::size_t m : {16u, 256u, 4096u}) {
    const double sw2 = sgm::sliced_w2(X, Y, sgm::uniform_directions(2, m, rng));
    INFO("m = " << m << ", SW2_m² = " << sw2 * sw2 << ", limit = " << limit);
    CHECK(std::abs(sw2 * sw2 - limit) <= 5.0 * std::sqrt(variance / double(m)) + quadrature_error);
  }
  // E_θ W2²(θX, θY) ≤ E_θ (1/n)Σ(θ·(x_i - y_σ(i)))² = W2²/d for the optimal σ: √d·SW2_∞ ≤ W2.
  const double exact = sgm::w2(X, Y);
  CHECK(std::sqrt(2.0 * limit) <= exact * (1.0 + 1e-12));
  CHECK(std::sqrt(2.0 * limit) >= 0.5 * exact);  // and not vacuous here (seen ≈ 0.9)
}

TEST_CASE("w2 and optimal assignment reject bad input with the parameter named") {
  CHECK_THROWS_WITH_AS(sgm::w2(sgm::Particles::Zero(3, 2), sgm::Particles::Zero(4, 2)),
                       "Y: is 4×2: must have the shape of X, 3×2 (equal sizes)", sgm::InvalidArgument);
  CHECK_THROWS_WITH_AS(sgm::w2(sgm::Particles(0, 2), sgm::Particles(0, 2)),
                       "X = 0 is out of range: must be a sample of size ≥ 1", sgm::InvalidArgument);
  CHECK_THROWS_WITH_AS(sgm::optimal_assignment(sgm::Matrix::Zero(2, 3)), "cost: is 2×3: must be square",
                       sgm::InvalidArgument);
  sgm::Matrix c = sgm::Matrix::Zero(2, 2);
  c(0, 1) = NAN;
  CHECK_THROWS_WITH_AS(sgm::optimal_assignment(c), "cost: must contain only finite numbers (got NaN or Infinity)",
                       sgm::InvalidArgument);
}
