#include "sgm/numerics/radix_sort.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "sgm/base/error.hpp"

namespace sgm {
namespace {

// The first digit: the top 16 bits of the keys (sign, exponent, 4 mantissa bits). A pass over the values counts the
// keys of each bucket and a second pass scatters them into their bucket's place in the one n-word array: no second
// n-word array, as a least-significant-digit scatter needs. Each bucket is then ordered on bits 32..47 by two 8-bit
// LSD passes through a buffer of the bucket's size (a bucket holds a few percent of a spread sample: it stays in
// cache), and a scan sorts each run of keys that share their top 32 bits (values within a relative 2^-20), which are
// short for samples spread over a range. Measured at 10^6 particles of the 8-mode ring projected on 16 directions,
// CPU time of one thread (2 shared cores, load 6-7), the same sorted keys: 16.6 ms a sort, against 20.8 ms for the
// three LSD passes over the top 32 bits it replaces (which held 2n words).
constexpr int kTopBits = 16;
constexpr int kTopShift = 64 - kTopBits;
constexpr std::size_t kBuckets = std::size_t{1} << kTopBits;
constexpr std::array<int, 2> kBucketDigitShifts{32, 40};  // 8-bit digits, least significant first
constexpr int kTieShift = 32;
constexpr std::size_t kComparisonSortBelow = 256;  // below this a comparison sort beats the passes
constexpr std::size_t kInsertionRunAtMost = 16;    // longer runs of ties: std::sort

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

// Sorts the keys of one bucket (all share their top 16 bits), with `other` (≥ n words) as the scatter's target.
void sort_bucket(std::uint64_t* keys, std::size_t n, std::uint64_t* other) {
  if (n < kComparisonSortBelow) {
    std::sort(keys, keys + n);
    return;
  }
  std::uint64_t* from = keys;
  std::uint64_t* to = other;
  for (const int shift : kBucketDigitShifts) {
    std::array<std::uint32_t, 256> count{};
    for (std::size_t i = 0; i < n; ++i) ++count[(from[i] >> shift) & 255];
    // A digit that every key shares leaves the order as it is.
    if (std::find(count.begin(), count.end(), n) != count.end()) continue;
    std::uint32_t start = 0;
    for (std::uint32_t& c : count) start += std::exchange(c, start);
    for (std::size_t i = 0; i < n; ++i) to[count[(from[i] >> shift) & 255]++] = from[i];  // stable scatter
    std::swap(from, to);
  }
  if (from != keys) std::copy(from, from + n, keys);
  sort_runs_of_ties(keys, n);
}

}  // namespace

const std::uint64_t* RadixSorter::sort(std::size_t n, const Fill& fill) {
  require(n <= std::numeric_limits<std::uint32_t>::max(), "n", static_cast<double>(n),
          "at most 2^32 - 1 values to sort");
  if (keys_.size() < n) keys_.resize(n);
  block_.resize(kBlock);
  // starts_[b] = the first place of bucket b, after the counting pass.
  starts_.assign(kBuckets + 1, 0);
  for (std::size_t first = 0; first < n; first += kBlock) {
    const std::size_t count = std::min(kBlock, n - first);
    fill(first, count, block_.data());
    for (std::size_t i = 0; i < count; ++i) ++starts_[(order_key(block_[i]) >> kTopShift) + 1];
  }
  std::size_t largest = 0;
  for (std::size_t b = 0; b < kBuckets; ++b) {
    largest = std::max<std::size_t>(largest, starts_[b + 1]);
    starts_[b + 1] += starts_[b];
  }
  next_.assign(starts_.begin(), starts_.end() - 1);
  std::uint64_t* keys = keys_.data();
  for (std::size_t first = 0; first < n; first += kBlock) {
    const std::size_t count = std::min(kBlock, n - first);
    fill(first, count, block_.data());
    for (std::size_t i = 0; i < count; ++i) {
      const std::uint64_t key = order_key(block_[i]);
      keys[next_[key >> kTopShift]++] = key;
    }
  }
  if (largest >= kComparisonSortBelow && other_.size() < largest) other_.resize(largest);
  for (std::size_t b = 0; b < kBuckets; ++b)
    if (starts_[b + 1] - starts_[b] > 1) sort_bucket(keys + starts_[b], starts_[b + 1] - starts_[b], other_.data());
  return keys;
}

}  // namespace sgm
