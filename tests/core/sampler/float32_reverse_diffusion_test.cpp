// The float32 path ("precision": "float32", float32_reverse_diffusion.hpp) against the double path it must
// reproduce: the same experiment and seed through both, for every (target, sampler) pair that has a kernel; samples
// identical whatever the thread count; a clear error for a pair without a kernel. pc's float32 corrector
// (float32_langevin_corrector.hpp) the same way, and its edge of an all-zero score.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "sgm/base/error.hpp"
#include "sgm/base/noise.hpp"
#include "sgm/experiment/catalogue.hpp"
#include "sgm/experiment/experiment.hpp"
#include "sgm/process/ornstein_uhlenbeck.hpp"
#include "sgm/sampler/annealed_langevin.hpp"
#include "sgm/sampler/float32_langevin_corrector.hpp"
#include "sgm/sampler/predictor_corrector.hpp"
#include "sgm/simd/float32_step.hpp"
#include "sgm/target/double_well.hpp"
#include "sgm/target/gaussian.hpp"
#include "sgm/target/gaussian_mixture.hpp"
#include "sgm/target/modified_half_normal.hpp"
#include "sgm/target/point_cloud.hpp"
#include "sgm/target/product_target.hpp"
#include "support/gaussian_fixture.hpp"

using namespace sgm;
using sgm::test::correlated_gaussian;  // the full-covariance kernel, one component

namespace {

// The 8-mode ring of examples/gmm2d.json: radius 3, σ_j = 0.3, equal weights.
std::shared_ptr<const Target> ring() {
  std::vector<double> weights(8, 0.125);
  std::vector<Vector> means;
  std::vector<Matrix> covariances;
  for (int j = 0; j < 8; ++j) {
    Vector m(2);
    m << 3.0 * std::cos(2.0 * M_PI * j / 8), 3.0 * std::sin(2.0 * M_PI * j / 8);
    means.push_back(m);
    covariances.push_back(0.09 * Matrix::Identity(2, 2));
  }
  return std::make_shared<GaussianMixture>(weights, means, covariances);
}

// 40 points on a 3-D helix: the point-cloud target (an isotropic mixture with σ_j = 0).
std::shared_ptr<const Target> helix() {
  Particles points(40, 3);
  for (int i = 0; i < 40; ++i) points.row(i) << std::cos(0.4 * i), std::sin(0.4 * i), 0.1 * i - 2.0;
  return std::make_shared<PointCloud>(points);
}

// Isotropic mixtures in 1-D and 5-D: the isotropic kernel's code for one coordinate and for a dimension known only at
// run time (it has its own for 1, 2 and 3).
std::shared_ptr<const Target> isotropic_mixture(int dim) {
  std::vector<Vector> means{Vector::Constant(dim, -2.0), Vector::LinSpaced(dim, 0.5, 1.5), Vector::Zero(dim)};
  means[2](0) = 2.5;
  std::vector<Matrix> covariances{0.2 * Matrix::Identity(dim, dim), 0.5 * Matrix::Identity(dim, dim),
                                  0.1 * Matrix::Identity(dim, dim)};
  return std::make_shared<GaussianMixture>(std::vector<double>{0.3, 0.5, 0.2}, means, covariances);
}

// Three correlated components in 2-D (the full-covariance kernel).
std::shared_ptr<const Target> correlated_mixture() {
  std::vector<Vector> means(3, Vector::Zero(2));
  means[0] << 2.0, 0.0;
  means[1] << -1.0, 1.5;
  means[2] << -1.0, -1.5;
  std::vector<Matrix> covariances(3, Matrix::Zero(2, 2));
  covariances[0] << 0.3, 0.2, 0.2, 0.3;
  covariances[1] << 0.2, -0.1, -0.1, 0.4;
  covariances[2] << 0.5, 0.0, 0.0, 0.1;
  return std::make_shared<GaussianMixture>(std::vector<double>{0.5, 0.25, 0.25}, means, covariances);
}

// A Gaussian in 3-D with a diagonal, non-isotropic covariance (the full-covariance kernel, one component).
std::shared_ptr<const Target> diagonal_gaussian() {
  Vector mean(3);
  mean << 1.0, -2.0, 0.5;
  return std::make_shared<Gaussian>(mean, Vector(Eigen::Vector3d(0.25, 1.0, 4.0)).asDiagonal().toDenseMatrix());
}

// Products of α = 1 half-normal coordinates (the half-normal kernel): the elastic net λ1 = λ2 = 1 in 2-D, and the
// bimodal law ∝ exp(-y² + 2|y|) in 2-D.
std::shared_ptr<const Target> elastic_net() { return std::make_shared<ProductTarget>(make_elastic_net(1.0, 1.0), 2); }
std::shared_ptr<const Target> bimodal_half_normal() {
  return std::make_shared<ProductTarget>(std::make_shared<SymmetricModifiedHalfNormal>(1.0, 1.0, 2.0), 2);
}

// Product laws without a closed-form kernel (the tabulated-score kernel): the double well κ = m = 1 in 2-D, and
// modified half-normal laws with α = 0.5 (a cusp at 0) and α = 3 in 2-D.
std::shared_ptr<const Target> double_well() {
  return std::make_shared<ProductTarget>(std::make_shared<DoubleWell>(1.0, 1.0), 2);
}
std::shared_ptr<const Target> half_normal(double alpha) {
  return std::make_shared<ProductTarget>(std::make_shared<SymmetricModifiedHalfNormal>(alpha, 1.0, 1.0), 2);
}

ExperimentConfig config(std::shared_ptr<const Target> target, const std::string& sampler, std::size_t n,
                        Precision precision, unsigned threads = 1) {
  ExperimentConfig c;
  c.target = std::move(target);
  c.process = make_diffusion("ou");
  c.sampler = make_stepper(sampler);
  c.T = 5.0;
  c.delta = 1e-3;
  c.steps = 100;
  c.particles = n;
  c.seed = 11;
  c.metrics = {};
  c.precision = precision;
  c.threads = threads;
  return c;
}

// pc with `predictor` and `corrector_steps` Langevin moves per step at the target snr 0.16 (score_sde's VE default):
// moves of ε ≈ 2 (0.16)² σ(t)² ≈ 0.05 σ(t)², large enough to change the samples (OU's default 0.01 moves 250 times
// less).
std::shared_ptr<const Stepper> pc_sampler(const std::string& predictor, int corrector_steps) {
  return std::make_shared<PredictorCorrector>(make_stepper(predictor),
                                              LangevinCorrector::target_snr(corrector_steps, 0.16));
}

ExperimentConfig pc_config(std::shared_ptr<const Target> target, const std::string& predictor, int corrector_steps,
                           std::size_t n, Precision precision, unsigned threads = 1) {
  ExperimentConfig c = config(std::move(target), "em", n, precision, threads);
  c.sampler = pc_sampler(predictor, corrector_steps);
  return c;
}

Particles sample(const ExperimentConfig& c) {
  Experiment e(c);
  e.sampler().run();
  return e.sampler().particles();
}

// Largest z-score of the differences of the sample means and covariances of two samples of n particles each, with
// the two-sample CLT standard error sqrt((v_f + v_d)/n) of each difference (v: the per-particle variance of the entry,
// from each sample). The float32 and double samples are coupled (same noise up to rounding), which only shrinks the
// variance of the difference, so the independent-sample error is conservative.
double moment_difference_z(const Particles& f, const Particles& d) {
  const double n = static_cast<double>(f.rows());
  auto z_of = [n](const Vector& a, const Vector& b) {
    const double va = (a.array() - a.mean()).square().mean(), vb = (b.array() - b.mean()).square().mean();
    return std::abs(a.mean() - b.mean()) / std::sqrt((va + vb) / n);
  };
  double worst = 0.0;
  for (Eigen::Index j = 0; j < f.cols(); ++j) {
    worst = std::max(worst, z_of(f.col(j), d.col(j)));
    for (Eigen::Index k = j; k < f.cols(); ++k) {
      const Vector pf = (f.col(j).array() - f.col(j).mean()) * (f.col(k).array() - f.col(k).mean());
      const Vector pd = (d.col(j).array() - d.col(j).mean()) * (d.col(k).array() - d.col(k).mean());
      worst = std::max(worst, z_of(pf, pd));
    }
  }
  return worst;
}

}  // namespace

TEST_CASE("float32 samples match the double path's: moments within the two-sample CLT, particles coupled") {
  struct Case {
    std::shared_ptr<const Target> target;
    const char* sampler;
    std::size_t n;
  };
  for (const Case& k : {Case{ring(), "em", 20000},
                        Case{ring(), "ei", 20000},
                        Case{ring(), "ddpm", 20000},
                        Case{ring(), "ddim", 20000},
                        Case{ring(), "pf_euler", 20000},
                        Case{isotropic_mixture(1), "em", 20000},
                        Case{isotropic_mixture(1), "ddim", 20000},
                        Case{isotropic_mixture(5), "em", 10000},
                        Case{isotropic_mixture(5), "ei", 10000},
                        Case{helix(), "em", 4000},
                        Case{helix(), "ei", 4000},
                        Case{helix(), "ddpm", 4000},
                        Case{helix(), "ddim", 4000},
                        Case{correlated_mixture(), "em", 20000},
                        Case{correlated_mixture(), "ei", 20000},
                        Case{correlated_mixture(), "ddpm", 20000},
                        Case{correlated_mixture(), "ddim", 20000},
                        Case{correlated_mixture(), "pf_euler", 20000},
                        Case{diagonal_gaussian(), "em", 20000},
                        Case{diagonal_gaussian(), "ddim", 20000},
                        Case{elastic_net(), "em", 10000},
                        Case{elastic_net(), "ei", 10000},
                        Case{elastic_net(), "pf_euler", 10000},
                        Case{bimodal_half_normal(), "ddpm", 10000},
                        Case{bimodal_half_normal(), "ddim", 10000},
                        Case{double_well(), "em", 4000},
                        Case{double_well(), "ddim", 4000},
                        Case{half_normal(0.5), "em", 10000},
                        Case{half_normal(0.5), "ei", 10000},
                        Case{half_normal(3.0), "ddpm", 10000}}) {
    CAPTURE(k.target->name());
    CAPTURE(k.sampler);
    const Particles f = sample(config(k.target, k.sampler, k.n, Precision::Float32));
    const Particles d = sample(config(k.target, k.sampler, k.n, Precision::Float64));
    REQUIRE(f.allFinite());
    // 5 standard errors: probability below 6e-7 per entry under the CLT.
    CHECK(moment_difference_z(f, d) <= 5.0);
    // The coupling: both paths start from the same prior (rounded to float) and draw the same normals up to float
    // rounding, so a particle's two paths stay within float rounding amplified by the flow — except where a rounding
    // sends it across the boundary between two modes. Such crossings need the particle within ~1e-6 of a boundary at
    // a late step; they are rare: at most 1 % of the particles may end more than 1e-3 apart.
    std::size_t apart = 0;
    for (Eigen::Index i = 0; i < f.rows(); ++i) apart += (f.row(i) - d.row(i)).norm() > 1e-3 ? 1 : 0;
    CHECK(static_cast<double>(apart) <= 0.01 * static_cast<double>(k.n));
  }
}

TEST_CASE("float32 annealed Langevin matches the double path: 5 moves per level, each with its own noise slot") {
  // ald's moves at level t' are X ← X + ε s(t', X) + sqrt(2ε) ξ_j with ε = ε_0 σ(t')²/σ_L² and ξ_j from slot j; the
  // float32 path runs them as 5 fused moves per level. ε_0 = 0.2 σ_L² (the default's cap); 40 levels.
  const double final_std = OrnsteinUhlenbeck().std(1e-3);
  for (const auto& target : {ring(), correlated_mixture(), elastic_net()}) {
    CAPTURE(target->name());
    ExperimentConfig f = config(target, "em", 10000, Precision::Float32);
    f.sampler = std::make_shared<AnnealedLangevin>(0.2 * final_std * final_std, 5, final_std);
    f.steps = 40;
    ExperimentConfig d = f;
    d.precision = Precision::Float64;
    const Particles xf = sample(f), xd = sample(d);
    REQUIRE(xf.allFinite());
    CHECK(moment_difference_z(xf, xd) <= 5.0);  // as above: 5 two-sample standard errors
    // Coupled as above; a wrong slot (the same ξ for every move) would decouple nearly every particle.
    std::size_t apart = 0;
    for (Eigen::Index i = 0; i < xf.rows(); ++i) apart += (xf.row(i) - xd.row(i)).norm() > 1e-3 ? 1 : 0;
    CHECK(static_cast<double>(apart) <= 0.01 * static_cast<double>(xf.rows()));
  }
}

TEST_CASE("float32 pc matches the double path: target-SNR moves from batch means, then the predictor's moves") {
  // As above (5 two-sample standard errors; at most 1 % of the particles more than 1e-3 apart). The float32 step size
  // ε differs from the double one by the float rounding of the scores and normals entering the batch means (relative
  // ~1e-6), which moves a particle by ~1e-6 ε |s| per move, far below 1e-3; a wrong α, slot or ε would move every
  // particle by a fraction of sqrt(2ε) |ξ| ≈ 0.3 σ(t) and decouple nearly all of them.
  const std::vector<std::shared_ptr<const Target>> targets{ring(), correlated_gaussian(), elastic_net()};
  for (const auto& target : targets)
    for (const std::string predictor : {"em", "ddpm"})
      for (int corrector_steps : {1, 2}) {
        CAPTURE(target->name());
        CAPTURE(predictor);
        CAPTURE(corrector_steps);
        const std::size_t n = 10000;
        const Particles f = sample(pc_config(target, predictor, corrector_steps, n, Precision::Float32));
        const Particles d = sample(pc_config(target, predictor, corrector_steps, n, Precision::Float64));
        REQUIRE(f.allFinite());
        CHECK(moment_difference_z(f, d) <= 5.0);
        std::size_t apart = 0;
        for (Eigen::Index i = 0; i < f.rows(); ++i) apart += (f.row(i) - d.row(i)).norm() > 1e-3 ? 1 : 0;
        CHECK(static_cast<double>(apart) <= 0.01 * static_cast<double>(n));
      }
  // A tabulated target (the double well): corrector and predictor share the step's score table. 2000 particles keep
  // the double path's quadratures (two score evaluations a step) within the default work limit.
  const std::size_t n = 2000;
  const Particles f = sample(pc_config(double_well(), "em", 1, n, Precision::Float32));
  const Particles d = sample(pc_config(double_well(), "em", 1, n, Precision::Float64));
  REQUIRE(f.allFinite());
  CHECK(moment_difference_z(f, d) <= 5.0);
  std::size_t apart = 0;
  for (Eigen::Index i = 0; i < f.rows(); ++i) apart += (f.row(i) - d.row(i)).norm() > 1e-3 ? 1 : 0;
  CHECK(static_cast<double>(apart) <= 0.01 * static_cast<double>(n));
}

TEST_CASE("float32 pc with no corrector moves is its predictor bit for bit") {
  // pc's predictor draws slots 0 … p − 1, as it does alone; with 0 moves nothing else runs.
  for (const std::string predictor : {"em", "ddpm"}) {
    CAPTURE(predictor);
    const Particles alone = sample(config(ring(), predictor, 1000, Precision::Float32));
    CHECK((sample(pc_config(ring(), predictor, 0, 1000, Precision::Float32)).array() == alone.array()).all());
  }
}

TEST_CASE("float32 pc: an all-zero score skips the move, as the double path does") {
  // ε = 2α (r ‖ξ‖/‖s‖)² is undefined when every score is 0: the double path takes ε = 0 (X + 0 s + 0 ξ = X), the
  // float32 corrector skips the move. Both leave the particles as they were (a NaN ε would spread to all of them).
  struct ZeroScore final : ScoreModel {
    std::string name() const override { return "zero"; }
    int dim() const override { return 2; }
    void score(double, const Particles& X, Particles& out) const override { out.setZero(X.rows(), X.cols()); }
  };
  const OrnsteinUhlenbeck process;
  const LangevinCorrector rule = LangevinCorrector::target_snr(2, 0.16);
  const std::size_t n = 100, stride = 2 * kFloat32StepBlock;
  std::vector<float> x(2 * stride);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<float>(0.01 * static_cast<double>(i) - 1.0);
  const std::vector<float> before = x;
  Float32LangevinCorrector corrector(rule, 1, 11, 0, n, stride, 2, 1);
  corrector.correct(
      process, 3, 0.5, 1.1,
      [&](float* s, std::size_t first, std::size_t count) {
        for (std::size_t m = 0; m < 2; ++m) std::fill_n(s + m * stride + first, count, 0.0f);
      },
      x.data());
  CHECK(x == before);

  Particles X(static_cast<Eigen::Index>(n), 2);
  for (Eigen::Index i = 0; i < X.rows(); ++i) X.row(i) << 0.5 * static_cast<double>(i), -1.0;
  const Particles X_before = X;
  StepWorkspace ws;
  rule.correct(process, ZeroScore(), CounterNoise(CounterRng(11)), 3, 0.5, 1.1, X, ws);
  CHECK((X.array() == X_before.array()).all());
}

TEST_CASE("float32 samples are identical whatever the thread count") {
  const std::size_t n = 3 * 4096 + 77;  // several thread-pool tasks and a partial block
  for (const char* sampler : {"em", "ei"}) {
    const Particles one = sample(config(ring(), sampler, n, Precision::Float32, 1));
    for (unsigned threads : {2u, 3u, 0u}) {
      CAPTURE(threads);
      CHECK((sample(config(ring(), sampler, n, Precision::Float32, threads)).array() == one.array()).all());
    }
  }
  // pc: its batch means are sums over fixed tasks added in task order, so they too do not depend on the threads.
  for (const std::string predictor : {"em", "ddpm"}) {
    CAPTURE(predictor);
    const Particles one = sample(pc_config(ring(), predictor, 2, n, Precision::Float32, 1));
    for (unsigned threads : {2u, 3u, 0u}) {
      CAPTURE(threads);
      CHECK((sample(pc_config(ring(), predictor, 2, n, Precision::Float32, threads)).array() == one.array()).all());
    }
  }
}

TEST_CASE("float32 particles that overflow float are an error naming the step and advising float64") {
  // VE with σ_max = 1e25: the first Euler–Maruyama step's score coefficient g² h ≈ 2 ln(σ_max/σ_min) σ_max² h
  // ≈ 1e51 is finite in double and infinite in float (largest 3.4e38), so every particle leaves the float range at
  // step 1 while the double run goes on.
  ExperimentConfig c =
      config(std::make_shared<Gaussian>(Vector::Zero(2), Matrix::Identity(2, 2)), "em", 100, Precision::Float32);
  c.process = make_diffusion("ve", {{"sigma_min", 0.01}, {"sigma_max", 1e25}});
  c.T = 1.0;
  c.steps = 5;
  using doctest::Contains;
  CHECK_THROWS_WITH_AS(sample(c), Contains("the run produced a non-finite value at step 1 of 5"), InvalidArgument);
  CHECK_THROWS_WITH_AS(sample(c), Contains("use \"float64\""), InvalidArgument);
  c.precision = Precision::Float64;
  CHECK(sample(c).allFinite());
}

TEST_CASE("float32 without a kernel for the pair is an error naming precision, the target and the sampler") {
  using doctest::Contains;
  CHECK_THROWS_WITH_AS(sample(config(ring(), "dpmpp_2m", 100, Precision::Float32)),
                       Contains("precision: \"float32\" has no kernel for target \"gmm\" with sampler \"dpmpp_2m\""),
                       InvalidArgument);
  const auto double_well = std::make_shared<ProductTarget>(std::make_shared<DoubleWell>(1.0, 1.0), 2);
  CHECK_THROWS_WITH_AS(
      sample(config(double_well, "pf_heun", 100, Precision::Float32)),
      Contains("precision: \"float32\" has no kernel for target \"double_well\" with sampler \"pf_heun\""),
      InvalidArgument);
  // pc runs float32 only with a predictor that has affine moves.
  ExperimentConfig c = config(ring(), "em", 100, Precision::Float32);
  c.sampler = std::make_shared<PredictorCorrector>(make_stepper("dpmpp_2m"), LangevinCorrector::target_snr(1, 0.16));
  CHECK_THROWS_WITH_AS(sample(c),
                       Contains("precision: \"float32\" has no kernel for target \"gmm\" with sampler \"pc\""),
                       InvalidArgument);
}
