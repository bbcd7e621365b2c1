#include <doctest/doctest.h>

#include "sgm/base/enum_names.hpp"
#include "sgm/base/error.hpp"

namespace {
enum class Colour { Red, Green, Blue };
constexpr sgm::EnumNames<Colour, 3> kColourNames{
    {{Colour::Red, "red"}, {Colour::Green, "green"}, {Colour::Blue, "blue"}}};
}  // namespace

TEST_CASE("enum names: each value's name and back; an unknown name lists the table's names in order") {
  for (Colour c : {Colour::Red, Colour::Green, Colour::Blue})
    CHECK(sgm::value_named(kColourNames, "colour", sgm::name_of(kColourNames, c)) == c);
  CHECK(sgm::name_of(kColourNames, Colour::Green) == "green");
  CHECK_THROWS_WITH_AS(sgm::value_named(kColourNames, "paint.colour", "Green"),
                       "paint.colour = \"Green\" is unknown: must be one of \"red\", \"green\", \"blue\"",
                       sgm::InvalidArgument);
}
