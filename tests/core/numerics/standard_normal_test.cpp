#include <doctest/doctest.h>

#include <cmath>

#include "sgm/base/error.hpp"
#include "sgm/numerics/standard_normal.hpp"

namespace {
constexpr long double kInvSqrt2 = 0.70710678118654752440084436210485L;
constexpr long double kHalfLogTwoPi = 0.91893853320467274178032973640562L;

// Φ(z) and φ(z)/Φ(z) from the C library's long double erfc and exp (64-bit mantissa: 2048 times finer than double;
// erfc does not underflow for z ≥ -37 in double either).
long double erfc_cdf(double z) { return 0.5L * std::erfc(-static_cast<long double>(z) * kInvSqrt2); }
double erfc_pdf_over_cdf(double z) {
  const long double lz = z;
  return static_cast<double>(std::exp(-0.5L * lz * lz - kHalfLogTwoPi) / erfc_cdf(z));
}

// The asymptotic series of Mills' ratio, R(t) = (1/t)(1 - 1/t² + 3/t⁴ - 15/t⁶ + 105/t⁸ - …) (A&S 26.2.12), summed
// to 1/t^10: the error is below 945/t^10 relative.
double mills_series(double t) {
  const double u = 1.0 / (t * t);
  return (1.0 - u * (1.0 - 3.0 * u * (1.0 - 5.0 * u * (1.0 - 7.0 * u * (1.0 - 9.0 * u))))) / t;
}
}  // namespace

TEST_CASE("log Φ agrees with log(erfc/2) wherever erfc is representable, across the branch switch at z = -5") {
  for (double z = -37.0; z <= 8.0; z += 0.125) {
    INFO("z = " << z);
    CHECK(sgm::log_normal_cdf(z) == doctest::Approx(static_cast<double>(std::log(erfc_cdf(z)))).epsilon(2e-14));
    CHECK(sgm::normal_pdf_over_cdf(z) == doctest::Approx(erfc_pdf_over_cdf(z)).epsilon(2e-14));
  }
  // Both sides of the switch: the continued fraction (z < -5) and erfc (z ≥ -5) meet to rounding.
  const double below = std::nextafter(-5.0, -6.0);
  CHECK(sgm::log_normal_cdf(below) == doctest::Approx(sgm::log_normal_cdf(-5.0)).epsilon(1e-14));
}

TEST_CASE("log Φ and φ/Φ follow the asymptotic series far in the lower tail, where Φ itself underflows") {
  for (double z : {-40.0, -100.0, -1e4, -1e8}) {
    const double t = -z, r = mills_series(t);
    INFO("z = " << z);
    CHECK(sgm::mills_ratio(t) == doctest::Approx(r).epsilon(1e-14));
    CHECK(sgm::log_normal_cdf(z) ==
          doctest::Approx(-0.5 * z * z - static_cast<double>(kHalfLogTwoPi) + std::log(r)).epsilon(1e-15));
    CHECK(sgm::normal_pdf_over_cdf(z) == doctest::Approx(1.0 / r).epsilon(1e-14));
  }
  // Upper tail: log Φ(z) = log1p(-Φ(-z)) keeps the tiny deficit.
  CHECK(sgm::log_normal_cdf(10.0) == doctest::Approx(static_cast<double>(-erfc_cdf(-10.0))).epsilon(1e-14));
  CHECK(sgm::normal_pdf_over_cdf(40.0) == 0.0);
}

TEST_CASE("Mills' ratio refuses arguments outside its continued-fraction range") {
  CHECK_THROWS_AS(sgm::mills_ratio(4.0), sgm::InvalidArgument);
  CHECK_THROWS_AS(sgm::mills_ratio(std::nan("")), sgm::InvalidArgument);
  CHECK_THROWS_AS(sgm::log_normal_cdf(std::nan("")), sgm::InvalidArgument);
}
