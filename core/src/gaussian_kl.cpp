#include "sgm/gaussian_kl.hpp"

#include <Eigen/Cholesky>
#include <cmath>

#include "sgm/gaussian_distances.hpp"

namespace sgm {

double gaussian_kl(const Vector& m0, const Matrix& S0, const Vector& m1, const Matrix& S1) {
  validate_gaussian_pair(m0, S0, m1, S1);
  const Eigen::Index d = m0.size();
  const Eigen::LLT<Matrix> l0(S0), l1(S1);
  const double log_det0 = 2.0 * l0.matrixL().toDenseMatrix().diagonal().array().log().sum();
  const double log_det1 = 2.0 * l1.matrixL().toDenseMatrix().diagonal().array().log().sum();
  const Vector diff = m1 - m0;
  return 0.5 * (l1.solve(S0).trace() + diff.dot(l1.solve(diff)) - static_cast<double>(d) + log_det1 - log_det0);
}

}  // namespace sgm
