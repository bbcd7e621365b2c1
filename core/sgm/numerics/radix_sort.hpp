#pragma once
// Sorting doubles by least-significant-digit radix sort on their IEEE-754 bit patterns (Knuth, TAOCP vol. 3,
// §5.2.5) over the top 32 bits, then an insertion sort of each run of ties. The sample metrics sort one projection of
// 10^6 particles per direction (sliced W2, 1-D W2); a comparison sort costs O(n log n) compares with unpredictable
// branches, this costs three sequential passes and a scan: linear, unless many values agree to a relative 2^-20, whose
// runs then cost what a comparison sort of them costs.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <vector>

namespace sgm {

// The order key of x: its bit pattern with the sign bit set for x ≥ +0 and every bit flipped for x ≤ -0. Unsigned
// order of keys is then the order of the values, -0.0 before +0.0, -NaN first and +NaN last (IEEE 754-2008, §5.10,
// totalOrder).
inline std::uint64_t order_key(double x) {
  constexpr std::uint64_t kSignBit = std::uint64_t{1} << 63;
  std::uint64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  return (bits & kSignBit) != 0 ? ~bits : bits | kSignBit;
}

// The value whose order key is `key`.
inline double key_value(std::uint64_t key) {
  constexpr std::uint64_t kSignBit = std::uint64_t{1} << 63;
  const std::uint64_t bits = (key & kSignBit) != 0 ? key & ~kSignBit : ~key;
  double x;
  std::memcpy(&x, &bits, sizeof x);
  return x;
}

// A sort of n values into their order keys, with buffers kept from one call to the next: a caller sorting many arrays
// (one per projection) keeps one RadixSorter (a fresh 2n-word buffer per call, zeroed and page-faulted in, cost as
// much as the sort's passes). The values are never stored as doubles: the caller writes them block by block into a
// small buffer (`fill`), from which the keys and every pass's histogram are taken in one read, and reads the sorted
// keys back through key_value, so that neither a projection nor the sorted doubles make a pass of their own.
class RadixSorter {
public:
  // fill(first, count, out) writes values first .. first + count - 1 into out[0, count), count ≤ kBlock.
  using Fill = std::function<void(std::size_t first, std::size_t count, double* out)>;
  static constexpr std::size_t kBlock = 2048;

  // The order keys of the n values, ascending (the order std::sort gives, -0.0 before +0.0, NaNs at the ends), valid
  // until the next call.
  const std::uint64_t* sort(std::size_t n, const Fill& fill);

private:
  std::vector<std::uint64_t> keys_;  // 2n: the keys and the scatter's other half
  std::vector<double> block_;
  std::vector<std::size_t> counts_;  // the histograms of the digits
};

}  // namespace sgm
