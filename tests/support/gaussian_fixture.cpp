#include "support/gaussian_fixture.hpp"

namespace sgm::test {

std::shared_ptr<const Gaussian> correlated_gaussian() {
  Vector m(2);
  m << 1.0, -0.5;
  Matrix S(2, 2);
  S << 0.5, 0.2, 0.2, 0.3;
  return std::make_shared<Gaussian>(m, S);
}

Gaussian standard_gaussian(int d) { return Gaussian(Vector::Zero(d), Matrix::Identity(d, d)); }

GaussianMoments data_law(const Gaussian& q) { return {q.mean_vector(), q.covariance_matrix()}; }
GaussianMoments ou_marginal(const Gaussian& q, double t) { return ou_marginal(data_law(q), t); }
AffineScore ou_score(const Gaussian& q) { return ou_gaussian_score(data_law(q)); }

}  // namespace sgm::test
