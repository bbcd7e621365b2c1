#include "sgm/target/gaussian_mixture.hpp"

#include "sgm/base/registry.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <cmath>

#include "sgm/base/error.hpp"
#include "sgm/numerics/constants.hpp"

namespace sgm {

namespace {

void require_particle_dimension(const Particles& X, Eigen::Index d) {
  require(X.cols() == d, "particles",
          "have dimension " + std::to_string(X.cols()) + ": the target has dimension " + std::to_string(d));
}
}  // namespace

void validate_mean(const Vector& mean, Eigen::Index d, const std::string& name) {
  require(mean.size() == d, name,
          "has dimension " + std::to_string(mean.size()) + ": must have dimension " + std::to_string(d));
  require_finite(mean, name);
}

void validate_covariance(const Matrix& c, Eigen::Index d, const std::string& name) {
  require(c.rows() == d && c.cols() == d, name,
          "is " + std::to_string(c.rows()) + "×" + std::to_string(c.cols()) + ": must be " + std::to_string(d) + "×" +
              std::to_string(d));
  require_finite(c, name);
  require((c - c.transpose()).cwiseAbs().maxCoeff() <= 1e-12 * (1.0 + c.cwiseAbs().maxCoeff()), name,
          "must be symmetric");
  const double lambda_min = Eigen::SelfAdjointEigenSolver<Matrix>(c, Eigen::EigenvaluesOnly).eigenvalues()(0);
  require(lambda_min > 0.0, name,
          "must be positive definite (smallest eigenvalue " + format_value(lambda_min) + " ≤ 0)");
}

GaussianMixture::GaussianMixture(std::vector<double> weights, std::vector<Vector> means,
                                 std::vector<Matrix> covariances, MixturePath path)
    : weights_(std::move(weights)), means_(std::move(means)), covariances_(std::move(covariances)) {
  const std::size_t k = weights_.size();
  require(k >= 1, "weights", static_cast<double>(k), "a list of at least 1 component");
  require(means_.size() == k, "means",
          "has " + std::to_string(means_.size()) + " entries but weights has " + std::to_string(k) +
              ": must have one mean per component");
  require(covariances_.size() == k, "covariances",
          "has " + std::to_string(covariances_.size()) + " entries but weights has " + std::to_string(k) +
              ": must have one covariance per component");
  const Eigen::Index d = means_.front().size();
  require(d >= 1 && d <= 4096, "means[0]", static_cast<double>(d), "a vector of dimension in [1, 4096]");
  double total = 0.0;
  for (std::size_t j = 0; j < k; ++j) {
    require(std::isfinite(weights_[j]) && weights_[j] > 0.0, indexed("weights", j), weights_[j],
            "a positive finite number");
    total += weights_[j];
    validate_mean(means_[j], d, indexed("means", j));
    require_magnitude_at_most(means_[j], kMaxLocation, indexed("means", j));
    require_magnitude_at_most(covariances_[j], kMaxCovarianceEntry, indexed("covariances", j));
    validate_covariance(covariances_[j], d, indexed("covariances", j));
    cholesky_.push_back(Eigen::LLT<Matrix>(covariances_[j]).matrixL());
  }
  require(std::abs(total - 1.0) <= 1e-9, "weights", total, "weights summing to 1 (sum shown)");
  for (double& w : weights_) w /= total;
  if (path == MixturePath::automatic && all_isotropic(covariances_)) isotropic_.emplace(weights_, means_, covariances_);
}

Particles GaussianMixture::sample_rows(std::size_t first, std::size_t count, const CounterRng& rng,
                                       Stream stream) const {
  const Eigen::Index d = dim();
  Particles z(static_cast<Eigen::Index>(count), d);
  rng.fill_normal(z, 0, stream, static_cast<std::uint32_t>(first));
  Particles x(static_cast<Eigen::Index>(count), d);
  for (std::size_t i = 0; i < count; ++i) {
    // Component by inversion of the cumulative weights, from a uniform on a separate counter (step 1).
    const double u = rng.uniform(static_cast<std::uint32_t>(first + i), 1, static_cast<std::uint32_t>(stream), 0, 0);
    std::size_t j = 0;
    double cumulative = weights_[0];
    while (u > cumulative && j + 1 < weights_.size()) cumulative += weights_[++j];
    x.row(static_cast<Eigen::Index>(i)) =
        (means_[j] + cholesky_[j] * z.row(static_cast<Eigen::Index>(i)).transpose()).transpose();
  }
  return x;
}

namespace {
// Buffers reused across calls (one set per thread): allocating n × d temporaries at every score evaluation made the
// sampler 5× slower natively, because glibc serves blocks above 128 KiB with mmap (docs/development.md, pitfall 9).
struct MixtureWorkspace {
  Matrix logp;                         // n × K log-densities, then softmax weights
  std::vector<Particles> centred;      // x - a μ_j
  std::vector<Particles> precision_r;  // C_j^{-1} (x - a μ_j)
};
thread_local MixtureWorkspace mixture_workspace;
}  // namespace

const Matrix& GaussianMixture::component_log_densities(double a, double s, const Particles& X) const {
  const Eigen::Index d = dim();
  require_particle_dimension(X, d);
  const std::size_t k = weights_.size();
  MixtureWorkspace& ws = mixture_workspace;
  ws.logp.resize(X.rows(), static_cast<Eigen::Index>(k));
  ws.centred.resize(k);
  ws.precision_r.resize(k);
  for (std::size_t j = 0; j < k; ++j) {
    Matrix c = a * a * covariances_[j];
    c.diagonal().array() += s * s;
    const Eigen::LLT<Matrix> llt(c);
    const double log_det = 2.0 * llt.matrixL().toDenseMatrix().diagonal().array().log().sum();
    const Matrix precision = llt.solve(Matrix::Identity(d, d));
    const Eigen::RowVectorXd centre = (a * means_[j]).transpose();
    Particles& r = ws.centred[j];
    Particles& pr = ws.precision_r[j];
    r.resize(X.rows(), d);
    pr.resize(X.rows(), d);
    r.noalias() = X.rowwise() - centre;
    pr.noalias() = r * precision;  // rows: C_j^{-1}(x - a μ_j), C_j symmetric
    ws.logp.col(static_cast<Eigen::Index>(j)) =
        std::log(weights_[j]) - 0.5 * ((r.array() * pr.array()).rowwise().sum() + log_det + d * kLogTwoPi);
  }
  return ws.logp;
}

void GaussianMixture::score(double a, double s, const Particles& X, Particles& out) const {
  if (isotropic_) {
    require_particle_dimension(X, dim());
    return isotropic_->score(a, s, X, out);
  }
  component_log_densities(a, s, X);
  MixtureWorkspace& ws = mixture_workspace;
  // Softmax over components in log space: subtract the row maximum before exponentiating.
  const Vector top = ws.logp.rowwise().maxCoeff();
  ws.logp = (ws.logp.colwise() - top).array().exp().matrix();
  const Vector total = ws.logp.rowwise().sum();
  out.setZero(X.rows(), X.cols());
  for (std::size_t j = 0; j < ws.precision_r.size(); ++j)
    out.array() -=
        ws.precision_r[j].array().colwise() * (ws.logp.col(static_cast<Eigen::Index>(j)).array() / total.array());
}

ScoreCost GaussianMixture::score_cost() const {
  const double k = static_cast<double>(weights_.size()), d = dim();
  if (isotropic_) return {k * (3.0 * d + 20.0), 0.0};
  return {k * (2.0 * d * d + 6.0 * d + 20.0), k * (2.0 * d + 1.0) * sizeof(double)};
}

Vector GaussianMixture::log_density(double a, double s, const Particles& X) const {
  if (isotropic_) {
    require_particle_dimension(X, dim());
    return isotropic_->log_density(a, s, X);
  }
  const Matrix& logp = component_log_densities(a, s, X);
  const Vector top = logp.rowwise().maxCoeff();
  return top.array() + (logp.colwise() - top).array().exp().rowwise().sum().log();
}

std::vector<std::size_t> GaussianMixture::most_responsible_component(double a, double s, const Particles& X) const {
  const Matrix& logp = component_log_densities(a, s, X);
  std::vector<std::size_t> label(static_cast<std::size_t>(X.rows()));
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    Eigen::Index j = 0;
    logp.row(i).maxCoeff(&j);
    label[static_cast<std::size_t>(i)] = static_cast<std::size_t>(j);
  }
  return label;
}

Vector GaussianMixture::mean() const {
  Vector m = Vector::Zero(dim());
  for (std::size_t j = 0; j < weights_.size(); ++j) m += weights_[j] * means_[j];
  return m;
}

Matrix GaussianMixture::covariance() const {
  // Law of total covariance: Σ_j π_j (Σ_j + μ_j μ_jᵀ) - m mᵀ.
  const Vector m = mean();
  Matrix c = -m * m.transpose();
  for (std::size_t j = 0; j < weights_.size(); ++j)
    c += weights_[j] * (covariances_[j] + means_[j] * means_[j].transpose());
  return c;
}

TargetFigures GaussianMixture::figures() const {
  TargetFigures f;
  f.m2 = covariance().trace() + mean().squaredNorm();
  return f;
}

}  // namespace sgm

namespace sgm {
namespace {

[[gnu::cold]] bool register_gaussian_mixture() {
  return Registry<Target>::add({
      "gmm",
      "Gaussian mixture Σ weights[j] N(means[j], covariances[j]), any dimension",
      "docs/theory.md §1",
      {Parameter::of_type(ParameterType::Vector, "weights", "the weights π_j (positive, summing to 1)"),
       Parameter::of_type(ParameterType::VectorList, "means", "the means μ_j"),
       Parameter::of_type(ParameterType::MatrixList, "covariances", "the covariances Σ_j")},
      [](const Arguments& a, const Context&) {
        const Vector& w = a.vector("weights");
        return std::make_shared<GaussianMixture>(std::vector<double>(w.data(), w.data() + w.size()), a.vectors("means"),
                                                 a.matrices("covariances"));
      },
  });
}
const bool registered_gaussian_mixture = register_gaussian_mixture();

}  // namespace
}  // namespace sgm
