#include <doctest/doctest.h>

#include <cmath>

#include "sgm/base/error.hpp"
#include "sgm/numerics/gauss_jacobi.hpp"

using sgm::QuadratureRule;

namespace {
// ∫_{-1}^{1} (1 - x)^a (1 + x)^{b + j} dx = 2^{a + b + j + 1} B(a + 1, b + j + 1): the Jacobi moments in the basis
// (1 + x)^j, a closed form with no cancellation (Abramowitz & Stegun 6.2.1).
double jacobi_moment(double a, double b, int j) {
  return std::exp((a + b + j + 1) * std::log(2.0) + std::lgamma(a + 1) + std::lgamma(b + j + 1) -
                  std::lgamma(a + b + j + 2));
}

double rule_moment(const QuadratureRule& rule, int j) {
  double sum = 0.0;
  for (Eigen::Index i = 0; i < rule.nodes.size(); ++i) sum += rule.weights(i) * std::pow(1.0 + rule.nodes(i), j);
  return sum;
}
}  // namespace

TEST_CASE("Gauss–Jacobi rules integrate (1+x)^j against their weight exactly up to degree 2n - 1") {
  // Exponent pairs: Legendre, the singular weights used by the tilted half-normal (b = α - 1 for α = 0.1, 2.5, 100),
  // and a two-sided weight.
  for (const auto& entry : {std::pair{0.0, 0.0}, {0.0, -0.9}, {0.0, 1.5}, {0.0, 99.0}, {0.3, 2.7}}) {
    const auto& a = std::get<0>(entry);
    const auto& b = std::get<1>(entry);
    for (int n : {1, 2, 5, 16, 48}) {
      const QuadratureRule rule = sgm::gauss_jacobi(n, a, b);
      INFO("a = " << a << ", b = " << b << ", n = " << n);
      REQUIRE(rule.nodes.size() == n);
      for (int i = 0; i < n; ++i) {
        CHECK(rule.nodes(i) > -1.0);
        CHECK(rule.nodes(i) < 1.0);
        if (i > 0) CHECK(rule.nodes(i) > rule.nodes(i - 1));
        CHECK(rule.weights(i) > 0.0);
      }
      // Degree ≤ 2n - 1: exact up to rounding. 1e-12 relative: the reference exp(Σ lgamma) has an absolute error of
      // a few ulp of its exponent (up to ≈ 300 for b = 99), i.e. up to ≈ 3e-13 relative.
      for (int j = 0; j <= 2 * n - 1; ++j)
        CHECK(rule_moment(rule, j) == doctest::Approx(jacobi_moment(a, b, j)).epsilon(1e-12));
    }
  }
}

TEST_CASE("Gauss–Jacobi rules refuse bad sizes and exponents, naming them") {
  CHECK_THROWS_WITH_AS(sgm::gauss_jacobi(0, 0.0, 0.0), "nodes = 0 is out of range: must be an integer in [1, 64]",
                       sgm::InvalidArgument);
  CHECK_THROWS_WITH_AS(sgm::gauss_jacobi(4, -1.0, 0.0),
                       "Jacobi exponent a = -1 is out of range: must be a number in (-1, 1000]", sgm::InvalidArgument);
  CHECK_THROWS_AS(sgm::gauss_jacobi(4, 0.0, std::nan("")), sgm::InvalidArgument);
}
