#include <doctest/doctest.h>

#include "sgm/base/rng.hpp"

TEST_CASE("Philox4x32-10 matches the Random123 known-answer vectors") {
  // Random123 tests/kat_vectors, the three "philox4x32 10" lines (counter, key, result).
  using B = sgm::CounterRng::Block;
  CHECK(sgm::CounterRng::philox4x32_10({0, 0, 0, 0}, {0, 0}) == B{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8});
  CHECK(sgm::CounterRng::philox4x32_10({0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}, {0xffffffff, 0xffffffff}) ==
        B{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd});
  CHECK(sgm::CounterRng::philox4x32_10({0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, {0xa4093822, 0x299f31d0}) ==
        B{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1});
}
