#pragma once
// Sorting doubles by least-significant-digit radix sort on their IEEE-754 bit patterns (Knuth, TAOCP vol. 3,
// §5.2.5) over the top 32 bits, then a comparison sort of each run of ties. The sample metrics sort one projection of
// 10^6 particles per direction (sliced W2, 1-D W2); a comparison sort costs O(n log n) compares with unpredictable
// branches, this costs four sequential passes and a scan: linear, unless many values agree to a relative 2^-20, whose
// runs then cost what a comparison sort of them costs.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace sgm {

// Sorts values[0, n) ascending. The result is the sequence std::sort gives, except that among values that compare
// equal the order is fixed: -0.0 before +0.0. A NaN goes to the end (+NaN) or the front (-NaN) instead of making the
// order undefined. Uses 2n words of scratch memory: its own, or `scratch`, which it grows as needed and which a caller
// sorting many arrays passes each time (a fresh 2n-word buffer per call, zeroed and page-faulted in, cost as much as
// the sort's passes).
void radix_sort(double* values, std::size_t n);
void radix_sort(double* values, std::size_t n, std::vector<std::uint64_t>& scratch);

}  // namespace sgm
