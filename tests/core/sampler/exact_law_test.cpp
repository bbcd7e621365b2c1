// The exact output law of linear samplers (exact_law.hpp), read off the steppers by probing, against the closed-form
// recursion written from the step formulas (support/gaussian_recursion.hpp: theory §1, Chen et al. §2(b), Ho et al.,
// Song et al.) and against simulation.
#include <doctest/doctest.h>

#include <cmath>
#include <memory>

#include "sgm/base/error.hpp"
#include "sgm/experiment/experiment.hpp"
#include "sgm/experiment/process_diffusion.hpp"
#include "sgm/process/ornstein_uhlenbeck.hpp"
#include "sgm/sampler/annealed_langevin.hpp"
#include "sgm/sampler/ddim.hpp"
#include "sgm/sampler/euler_maruyama.hpp"
#include "sgm/sampler/exact_law.hpp"
#include "sgm/sampler/exponential_integrator.hpp"
#include "sgm/sampler/predictor_corrector.hpp"
#include "sgm/sampler/reverse_diffusion.hpp"
#include "sgm/score/score_error.hpp"
#include "sgm/target/gaussian.hpp"
#include "support/gaussian_recursion.hpp"
#include "support/linear_sampler_cases.hpp"

namespace {

using namespace sgm;

const auto ou = std::make_shared<OrnsteinUhlenbeck>();

// Mean and variance of the output of EI or EM on the 1-D target N(m, v) under OU from the prior N(0, 1), by the
// closed-form recursion of the test support (gaussian_recursion.hpp), written from the step formulas: with the exact
// score s(t, y) = -(y - a m)/(a² v + σ²) plus a constant bias b, a step y' = α y + β s(t, y) + γ ξ is
// y' = (α - β/P) y + β (a m/P + b) + γ ξ with P = a² v + σ².
//   EI (Chen et al. §2(b)): α = e^h, β = 2(e^h - 1), γ² = e^{2h} - 1.     EM: α = 1 + h, β = 2h, γ² = 2h.
std::pair<double, double> scalar_recursion(bool ei, double m, double v, const Grid& grid, double bias = 0.0) {
  const test::AffineScore score =
      test::ou_gaussian_score({Vector::Constant(1, m), Matrix::Constant(1, 1, v)}, Vector::Constant(1, bias));
  const test::GaussianMoments law = test::push_grid(ei ? test::Moves(test::ei_moves) : test::em_moves, score,
                                                    {Vector::Zero(1), Matrix::Identity(1, 1)}, grid.times());
  return {law.mean(0), law.cov(0, 0)};
}

}  // namespace

TEST_CASE("exact law of EI and EM on a 1-D Gaussian equals the hand-written scalar recursion") {
  const double m = 0.7, v = 0.3;
  auto target = std::make_shared<Gaussian>(Vector::Constant(1, m), Matrix::Constant(1, 1, v));
  const ExactScore score(target, ou);
  for (GridKind kind : {GridKind::Uniform, GridKind::Log}) {
    const Grid grid(kind, 4.0, 1e-3, 37);
    for (bool ei : {true, false}) {
      const std::shared_ptr<Stepper> stepper =
          ei ? std::shared_ptr<Stepper>(std::make_shared<ExponentialIntegrator>()) : std::make_shared<EulerMaruyama>();
      const GaussianLaw law = exact_output_law(*ou, grid, *stepper, score);
      const auto [mean, var] = scalar_recursion(ei, m, v, grid);
      INFO(stepper->name() << " on the " << grid_kind_name(kind) << " grid");
      CHECK(law.mean(0) == doctest::Approx(mean).epsilon(1e-10));
      CHECK(law.covariance(0, 0) == doctest::Approx(var).epsilon(1e-10));
    }
  }
}

TEST_CASE("exact law of every linear sampler in 2-D with full covariance equals the closed-form recursion") {
  // The probe reads A, b and the C_s off the stepper; the recursion (gaussian_recursion.hpp) writes each step from
  // the sampler's published formula. Both start from the prior N(0, I) (OU prior_std = 1); 12 uniform steps from
  // T = 3 to δ = 0.05; annealed Langevin with 3 moves per level and ε_0 = 0.5 σ_L². Rounding only: 1e-10 relative.
  const test::GaussianMoments data{(Vector(2) << 1.0, -0.5).finished(),
                                   (Matrix(2, 2) << 0.5, 0.2, 0.2, 0.3).finished()};
  const ExactScore score(std::make_shared<Gaussian>(data.mean, data.cov), ou);
  const Grid grid(GridKind::Uniform, 3.0, 0.05, 12);
  for (const test::LinearSamplerCase& c : test::linear_sampler_cases(grid.stop(), 3, 0.5)) {
    const GaussianLaw probed = exact_output_law(*ou, grid, *c.stepper, score);
    const test::GaussianMoments closed_form = test::push_grid(c.moves, test::ou_gaussian_score(data),
                                                              {Vector::Zero(2), Matrix::Identity(2, 2)}, grid.times());
    INFO(c.name << ": probe " << probed.mean.transpose() << " / " << probed.covariance << "; recursion "
                << closed_form.mean.transpose() << " / " << closed_form.cov);
    CHECK((probed.mean - closed_form.mean).norm() <= 1e-10 * closed_form.mean.norm());
    CHECK((probed.covariance - closed_form.cov).norm() <= 1e-10 * closed_form.cov.norm());
  }
}

TEST_CASE("exact law of EI and EM in 2-D with full covariance agrees with simulation (CLT tolerances)") {
  // n particles: a sample mean entry has standard error sqrt(S_ii/n); a sample covariance entry of a Gaussian has
  // standard error sqrt((S_ii S_jj + S_ij²)/n). Tolerance: 5 standard errors (per check, failure chance < 1e-6).
  Matrix cov(2, 2);
  cov << 0.5, 0.2, 0.2, 0.3;
  Vector mean(2);
  mean << 1.0, -0.5;
  auto target = std::make_shared<Gaussian>(mean, cov);
  auto score = std::make_shared<ExactScore>(target, ou);
  const std::size_t n = 40000;
  const Grid grid(GridKind::Uniform, 3.0, 1e-2, 12);  // coarse: the output law is far from q_δ, so the check bites
  // EI and EM draw one noise slot per step, DDIM(0) none, annealed Langevin one per move (here 6): the probe reads as
  // many as the stepper declares.
  const double final_std = ou->std(grid.stop());
  for (std::shared_ptr<const Stepper> stepper :
       {std::shared_ptr<const Stepper>(std::make_shared<ExponentialIntegrator>()),
        std::shared_ptr<const Stepper>(std::make_shared<EulerMaruyama>()),
        std::shared_ptr<const Stepper>(std::make_shared<Ddim>(0.0)),
        std::shared_ptr<const Stepper>(
            std::make_shared<AnnealedLangevin>(0.2 * final_std * final_std, 6, final_std))}) {
    const GaussianLaw law = exact_output_law(*ou, grid, *stepper, *score);
    ReverseDiffusion run(ou, grid, stepper, score, n, 2024);
    run.run();
    const Particles& X = run.particles();
    const Vector sample_mean = X.colwise().mean().transpose();
    const Particles centred = X.rowwise() - sample_mean.transpose();
    const Matrix sample_cov = centred.transpose() * centred / double(n - 1);
    const Matrix& S = law.covariance;
    INFO(stepper->name() << ": exact mean " << law.mean.transpose() << ", sample mean " << sample_mean.transpose());
    for (int i = 0; i < 2; ++i) {
      CHECK(std::abs(sample_mean(i) - law.mean(i)) < 5 * std::sqrt(S(i, i) / n));
      for (int j = 0; j < 2; ++j) {
        CHECK(std::abs(sample_cov(i, j) - S(i, j)) < 5 * std::sqrt((S(i, i) * S(j, j) + S(i, j) * S(i, j)) / n));
      }
    }
  }
}

TEST_CASE("a constant score bias keeps the step affine; mixtures and field errors are refused with a message") {
  Vector mean = Vector::Zero(2);
  auto gaussian = std::make_shared<Gaussian>(mean, Matrix::Identity(2, 2) * 0.4);
  auto exact = std::make_shared<ExactScore>(gaussian, ou);
  const Grid grid(GridKind::Uniform, 2.0, 1e-2, 10);
  const ExponentialIntegrator ei;
  // The target is isotropic, so each coordinate follows the scalar recursion with bias ε/√2 (u = (1, 1)/√2).
  const double epsilon = 0.2;
  const ScoreWithError biased(exact, ScoreErrorKind::Bias, epsilon, 1.0, 0);
  const GaussianLaw with_bias = exact_output_law(*ou, grid, ei, biased);
  const auto [mean1, var1] = scalar_recursion(true, 0.0, 0.4, grid, epsilon / std::sqrt(2.0));
  for (int i = 0; i < 2; ++i) {
    CHECK(with_bias.mean(i) == doctest::Approx(mean1).epsilon(1e-10));
    CHECK(with_bias.covariance(i, i) == doctest::Approx(var1).epsilon(1e-10));
  }
  CHECK(std::abs(with_bias.covariance(0, 1)) < 1e-12);

  const PredictorCorrector pc(std::make_shared<EulerMaruyama>(), LangevinCorrector::target_snr(1));
  CHECK_THROWS_WITH_AS(exact_output_law(*ou, grid, pc, *exact), doctest::Contains("couples the particles"),
                       InvalidArgument);
  const PredictorCorrector predictor_only(std::make_shared<EulerMaruyama>(), LangevinCorrector::target_snr(0));
  CHECK_NOTHROW(exact_output_law(*ou, grid, predictor_only, *exact));
  const ScoreWithError field(exact, ScoreErrorKind::Field, 0.2, 1.0, 0);
  CHECK_THROWS_AS(exact_output_law(*ou, grid, ei, field), InvalidArgument);
  auto mixture = std::make_shared<GaussianMixture>(
      std::vector<double>{0.5, 0.5}, std::vector<Vector>{Vector::Constant(2, -1.0), Vector::Constant(2, 1.0)},
      std::vector<Matrix>(2, Matrix::Identity(2, 2) * 0.3));
  try {
    exact_output_law(*ou, grid, ei, ExactScore(mixture, ou));
    FAIL("a mixture target has no Gaussian output law");
  } catch (const InvalidArgument& e) {
    CHECK(std::string(e.what()).find("not affine") != std::string::npos);
  }
}

TEST_CASE("metrics exact_w2 and exact_kl: 1-D closed forms of the hand-written recursion's law against q_δ") {
  // q_δ = N(a m, a² v + σ²) at δ; the output law N(μ, τ²) from scalar_recursion. In 1-D,
  // W2 = sqrt((μ - a m)² + (τ - sqrt(a² v + σ²))²) and KL(N(m0, v0) ‖ N(m1, v1)) = ½ (v0/v1 + (m1 - m0)²/v1 - 1 +
  // ln(v1/v0)).
  const double m = 0.7, v = 0.3;
  ExperimentConfig c;
  c.target = std::make_shared<Gaussian>(Vector::Constant(1, m), Matrix::Constant(1, 1, v));
  c.process = std::make_shared<ProcessDiffusion>(ou, 5.0, 1e-3);
  c.sampler = std::make_shared<EulerMaruyama>();
  c.T = 3.0;
  c.delta = 0.01;
  c.steps = 25;
  c.particles = 10;
  c.metrics = {"exact_w2", "exact_kl"};
  const ExperimentResult r = run_experiment(c);
  const auto [mu, tau2] = scalar_recursion(false, m, v, Grid(GridKind::Uniform, c.T, c.delta, c.steps));
  const double a = std::exp(-c.delta), q_mean = a * m, q_var = a * a * v + 1.0 - std::exp(-2 * c.delta);
  const double w2 = std::sqrt(std::pow(mu - q_mean, 2) + std::pow(std::sqrt(tau2) - std::sqrt(q_var), 2));
  const double kl = 0.5 * (q_var / tau2 + std::pow(mu - q_mean, 2) / tau2 - 1.0 + std::log(tau2 / q_var));
  CHECK(r.scalars.at("exact_w2") == doctest::Approx(w2).epsilon(1e-9));
  CHECK(r.scalars.at("exact_kl") == doctest::Approx(kl).epsilon(1e-9));

  ExperimentConfig mixture = c;
  mixture.target = std::make_shared<GaussianMixture>(
      std::vector<double>{0.5, 0.5}, std::vector<Vector>{Vector::Constant(1, -1.0), Vector::Constant(1, 1.0)},
      std::vector<Matrix>(2, Matrix::Constant(1, 1, 0.2)));
  CHECK_THROWS_WITH_AS(Experiment{mixture}, doctest::Contains("\"exact_w2\" and \"exact_kl\" need a Gaussian target"),
                       InvalidArgument);
}
