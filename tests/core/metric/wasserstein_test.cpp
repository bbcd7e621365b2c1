#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

#include "sgm/base/error.hpp"
#include "sgm/metric/wasserstein.hpp"
#include "support/gaussian_w2.hpp"
#include "support/test_support.hpp"

using sgm::Matrix;
using sgm::Particles;
using sgm::Vector;
using sgm::test::relative;

namespace {

using sgm::test::vector_of;

Vector normal_vector(Eigen::Index n, std::uint64_t seed) {
  return sgm::test::normal_particles(n, 1, seed, sgm::Stream::Reference).col(0);
}

// A reference sample Y, two samples A (shifted and scaled) and B (Y's law) and m directions, all of size n in
// dimension d, from seeds seed … seed + 3.
struct SlicedCase {
  SlicedCase(int d, Eigen::Index n, std::size_t m, std::uint64_t seed)
      : Y(sgm::test::normal_particles(n, d, seed)),
        A(1.5 * sgm::test::normal_particles(n, d, seed + 1).array() + 0.2),
        B(sgm::test::normal_particles(n, d, seed + 2)),
        theta(sgm::uniform_directions(d, m, sgm::CounterRng(seed + 3))) {}
  Particles Y, A, B;
  Matrix theta;
};

// W2 between two empirical laws of equal size by brute force over every coupling that is a permutation (these
// include an optimal coupling for uniform weights, by Birkhoff's theorem).
double brute_force_w2(const Vector& x, const Vector& y) {
  std::vector<int> p(static_cast<std::size_t>(x.size()));
  std::iota(p.begin(), p.end(), 0);
  double best = INFINITY;
  do {
    double cost = 0.0;
    for (Eigen::Index i = 0; i < x.size(); ++i) cost += std::pow(x(i) - y(p[static_cast<std::size_t>(i)]), 2);
    best = std::min(best, cost);
  } while (std::next_permutation(p.begin(), p.end()));
  return std::sqrt(best / static_cast<double>(x.size()));
}

}  // namespace

TEST_CASE("w2_1d: closed forms on small point sets") {
  // {0, 1, 2} vs {5, 1, 3}: sorted pairs (0,1), (1,3), (2,5), W2² = (1 + 4 + 9)/3.
  CHECK(sgm::w2_1d(vector_of({0, 1, 2}), vector_of({5, 1, 3})) == relative(std::sqrt(14.0 / 3.0), 1e-15));
  CHECK(sgm::w2_1d(vector_of({5, 1, 3}), vector_of({0, 1, 2})) == relative(std::sqrt(14.0 / 3.0), 1e-15));
  CHECK(sgm::w2_1d(vector_of({3, -1, 2}), vector_of({2, 3, -1})) == 0.0);
  // Unequal sizes, by hand from the quantile functions F^{-1}, G^{-1} (piecewise constant):
  // {0, 1} vs {0, 1, 2}: on (1/3, 1/2] 0 vs 1, on (2/3, 1] 1 vs 2, elsewhere equal: W2² = 1/6 + 1/3 = 1/2.
  CHECK(sgm::w2_1d(vector_of({1, 0}), vector_of({2, 0, 1})) == relative(std::sqrt(0.5), 1e-15));
  // {0, 4} vs {1, 2, 3, 5} (breakpoints 1/2 coincide): quarters 0-1, 0-2, 4-3, 4-5: W2² = (1 + 4 + 1 + 1)/4 = 7/4.
  CHECK(sgm::w2_1d(vector_of({4, 0}), vector_of({5, 3, 2, 1})) == relative(std::sqrt(1.75), 1e-15));
  // One point against three: W2² = mean (x - y_j)² = (1 + 1 + 9)/3.
  CHECK(sgm::w2_1d(vector_of({1}), vector_of({0, 2, 4})) == relative(std::sqrt(11.0 / 3.0), 1e-15));
  CHECK(sgm::w2_1d(vector_of({0, 2, 4}), vector_of({1})) == relative(std::sqrt(11.0 / 3.0), 1e-15));
}

TEST_CASE("w2_1d: a sample against itself shifted by c is exactly c") {
  const Vector x = normal_vector(1000, 21);
  for (double c : {0.75, -2.5, 1e-6}) {
    INFO("c = " << c);
    Vector y = (x.array() + c).matrix().reverse();  // order must not matter
    // Rounding only: each (x_i + c) - x_i is c within 1e-15, and the recursive sum of n = 1000 terms c²/n is within
    // n eps of c² relative (Higham, "Accuracy and Stability of Numerical Algorithms", §4.2).
    const double eps = std::numeric_limits<double>::epsilon();
    CHECK(std::abs(sgm::w2_1d(x, y) - std::abs(c)) <= 1000.0 * eps * std::abs(c) + 1e-15);
  }
}

TEST_CASE("w2_1d: equal sizes match brute force over all couplings; unequal sizes match the replicated samples") {
  const Vector x = normal_vector(7, 31), y = 2.0 * normal_vector(7, 32).array() + 0.3;
  CHECK(sgm::w2_1d(x.head(6), y.head(6)) == relative(brute_force_w2(x.head(6), y.head(6)), 1e-13));
  // The empirical law of n points equals that of the same points each repeated m times: sizes 7 and 5 become 35 and
  // 35, compared by brute force on sorted samples (the monotone coupling is optimal in 1-D).
  const Vector x7 = x, y5 = y.head(5);
  Vector xr(35), yr(35);
  for (int i = 0; i < 35; ++i) {
    xr(i) = x7(i / 5);
    yr(i) = y5(i / 7);
  }
  std::sort(xr.data(), xr.data() + 35);
  std::sort(yr.data(), yr.data() + 35);
  const double replicated = std::sqrt((xr - yr).squaredNorm() / 35.0);
  CHECK(sgm::w2_1d(x7, y5) == relative(replicated, 1e-13));
  CHECK(sgm::w2_1d(y5, x7) == relative(replicated, 1e-13));
}

TEST_CASE("sliced_w2: a sample against its shift by v gives sqrt(mean_θ <v, θ>²) on the same directions") {
  // Along θ the projections differ by the constant <v, θ>, so each 1-D W2 is |<v, θ>| (test above).
  const int d = 3;
  Particles X(2000, d);
  sgm::CounterRng(41).fill_normal(X, 0, sgm::Stream::Reference);
  const Vector v = vector_of({0.5, -1.0, 2.0});
  const Particles Y = X.rowwise() + v.transpose();
  const Matrix theta = sgm::uniform_directions(d, 64, sgm::CounterRng(42));
  double mean_sq = 0.0;
  for (Eigen::Index k = 0; k < theta.cols(); ++k) mean_sq += std::pow(v.dot(theta.col(k)), 2) / 64.0;
  CHECK(sgm::sliced_w2(X, Y, theta) == relative(std::sqrt(mean_sq), 1e-12));
  CHECK(sgm::sliced_w2(X, X, theta) == 0.0);
}

TEST_CASE("sliced_w2_to_reference: each distance is the direct formula; the same bits for any thread count") {
  // Second algorithm: for equal sizes, SW2² = (1/m) Σ_k (1/n) Σ_i (θ_k·X_(i) - θ_k·Y_(i))² with both projections
  // sorted by std::sort (the quantile coupling), written out here independently of w2_1d's walk.
  const Eigen::Index n = 3000;
  const SlicedCase sliced(3, n, 40, 51);
  const Particles &Y = sliced.Y, &A = sliced.A, &B = sliced.B;
  const Matrix& theta = sliced.theta;
  auto direct = [&](const Particles& X) {
    double total = 0.0;
    for (Eigen::Index k = 0; k < theta.cols(); ++k) {
      Vector x = X * theta.col(k), y = Y * theta.col(k);
      std::sort(x.data(), x.data() + n);
      std::sort(y.data(), y.data() + n);
      total += (x - y).squaredNorm() / static_cast<double>(n);
    }
    return std::sqrt(total / static_cast<double>(theta.cols()));
  };
  const std::vector<double> one = sgm::sliced_w2_to_reference({&A, &B}, Y, theta, 1);
  REQUIRE(one.size() == 2);
  // Rounding only: sums of n and m positive terms in another order, relative error below (n + m) eps ≈ 7e-13.
  CHECK(one[0] == relative(direct(A), 1e-12));
  CHECK(one[1] == relative(direct(B), 1e-12));
  CHECK(one[0] == sgm::sliced_w2(A, Y, theta));
  CHECK(one[1] == sgm::sliced_w2(B, Y, theta));
  for (unsigned threads : {0u, 2u, 3u, 7u}) {
    INFO("threads = " << threads);
    CHECK(sgm::sliced_w2_to_reference({&A, &B}, Y, theta, threads) == one);
  }
}

TEST_CASE("sliced_w2_terms: ranges of directions joined in order are the whole range's terms, bit for bit") {
  // The page's workers each take a range of directions; summed by sliced_w2_from_terms, the joined terms must give
  // sliced_w2_to_reference's distances, whatever the split and the thread count.
  const SlicedCase sliced(2, 2000, 13, 71);
  const Particles &Y = sliced.Y, &A = sliced.A, &B = sliced.B;
  const Matrix& theta = sliced.theta;
  const std::vector<double> whole = sgm::sliced_w2_terms({&A, &B}, Y, theta, 0, 13, 1);
  REQUIRE(whole.size() == 26);
  CHECK(sgm::sliced_w2_from_terms(whole, 2) == sgm::sliced_w2_to_reference({&A, &B}, Y, theta, 1));
  // Term (k, s) is W2²(θ_k·X_s, θ_k·Y), checked against w2_1d of the whole projections (a second walk).
  for (Eigen::Index k : {0, 7, 12}) {
    const Vector y = Y * theta.col(k), a = A * theta.col(k), b = B * theta.col(k);
    CHECK(whole[2 * k] == relative(std::pow(sgm::w2_1d(a, y), 2), 1e-14));
    CHECK(whole[2 * k + 1] == relative(std::pow(sgm::w2_1d(b, y), 2), 1e-14));
  }
  for (const std::vector<std::size_t>& cuts :
       std::vector<std::vector<std::size_t>>{{0, 6, 13}, {0, 1, 2, 13}, {0, 0, 5, 5, 13}, {0, 4, 8, 12, 13}}) {
    for (unsigned threads : {1u, 2u, 3u}) {
      std::vector<double> joined;
      for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
        const std::vector<double> part = sgm::sliced_w2_terms({&A, &B}, Y, theta, cuts[i], cuts[i + 1], threads);
        CHECK(part.size() == 2 * (cuts[i + 1] - cuts[i]));
        joined.insert(joined.end(), part.begin(), part.end());
      }
      CHECK(joined == whole);
    }
  }
  CHECK_THROWS_WITH_AS(sgm::sliced_w2_terms({&A}, Y, theta, 5, 14, 1),
                       "directions: first = 5, last = 14 is out of range: must satisfy first ≤ last ≤ 13 (the number "
                       "of directions)",
                       sgm::InvalidArgument);
  CHECK_THROWS_WITH_AS(sgm::sliced_w2_from_terms({1.0, 2.0, 3.0}, 2),
                       "terms = 3 is out of range: must be a positive multiple of the number of samples, 2 (m "
                       "directions × samples)",
                       sgm::InvalidArgument);
}

TEST_CASE("sliced_w2_to_reference: the bits of whole projections X·θ, std::sort and the quantile walk") {
  // The projections are made block by block inside the sort; the distances must be, bit for bit, those of Eigen's
  // whole products X·θ sorted by std::sort, with the terms of each 1-D W2² and the directions summed in this order.
  // n = 5000 has a last block of 904 rows; d = 1, 2, 3, 5 cover the product kernel's column counts.
  const Eigen::Index n = 5000;
  for (int d : {1, 2, 3, 5}) {
    INFO("d = " << d);
    const Particles Y = sgm::test::normal_particles(n, d, 61);
    const Particles X = 1.2 * sgm::test::normal_particles(n, d, 62).array() - 0.3;
    const Matrix theta = sgm::uniform_directions(d, 7, sgm::CounterRng(63));
    double total = 0.0;
    for (Eigen::Index k = 0; k < theta.cols(); ++k) {
      Vector x = X * theta.col(k), y = Y * theta.col(k);
      std::sort(x.data(), x.data() + n);
      std::sort(y.data(), y.data() + n);
      double sum = 0.0, u = 0.0;
      for (Eigen::Index i = 0; i < n; ++i) {
        const double next = static_cast<double>(i + 1) / static_cast<double>(n);
        sum += (next - u) * (x(i) - y(i)) * (x(i) - y(i));
        u = next;
      }
      const double w = std::sqrt(sum);
      total += w * w;
    }
    CHECK(sgm::sliced_w2_to_reference({&X}, Y, theta, 1).front() ==
          std::sqrt(total / static_cast<double>(theta.cols())));
  }
}

TEST_CASE("uniform_directions: unit columns with second moment I/d (CLT, 5 standard errors)") {
  // θ uniform on S^{d-1} has mean 0 and E θθᵀ = I/d; 20000 directions in d = 3.
  const int d = 3;
  const Matrix theta = sgm::uniform_directions(d, 20000, sgm::CounterRng(5));
  REQUIRE(theta.rows() == d);
  REQUIRE(theta.cols() == 20000);
  CHECK((theta.colwise().norm().array() - 1.0).abs().maxCoeff() < 1e-15);
  const sgm::test::MomentZ z =
      sgm::test::moment_z_scores(theta.transpose(), Vector::Zero(d), Matrix::Identity(d, d) / d);
  INFO("max |z| mean " << z.mean << ", second moment " << z.covariance);
  CHECK(z.mean < 5.0);
  CHECK(z.covariance < 5.0);
}

TEST_CASE("Gaussian W2 helper (test_support.hpp): commuting closed form, symmetry, triangle inequality") {
  using sgm::test::gaussian_w2;
  // Diagonal covariances commute: W2² = |m1 - m2|² + Σ_i (sqrt(a_i) - sqrt(b_i))².
  const Vector m1 = vector_of({1, 2}), m2 = vector_of({0, 0.5});
  const Matrix a = vector_of({4, 0.25}).asDiagonal(), b = vector_of({1, 1}).asDiagonal();
  CHECK(gaussian_w2(m1, a, m2, b) == relative(std::sqrt(1.0 + 2.25 + 1.0 + 0.25), 1e-14));
  Matrix s1(2, 2), s2(2, 2), s3(2, 2);
  s1 << 0.5, 0.2, 0.2, 0.3;
  s2 << 1.0, -0.4, -0.4, 0.6;
  s3 << 0.2, 0.05, 0.05, 2.0;
  CHECK(gaussian_w2(m1, s1, m1, s1) < 1e-7);  // sqrt of a rounding-level trace
  CHECK(gaussian_w2(m1, s1, m2, s2) == relative(gaussian_w2(m2, s2, m1, s1), 1e-12));
  CHECK(gaussian_w2(m1, s1, m2, s3) <= gaussian_w2(m1, s1, m2, s2) + gaussian_w2(m2, s2, m2, s3));
}

TEST_CASE("Wasserstein: invalid input throws InvalidArgument naming the argument") {
  using doctest::Contains;
  CHECK_THROWS_WITH_AS(sgm::w2_1d(Vector(), vector_of({1})),
                       Contains("x = 0 is out of range: must be a sample of size ≥ 1"), sgm::InvalidArgument);
  CHECK_THROWS_WITH_AS(sgm::w2_1d(vector_of({1}), Vector()), Contains("y = 0 is out of range"), sgm::InvalidArgument);
  const Particles X = Particles::Zero(5, 2), Y = Particles::Zero(5, 3);
  CHECK_THROWS_WITH_AS(sgm::sliced_w2(X, Y, Matrix::Identity(2, 2)), Contains("directions: dimension mismatch"),
                       sgm::InvalidArgument);
  CHECK_THROWS_WITH_AS(sgm::sliced_w2(X, X, Matrix(2, 0)), Contains("projections = 0 is out of range"),
                       sgm::InvalidArgument);
}
