// Gauss–Legendre rules against exact integrals: monomials up to degree 2m - 1 (exact), x^{2m} with the rule's exact
// error term (so a wrong node shows), and ∫ e^x, whose error falls faster than any power of m.
#include <doctest/doctest.h>

#include <cmath>

#include "sgm/base/error.hpp"
#include "sgm/numerics/gauss_legendre.hpp"

using namespace sgm;

namespace {
// ∫_{-1}^{1} x^p dx = 2/(p + 1) for even p, 0 for odd p.
double monomial_integral(int p) { return p % 2 == 0 ? 2.0 / (p + 1) : 0.0; }

double apply(const QuadratureRule& rule, int p) { return (rule.weights.array() * rule.nodes.array().pow(p)).sum(); }
}  // namespace

TEST_CASE("Gauss–Legendre: m nodes integrate monomials of degree ≤ 2m - 1 exactly") {
  for (int m : {1, 2, 3, 5, 8, 16, 32, 64}) {
    const QuadratureRule rule = gauss_legendre(m);
    INFO("m = " << m);
    REQUIRE(rule.nodes.size() == m);
    CHECK((rule.weights.array() > 0).all());
    for (int i = 0; i + 1 < m; ++i) CHECK(rule.nodes(i) < rule.nodes(i + 1));
    CHECK(std::abs(rule.nodes(0) + rule.nodes(m - 1)) < 1e-14);  // symmetric about 0
    for (int p = 0; p <= 2 * m - 1; ++p) CHECK(std::abs(apply(rule, p) - monomial_integral(p)) < 1e-13);
  }
}

TEST_CASE("Gauss–Legendre: the error on x^{2m} is the rule's error term 2^{2m+1} (m!)^4 / ((2m+1) ((2m)!)^2)") {
  // A&S 25.4.29 with f^{(2m)} = (2m)!. Beyond m ≈ 10 the term (≈ π/4^m) falls below double rounding.
  for (int m = 1; m <= 8; ++m) {
    const double factorial_m = std::tgamma(m + 1.0), factorial_2m = std::tgamma(2.0 * m + 1.0);
    const double term =
        std::pow(2.0, 2 * m + 1) * std::pow(factorial_m, 4) / ((2 * m + 1) * factorial_2m * factorial_2m);
    const double error = monomial_integral(2 * m) - apply(gauss_legendre(m), 2 * m);
    INFO("m = " << m << ", error = " << error << ", error term = " << term);
    CHECK(std::abs(error - term) < 1e-10 * term + 1e-15);
  }
}

TEST_CASE("Gauss–Legendre: ∫ e^x over [-1, 1] converges spectrally") {
  const double exact = std::exp(1.0) - std::exp(-1.0);
  double previous = 1.0;
  for (int m : {2, 3, 4, 5}) {
    const QuadratureRule rule = gauss_legendre(m);
    const double error = std::abs(rule.weights.dot(rule.nodes.array().exp().matrix()) - exact);
    INFO("m = " << m << ", error = " << error);
    CHECK(error < previous / 50.0);  // A&S 25.4.29: error = 2^{2m+1}(m!)^4/((2m+1)((2m)!)^3) f^{(2m)}(ξ): ÷ >60 per m
    previous = error;
  }
  CHECK(previous < 1e-9);
}

TEST_CASE("Gauss–Legendre: bad node counts are rejected") {
  CHECK_THROWS_WITH_AS(gauss_legendre(0), "nodes = 0 is out of range: must be an integer in [1, 64]", InvalidArgument);
  CHECK_THROWS_AS(gauss_legendre(65), InvalidArgument);
}
