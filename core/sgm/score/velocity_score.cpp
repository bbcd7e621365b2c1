#include "sgm/score/velocity_score.hpp"

#include "sgm/base/error.hpp"

namespace sgm {

ExactVelocityScore::ExactVelocityScore(std::shared_ptr<const Target> target,
                                       std::shared_ptr<const CriticallyDampedLangevin> process)
    : target_(std::move(target)),
      data_(target_ != nullptr ? target_->mixture_form() : nullptr),
      process_(std::move(process)) {
  require(target_ != nullptr, "target", "is missing");
  require(process_ != nullptr, "process", "is missing");
  require(data_ != nullptr, "target",
          "\"" + target_->name() +
              "\" has no exact velocity score under process = \"cld\": use a \"gaussian\" or \"gmm\" target");
  require(data_->dim() <= 2048, "target", static_cast<double>(data_->dim()),
          "of dimension ≤ 2048 under process = \"cld\" (the joint law of (x, v) has dimension 2d)");
}

GaussianMixture ExactVelocityScore::joint_law(double t) const {
  const CldKernel kernel = process_->perturbation(t);
  const double kx = kernel.mean_map(0, 0), kv = kernel.mean_map(1, 0);
  const Eigen::Matrix2d& c = kernel.covariance;
  const Eigen::Index d = data_->dim();
  std::vector<Vector> means;
  std::vector<Matrix> covariances;
  for (std::size_t j = 0; j < data_->components(); ++j) {
    const Vector& mu = data_->means()[j];
    const Matrix& sigma = data_->covariances()[j];
    Vector mean(2 * d);
    mean << kx * mu, kv * mu;
    Matrix cov(2 * d, 2 * d);
    cov << kx * kx * sigma, kx * kv * sigma, kx * kv * sigma, kv * kv * sigma;
    cov.topLeftCorner(d, d).diagonal().array() += c(0, 0);
    cov.topRightCorner(d, d).diagonal().array() += c(0, 1);
    cov.bottomLeftCorner(d, d).diagonal().array() += c(1, 0);
    cov.bottomRightCorner(d, d).diagonal().array() += c(1, 1);
    means.push_back(std::move(mean));
    covariances.push_back(std::move(cov));
  }
  return GaussianMixture(data_->weights(), std::move(means), std::move(covariances));
}

void ExactVelocityScore::score(double t, const Particles& X, const Particles& V, Particles& out) const {
  const Eigen::Index d = data_->dim();
  require(X.cols() == d && V.cols() == d && X.rows() == V.rows(), "particles",
          "positions " + std::to_string(X.rows()) + "×" + std::to_string(X.cols()) + " and velocities " +
              std::to_string(V.rows()) + "×" + std::to_string(V.cols()) + ": both must be n×" + std::to_string(d));
  // Per-thread buffers, reused across calls (gaussian_mixture.cpp explains why n × 2d temporaries are avoided).
  thread_local Particles joint, gradient;
  joint.resize(X.rows(), 2 * d);
  joint.leftCols(d) = X;
  joint.rightCols(d) = V;
  joint_law(t).score(1.0, 0.0, joint, gradient);
  out = gradient.rightCols(d);
}

}  // namespace sgm
