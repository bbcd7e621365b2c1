#include "sgm/numerics/radix_sort.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>
#include <vector>

namespace sgm {
namespace {

// Byte digits (256 buckets: an 11-bit digit's 2048 scatter streams miss the TLB, 86 ms against 69 ms for eight byte
// passes at 10^6, `sgm_metrics_bench sort`), and passes over the top four bytes only: the keys then agree in order
// up to ties in their top 32 bits (sign, exponent, 20 mantissa bits: values within a relative 2^-20), and a scan
// sorts each run of such ties, which are short for samples spread over a range.
constexpr int kDigitBits = 8;
constexpr int kFirstPass = 4;  // digits 4..7: the top 32 bits
constexpr int kPasses = 8;
constexpr int kTopPasses = kPasses - kFirstPass;
constexpr std::size_t kBuckets = std::size_t{1} << kDigitBits;
constexpr int kTieShift = kDigitBits * kFirstPass;
constexpr std::size_t kComparisonSortBelow = 256;  // below this a comparison sort beats four passes over 256 buckets
constexpr std::size_t kInsertionRunAtMost = 16;    // longer runs of ties: std::sort

std::size_t digit(std::uint64_t key, int pass) {
  return static_cast<std::size_t>(key >> (kDigitBits * pass)) & (kBuckets - 1);
}

// Sorts keys[0, n), ordered by their top 32 bits, whole: each run of keys that share them by insertion (the prefix
// before a run is sorted and smaller, so an insertion never leaves its run), a long run by std::sort.
void sort_runs_of_ties(std::uint64_t* keys, std::size_t n) {
  std::size_t run_start = 0;
  for (std::size_t i = 1; i <= n; ++i) {
    if (i == n || (keys[i] ^ keys[i - 1]) >> kTieShift != 0) {
      if (i - run_start > kInsertionRunAtMost) std::sort(keys + run_start, keys + i);
      run_start = i;
      continue;
    }
    const std::uint64_t key = keys[i];
    if (i - run_start >= kInsertionRunAtMost || key >= keys[i - 1]) continue;
    std::size_t j = i;
    do {
      keys[j] = keys[j - 1];
      --j;
    } while (j > run_start && keys[j - 1] > key);
    keys[j] = key;
  }
}

}  // namespace

const std::uint64_t* RadixSorter::sort(std::size_t n, const Fill& fill) {
  if (keys_.size() < 2 * n) keys_.resize(2 * n);
  block_.resize(kBlock);
  std::uint64_t* keys = keys_.data();
  std::uint64_t* other = keys + n;
  // Every pass's histogram from the one read of the values that makes the keys.
  std::array<std::size_t, kTopPasses * kBuckets> counts{};
  for (std::size_t first = 0; first < n; first += kBlock) {
    const std::size_t count = std::min(kBlock, n - first);
    fill(first, count, block_.data());
    for (std::size_t i = 0; i < count; ++i) {
      const std::uint64_t key = order_key(block_[i]);
      keys[first + i] = key;
      for (int pass = kFirstPass; pass < kPasses; ++pass) ++counts[(pass - kFirstPass) * kBuckets + digit(key, pass)];
    }
  }
  if (n < kComparisonSortBelow) {
    std::sort(keys, keys + n);
    return keys;
  }
  for (int pass = kFirstPass; pass < kPasses; ++pass) {
    std::size_t* count = counts.data() + (pass - kFirstPass) * kBuckets;
    // A digit that every key shares (high bits of values of one sign and similar size) leaves the order as it is.
    if (std::find(count, count + kBuckets, n) != count + kBuckets) continue;
    std::size_t start = 0;
    for (std::size_t b = 0; b < kBuckets; ++b) start += std::exchange(count[b], start);
    for (std::size_t i = 0; i < n; ++i) other[count[digit(keys[i], pass)]++] = keys[i];  // stable scatter
    std::swap(keys, other);
  }
  sort_runs_of_ties(keys, n);
  return keys;
}

}  // namespace sgm
