// DPM-Solver++(2M) and DPM-Solver++(2M) SDE (dpm_solver_2m.hpp, dpm_solver_2m_sde.hpp) on a Gaussian target under OU.
//
// Independent reference: the tests' own recursion of the joint Gaussian law of (x, x̂_0^prev), written in
// k-diffusion's variables (x̃ = x/a, noise level σ̃ = σ/a, λ = -ln σ̃) and its two forms: `sample_dpmpp_2m`
// (D = (1 + 1/(2r)) x̂_0 - x̂_0^prev/(2r)) and `sample_dpmpp_2m_sde` (midpoint, noise ratio η). The core writes both
// through a(t), σ(t) of the process and one shared update. Compared: the core's exact-law probe of the multistep
// stepper (to 1e-10), simulation through the driver (CLT), fitted slopes of the W2 error on nested grids against the
// declared weak order, and the first step against DDIM.
#include <doctest/doctest.h>

#include <cmath>
#include <memory>

#include "sgm/base/error.hpp"
#include "sgm/experiment/catalogue.hpp"
#include "sgm/process/ornstein_uhlenbeck.hpp"
#include "sgm/sampler/ddim.hpp"
#include "sgm/sampler/dpm_solver_2m.hpp"
#include "sgm/sampler/dpm_solver_2m_sde.hpp"
#include "sgm/sampler/exact_law.hpp"
#include "sgm/sampler/predictor_corrector.hpp"
#include "sgm/sampler/reverse_diffusion.hpp"
#include "sgm/target/gaussian.hpp"
#include "support/constant_noise.hpp"
#include "support/gaussian_fixture.hpp"
#include "support/gaussian_recursion.hpp"
#include "support/gaussian_w2.hpp"
#include "support/slope_fit.hpp"
#include "support/test_support.hpp"

using namespace sgm;
using test::Affine;
using test::GaussianMoments;
using test::ou_marginal;

namespace {

constexpr Eigen::Index kDim = 2;

// OU written out: a(t) = e^{-t}, σ(t)² = 1 - e^{-2t}; k-diffusion's noise level σ̃ = σ/a = sqrt(e^{2t} - 1).
double a_of(double t) { return std::exp(-t); }
double noise_level(double t) { return std::sqrt(std::expm1(2.0 * t)); }

// Tweedie's denoiser on x: x̂_0 = (x + σ² ∇log q_t(x))/a, affine for a Gaussian q_t = N(μ, C): ∇log q_t = -C^{-1}(x -
// μ).
Affine denoiser(const Gaussian& q, double t) {
  const double s2 = -std::expm1(-2.0 * t);
  return (1.0 / a_of(t)) * (test::identity_map(kDim) + s2 * test::ou_score(q)(t));
}

// The joint law of u = (x, x̂_0^prev) ∈ R^{2d} (x̂_0^prev unused before the first step).
struct Joint {
  Vector mean;
  Matrix cov;
};

// One step t → t_next (previous grid time t_prev, none at the first step) of k-diffusion's samplers on x̃ = x/a(t):
//   2M (eta < 0 here selects it):  x̃' = (σ̃'/σ̃) x̃ - expm1(-h) D,  D = (1 + 1/(2r)) x̂_0 - x̂_0^prev/(2r) (x̂_0 first);
//   2M SDE, midpoint, η ≥ 0:       x̃' = (σ̃'/σ̃) e^{-ηh} x̃ + (1 - e^{-(1+η)h}) x̂_0
//                                       + ½ (1 - e^{-(1+η)h}) (x̂_0 - x̂_0^prev)/r + σ̃' sqrt(1 - e^{-2ηh}) ξ,
// with h = ln σ̃ - ln σ̃', r = h_prev/h; then x' = a(t_next) x̃'. The new x̂_0^prev is x̂_0(t, x).
Joint push_step(const Gaussian& q, const Joint& u, bool first, double t_prev, double t, double t_next, double eta) {
  const double h = std::log(noise_level(t) / noise_level(t_next));
  const double r = first ? 1.0 : std::log(noise_level(t_prev) / noise_level(t)) / h;
  const Affine x0 = denoiser(q, t);
  const Matrix I = Matrix::Identity(kDim, kDim);
  Matrix on_x, on_prev = Matrix::Zero(kDim, kDim);  // x̃' = on_x x + on_prev x̂_0^prev + offset (+ noise)
  Vector offset;
  double noise_sd = 0.0;
  const double ratio = noise_level(t_next) / noise_level(t);
  if (eta < 0.0) {
    const double c = -std::expm1(-h);
    const double w_now = first ? 1.0 : 1.0 + 1.0 / (2.0 * r), w_prev = first ? 0.0 : -1.0 / (2.0 * r);
    on_x = ratio * I / a_of(t) + c * w_now * x0.M;
    offset = c * w_now * x0.v;
    on_prev = c * w_prev * I;
  } else {
    const double c = -std::expm1(-(1.0 + eta) * h);
    const double correction = first ? 0.0 : 0.5 * c / r;
    on_x = ratio * std::exp(-eta * h) * I / a_of(t) + (c + correction) * x0.M;
    offset = (c + correction) * x0.v;
    on_prev = -correction * I;
    noise_sd = noise_level(t_next) * std::sqrt(-std::expm1(-2.0 * eta * h));
  }
  Matrix F = Matrix::Zero(2 * kDim, 2 * kDim);
  F.topLeftCorner(kDim, kDim) = a_of(t_next) * on_x;
  F.topRightCorner(kDim, kDim) = a_of(t_next) * on_prev;
  F.bottomLeftCorner(kDim, kDim) = x0.M;
  Vector f(2 * kDim);
  f << a_of(t_next) * offset, x0.v;
  Joint next{F * u.mean + f, F * u.cov * F.transpose()};
  next.cov.topLeftCorner(kDim, kDim).diagonal().array() += std::pow(a_of(t_next) * noise_sd, 2);
  return next;
}

// The output law (x-marginal) after the grid `times` from x ~ `start`.
GaussianMoments output_law(const Gaussian& q, const GaussianMoments& start, const std::vector<double>& times,
                           double eta) {
  Joint u{Vector::Zero(2 * kDim), Matrix::Zero(2 * kDim, 2 * kDim)};
  u.mean.head(kDim) = start.mean;
  u.cov.topLeftCorner(kDim, kDim) = start.cov;
  for (std::size_t k = 0; k + 1 < times.size(); ++k)
    u = push_step(q, u, k == 0, k == 0 ? 0.0 : times[k - 1], times[k], times[k + 1], eta);
  return {u.mean.head(kDim), u.cov.topLeftCorner(kDim, kDim)};
}

struct DpmCase {
  std::string name;
  std::shared_ptr<const Stepper> stepper;
  double eta;  // < 0: the 2M form of the reference
};

std::vector<DpmCase> cases() {
  return {{"dpmpp_2m", std::make_shared<DpmSolver2M>(), -1.0},
          {"dpmpp_2m_sde eta=1", std::make_shared<DpmSolver2MSde>(), 1.0},
          {"dpmpp_2m_sde eta=0.5", std::make_shared<DpmSolver2MSde>(0.5), 0.5}};
}

}  // namespace

TEST_CASE("DPM-Solver++(2M) and 2M SDE: the exact-law probe of the multistep stepper equals the tests' recursion") {
  // exact_output_law propagates the joint law of the particles and the stepper's memory (x̂_0^prev); the reference
  // propagates (x, x̂_0^prev) by the k-diffusion forms above. Both start from the prior N(0, I) (OU: prior_std = 1).
  // Also through a predictor–corrector with no corrector moves, whose state is its predictor's.
  const auto q = test::correlated_gaussian();
  const auto ou = std::make_shared<OrnsteinUhlenbeck>();
  const ExactScore score(q, ou);
  for (GridKind kind : {GridKind::Uniform, GridKind::Log}) {
    const Grid grid(kind, 3.0, 1e-2, 17);
    const GaussianMoments prior{Vector::Zero(kDim), Matrix::Identity(kDim, kDim)};
    for (const DpmCase& c : cases()) {
      INFO(c.name << " on the " << grid_kind_name(kind) << " grid");
      const GaussianMoments want = output_law(*q, prior, grid.times(), c.eta);
      const PredictorCorrector wrapped(c.stepper, LangevinCorrector::target_snr(0));
      for (const Stepper* stepper : {c.stepper.get(), static_cast<const Stepper*>(&wrapped)}) {
        const GaussianLaw got = exact_output_law(*ou, grid, *stepper, score);
        CHECK((got.mean - want.mean).cwiseAbs().maxCoeff() <= 1e-10);
        CHECK((got.covariance - want.cov).cwiseAbs().maxCoeff() <= 1e-10);
      }
    }
  }
}

TEST_CASE("DPM-Solver++(2M) and 2M SDE: simulation through the driver matches the recursion's law (CLT, 5 SE)") {
  // n = 20000 particles, 8 uniform steps from T = 2 to δ = 0.02: coarse, so the output law is far from q_δ and a
  // stepper that lost its memory between steps would fail. Largest CLT z-score of the sample means and covariances
  // against the recursion's law (moment_z_scores) below 5: a false alarm has probability below 6e-7 per entry.
  const auto q = test::correlated_gaussian();
  const auto ou = std::make_shared<OrnsteinUhlenbeck>();
  const auto score = std::make_shared<ExactScore>(q, ou);
  const std::size_t n = 20000;
  const Grid grid(GridKind::Uniform, 2.0, 0.02, 8);
  for (const DpmCase& c : cases()) {
    INFO(c.name);
    ReverseDiffusion run(ou, grid, c.stepper, score, n, 99);
    run.run();
    const GaussianMoments exact =
        output_law(*q, {Vector::Zero(kDim), Matrix::Identity(kDim, kDim)}, grid.times(), c.eta);
    const test::MomentZ z = test::moment_z_scores(run.particles(), exact.mean, exact.cov);
    CHECK(z.mean < 5.0);
    CHECK(z.covariance < 5.0);
    CHECK(run.score_evaluations() == grid.steps());
  }
}

TEST_CASE("DPM-Solver++(2M) and 2M SDE convergence orders: fitted slopes of the exact-law W2 error, N = 10 … 1280") {
  // As for the one-step samplers (sampler_test): from the exact q_T at T = 2 to δ = 0.05 on uniform grids N = 10·2^k,
  // W2 (Bures) between the recursion's output law and q_δ; window the declared order ± 0.15; all slopes printed. The
  // grids go to N = 1280 and the slope is fitted on N = 160 … 1280: the steps are uniform in t but the methods step
  // in λ = ln(a/σ), and near δ, dλ/dt ≈ -1/(2t) makes the last λ-steps 10 times the t-steps, so the grids up to
  // N = 80 are pre-asymptotic (2M's slope on N = 40 … 320 is 1.82; error ratios per halving 3.8, 3.9, 3.95 from
  // N = 160 on).
  const auto q = test::correlated_gaussian();
  const GaussianMoments start = ou_marginal(*q, 2.0), target = ou_marginal(*q, 0.05);
  for (const DpmCase& c : cases()) {
    const test::OrderFit fit = test::fitted_order(
        [&](int N) {
          const Grid grid(GridKind::Uniform, 2.0, 0.05, static_cast<std::size_t>(N));
          const GaussianMoments law = output_law(*q, start, grid.times(), c.eta);
          return test::gaussian_w2(law.mean, law.cov, target.mean, target.cov);
        },
        1280);
    MESSAGE(c.name << ": order " << c.stepper->weak_order() << ", W2 " << fit.summary);
    CHECK(std::abs(fit.slope - c.stepper->weak_order()) <= 0.15);
  }
}

namespace {
Particles some_points() {
  Particles X(4, kDim);
  X << 0.3, -1.2, 2.0, 0.7, -0.4, 0.1, 1.1, -0.9;
  return X;
}

Particles one_step(const Stepper& stepper, const ScoreModel& score, double noise, double t, double t_next) {
  Particles X = some_points();
  const test::ConstantNoise constant(noise);
  stepper.step(OrnsteinUhlenbeck(), score, constant, 0, t, t_next, X, *stepper.init());
  return X;
}
}  // namespace

TEST_CASE("the first step is DDIM: 2M's is DDIM(0) (DPM-Solver++(1)), 2M SDE's with η = 1 is DDIM(1); η = 0 is 2M") {
  const auto q = test::correlated_gaussian();
  const auto ou = std::make_shared<OrnsteinUhlenbeck>();
  const auto score = std::make_shared<ExactScore>(q, ou);
  for (const std::pair<double, double>& step : {std::pair{0.7, 0.45}, std::pair{0.3, 0.3 - 1e-6}}) {
    const double t = step.first, s = step.second;  // not a structured binding: C++17 lambdas (INFO) cannot capture one
    INFO("t = " << t << ", t' = " << s);
    const Particles ddim0 = one_step(Ddim(0.0), *score, 0.0, t, s);
    CHECK((one_step(DpmSolver2M(), *score, 0.0, t, s) - ddim0).cwiseAbs().maxCoeff() <= 1e-12);
    for (double noise : {0.0, 1.0}) {
      const Particles ddim1 = one_step(Ddim(1.0), *score, noise, t, s);
      CHECK((one_step(DpmSolver2MSde(1.0), *score, noise, t, s) - ddim1).cwiseAbs().maxCoeff() <= 1e-12);
    }
  }
  // η = 0 through a whole run (log grid: unequal steps, so r ≠ 1): the same particles to rounding.
  const Grid grid(GridKind::Log, 3.0, 0.01, 20);
  ReverseDiffusion a(ou, grid, std::make_shared<DpmSolver2M>(), score, 200, 3);
  ReverseDiffusion b(ou, grid, std::make_shared<DpmSolver2MSde>(0.0), score, 200, 3);
  a.run();
  b.run();
  CHECK((a.particles() - b.particles()).cwiseAbs().maxCoeff() <= 1e-12);
}

TEST_CASE("DPM-Solver++(2M) SDE: η outside [0, 1] is refused naming it; the catalogue builds both by name") {
  for (double eta : {-0.1, 1.5, std::nan("")})
    CHECK_THROWS_WITH_AS(DpmSolver2MSde{eta}, doctest::Contains("eta"), InvalidArgument);
  CHECK(make_stepper("dpmpp_2m")->name() == "dpmpp_2m");
  CHECK(make_stepper("dpmpp_2m_sde")->name() == "dpmpp_2m_sde");
}
