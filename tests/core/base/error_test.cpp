#include <doctest/doctest.h>

#include <limits>
#include <sstream>

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

TEST_CASE("format_general: what an ostream writes at that precision (the second algorithm)") {
  // format_general replaced std::ostringstream in the messages so that the WebAssembly module links no iostreams; the
  // text must stay the stream's, digit for digit.
  for (const double value : {0.0, -0.0, 1.0, -2.5, 1.0 / 3.0, 123456.789, 1e-7, 6.02214076e23, 0.000123456789, 1e300,
                             std::numeric_limits<double>::denorm_min(), std::numeric_limits<double>::max()}) {
    for (const int digits : {3, 10, 17}) {
      std::ostringstream stream;
      stream.precision(digits);
      stream << value;
      CHECK(sgm::format_general(value, digits) == stream.str());
    }
  }
}

TEST_CASE("require: the message names the parameter, its value and the allowed range") {
  using doctest::Contains;
  CHECK_THROWS_WITH_AS(sgm::require(false, "steps", -3.0, "an integer in [1, 10]"),
                       "steps = -3 is out of range: must be an integer in [1, 10]", sgm::InvalidArgument);
  CHECK_THROWS_WITH_AS(sgm::require(false, "covariance", "must be symmetric"), "covariance: must be symmetric",
                       sgm::InvalidArgument);
  CHECK_NOTHROW(sgm::require(true, "steps", 3.0, "an integer in [1, 10]"));
}
