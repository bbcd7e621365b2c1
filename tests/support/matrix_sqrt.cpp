#include "support/matrix_sqrt.hpp"

#include <Eigen/Eigenvalues>

namespace sgm::test {

Matrix spd_sqrt(const Matrix& a) {
  const Eigen::SelfAdjointEigenSolver<Matrix> eig(a);
  return eig.eigenvectors() * eig.eigenvalues().cwiseMax(0.0).cwiseSqrt().asDiagonal() * eig.eigenvectors().transpose();
}

}  // namespace sgm::test
