#pragma once
// Sorting doubles by radix sort on their IEEE-754 bit patterns (Knuth, TAOCP vol. 3, §5.2.5): one most-significant
// digit (the top 16 bits) into buckets, each bucket by least-significant digits over the next 16 bits, then an
// insertion sort of each run of ties. The sample metrics sort one projection of 10^6 particles per direction (sliced
// W2, 1-D W2); a comparison sort costs O(n log n) compares with unpredictable branches, this costs two reads of the
// values, one scatter, two passes within each (cache-sized) bucket and a scan: linear, unless many values agree to a
// relative 2^-20, whose runs then cost what a comparison sort of them costs. The sorted keys are unique (equal keys
// are equal bits), so any correct sort gives the same keys: the algorithm can change without changing a metric.
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
// (one per projection) keeps one RadixSorter (a fresh n-word buffer per call, zeroed and page-faulted in, cost as
// much as the sort's passes). It holds n words of keys and a bucket's worth of scatter space (a few percent of n for a
// sample spread over a range, n at worst), not the 2n words of a least-significant-digit sort. The values are never
// stored as doubles: the caller writes them block by block into a small buffer (`fill`), twice (the first digit's
// counts, then the scatter), and reads the sorted keys back through key_value, so that neither a projection nor the
// sorted doubles are stored.
class RadixSorter {
public:
  // fill(first, count, out) writes values first .. first + count - 1 into out[0, count), count ≤ kBlock; it is called
  // twice for each value and must write the same value both times.
  using Fill = std::function<void(std::size_t first, std::size_t count, double* out)>;
  static constexpr std::size_t kBlock = 2048;

  // The order keys of the n values, ascending (the order std::sort gives, -0.0 before +0.0, NaNs at the ends), valid
  // until the next call. Throws InvalidArgument naming "n" for n ≥ 2^32.
  const std::uint64_t* sort(std::size_t n, const Fill& fill);

private:
  std::vector<std::uint64_t> keys_;   // n: the keys, bucket by bucket
  std::vector<std::uint64_t> other_;  // the largest bucket's size: the scatter's other half within a bucket
  std::vector<double> block_;
  std::vector<std::uint32_t> starts_, next_;  // each bucket's first place; the scatter's next place in it
};

}  // namespace sgm
