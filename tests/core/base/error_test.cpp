#include <doctest/doctest.h>

#include <limits>

#include "sgm/base/error.hpp"

TEST_CASE("format_value: NaN and infinities by name, whole numbers in full, others to 10 significant digits") {
  CHECK(sgm::format_value(std::numeric_limits<double>::quiet_NaN()) == "NaN");
  CHECK(sgm::format_value(std::numeric_limits<double>::infinity()) == "Infinity");
  CHECK(sgm::format_value(-std::numeric_limits<double>::infinity()) == "-Infinity");
  CHECK(sgm::format_value(0.0) == "0");
  CHECK(sgm::format_value(-3.0) == "-3");
  CHECK(sgm::format_value(9007199254740991.0) == "9007199254740991");  // 2^53 - 1, the largest seed
  CHECK(sgm::format_value(0.1) == "0.1");
  CHECK(sgm::format_value(2.5) == "2.5");
  CHECK(sgm::format_value(1e20) == "1e+20");
  CHECK(sgm::format_value(1.0 / 3.0) == "0.3333333333");
}

TEST_CASE("require: the message names the parameter, its value and the allowed range") {
  using doctest::Contains;
  CHECK_THROWS_WITH_AS(sgm::require(false, "steps", -3.0, "an integer in [1, 10]"),
                       "steps = -3 is out of range: must be an integer in [1, 10]", sgm::InvalidArgument);
  CHECK_THROWS_WITH_AS(sgm::require(false, "covariance", "must be symmetric"), "covariance: must be symmetric",
                       sgm::InvalidArgument);
  CHECK_NOTHROW(sgm::require(true, "steps", 3.0, "an integer in [1, 10]"));
}
