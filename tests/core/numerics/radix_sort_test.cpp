#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "sgm/base/rng.hpp"
#include "sgm/numerics/radix_sort.hpp"
#include "support/test_support.hpp"

namespace {

// Normals times scales from 1e-300 to 1e300 (so that every exponent digit varies), with exact duplicates, signed
// zeros, infinities and subnormals mixed in.
std::vector<double> awkward_values(std::size_t n, std::uint64_t seed) {
  const sgm::Vector z = sgm::test::normal_particles(static_cast<Eigen::Index>(n), 1, seed).col(0);
  const double specials[] = {0.0,
                             -0.0,
                             std::numeric_limits<double>::infinity(),
                             -std::numeric_limits<double>::infinity(),
                             std::numeric_limits<double>::denorm_min(),
                             -4.9e-320,
                             std::numeric_limits<double>::max(),
                             -std::numeric_limits<double>::min()};
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double scale = std::pow(10.0, static_cast<double>(static_cast<int>(i * 7919 % 601) - 300));
    v[i] = i % 13 == 0 ? specials[i / 13 % 8] : i % 17 == 0 ? v[i / 2] : z(static_cast<Eigen::Index>(i)) * scale;
  }
  return v;
}

// The values RadixSorter::sort puts in order, read back from its keys; `sorter` is reused when given.
void radix_sort(std::vector<double>& values, sgm::RadixSorter* sorter = nullptr) {
  sgm::RadixSorter own;
  const std::uint64_t* keys = (sorter != nullptr ? *sorter : own)
                                  .sort(values.size(), [&values](std::size_t first, std::size_t count, double* out) {
                                    REQUIRE(count <= sgm::RadixSorter::kBlock);
                                    std::copy(values.begin() + first, values.begin() + first + count, out);
                                  });
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = sgm::key_value(keys[i]);
}

// RadixSorter's order against std::sort's: equal element by element (== treats -0.0 and +0.0 as equal), and among
// zeros every -0.0 comes before every +0.0. With `sorter`, one whose buffers are reused.
void check_against_std_sort(std::vector<double> values, sgm::RadixSorter* sorter = nullptr) {
  std::vector<double> expected = values;
  std::sort(expected.begin(), expected.end());
  radix_sort(values, sorter);
  std::size_t mismatches = 0, positive_zero_seen = 0, negative_after_positive = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!(values[i] == expected[i])) ++mismatches;
    if (values[i] == 0.0 && !std::signbit(values[i])) ++positive_zero_seen;
    if (values[i] == 0.0 && std::signbit(values[i]) && positive_zero_seen > 0) ++negative_after_positive;
  }
  CHECK(mismatches == 0);
  CHECK(negative_after_positive == 0);
}

}  // namespace

TEST_CASE(
    "radix_sort: the order of std::sort for sizes around the comparison-sort cut-off, the fill's block, and 10^5") {
  for (std::size_t n : {0, 1, 2, 255, 256, 257, 1000, 2047, 2048, 2049, 4097, 100000}) {
    INFO("n = " << n);
    check_against_std_sort(awkward_values(n, 3 + n));
  }
}

TEST_CASE("radix_sort: one sorter reused across sorts of other sizes, its stale buffers ignored") {
  sgm::RadixSorter sorter;
  for (std::size_t n : {100000, 300, 257, 5000, 100000, 20}) {
    INFO("n = " << n);
    check_against_std_sort(awkward_values(n, 11 + n), &sorter);
  }
}

TEST_CASE("radix_sort: values that share their high digits (passes skipped) and values of one sign") {
  // All in [1, 2): sign and exponent (the top 12 bits) are the same, so the keys fill 16 of the first digit's buckets
  // (about 300 keys each: sorted by the passes within a bucket).
  const sgm::Vector u = sgm::test::normal_particles(5000, 1, 8).col(0);
  std::vector<double> narrow(5000), negative(5000), constant(5000, -2.5);
  for (std::size_t i = 0; i < narrow.size(); ++i) {
    narrow[i] = 1.0 + std::fabs(std::erf(u(static_cast<Eigen::Index>(i)))) * 0.999;
    negative[i] = -std::fabs(u(static_cast<Eigen::Index>(i)));
  }
  check_against_std_sort(narrow);
  check_against_std_sort(negative);
  check_against_std_sort(constant);
}

TEST_CASE("radix_sort: values that agree in their top 32 bits (runs of ties after the byte passes)") {
  // 1 + u·1e-9 all share sign, exponent and the top 20 mantissa bits (2^-20 ≈ 9.5e-7 > 1e-9): one run, sorted whole.
  // Then two values per cluster, clusters 1e-3 apart: many runs of length 1 and 2, the tie scan's edge cases.
  const sgm::Vector u = sgm::test::normal_particles(3000, 1, 9).col(0);
  std::vector<double> one_run(3000), pairs(3000);
  for (std::size_t i = 0; i < one_run.size(); ++i) {
    one_run[i] = 1.0 + 1e-9 * u(static_cast<Eigen::Index>(i));
    pairs[i] = 1.0 + 1e-3 * static_cast<double>((i * 7919) % 1500) + (i % 2 == 0 ? 0.0 : 1e-12);
  }
  check_against_std_sort(one_run);
  check_against_std_sort(pairs);
}

TEST_CASE("radix_sort: runs of ties around the insertion sort's limit (16), in descending order, and all equal") {
  // Clusters of r values 1 + c·1e-3 - j·1e-12 (j < r): each cluster is one run of ties in its top 32 bits, written in
  // descending order so that every insertion goes to the run's start; r = 16 is sorted by insertion, 17 by std::sort.
  for (std::size_t run : {2, 15, 16, 17, 40}) {
    INFO("run = " << run);
    std::vector<double> clusters;
    for (std::size_t c = 0; c < 600 / run + 1; ++c)
      for (std::size_t j = 0; j < run; ++j)
        clusters.push_back(1.0 + 1e-3 * static_cast<double>((c * 7919) % 997) - 1e-12 * static_cast<double>(j));
    check_against_std_sort(clusters);
  }
  check_against_std_sort(std::vector<double>(3000, 0.75));
  std::vector<double> zeros(3000, 0.0);
  for (std::size_t i = 0; i < zeros.size(); i += 3) zeros[i] = -0.0;
  check_against_std_sort(zeros);
}

TEST_CASE("radix_sort: a NaN goes to the end (+NaN) or the front (-NaN), the rest stays sorted") {
  std::vector<double> v = awkward_values(1000, 5);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  v[10] = nan;
  v[500] = -nan;
  radix_sort(v);
  CHECK(std::isnan(v.front()));
  CHECK(std::signbit(v.front()));
  CHECK(std::isnan(v.back()));
  CHECK(!std::signbit(v.back()));
  CHECK(std::is_sorted(v.begin() + 1, v.end() - 1));
}
