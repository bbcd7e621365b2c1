#include "support/gaussian_w2.hpp"

#include <algorithm>
#include <cmath>

#include "support/matrix_sqrt.hpp"

namespace sgm::test {

double gaussian_w2(const Vector& m1, const Matrix& s1, const Vector& m2, const Matrix& s2) {
  const Matrix r = spd_sqrt(s2);
  const double bures_sq = (s1 + s2 - 2.0 * spd_sqrt(r * s1 * r)).trace();
  return std::sqrt((m1 - m2).squaredNorm() + std::max(bures_sq, 0.0));
}

}  // namespace sgm::test
