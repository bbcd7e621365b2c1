// Samplers on Gaussian targets, where everything is known in closed form.
//
// Independent references: for OU (theory §1) and a Gaussian target N(m, Σ) the exact score is the affine map
// s_t(x) = -(a²Σ + σ²I)^{-1}(x - a m). Each linear sampler is written again below in its textbook form (Ho et al.'s
// ε-form for DDPM, Song et al.'s x̂_0/ε form for DDIM, the OU forms of theory §1 for EM/EI), as affine Gaussian moves
// in the test support (support/gaussian_recursion.hpp); the core writes them generically through the Process interface
// (ratios of a, σ, transition_var). The tests compare
//   1. one step of the core with the textbook move, to 1e-12 (probe particles 0, e_1, e_2; zero and unit noise);
//   2. simulation through the driver with the exact output law of the recursion (CLT, 5 standard errors);
//   3. fitted log-log slopes of the exact-law W2 error against N on nested grids;
// plus closed-form posteriors, predictor–corrector composition, the target-SNR rule, the stationary law of annealed
// Langevin, a variance-exploding process, and bad input.
#include <doctest/doctest.h>

#include <Eigen/LU>
#include <functional>
#include <memory>

#include "sgm/base/error.hpp"
#include "sgm/experiment/catalogue.hpp"
#include "sgm/experiment/process_diffusion.hpp"
#include "sgm/io/experiment_json.hpp"
#include "sgm/process/ornstein_uhlenbeck.hpp"
#include "sgm/sampler/annealed_langevin.hpp"
#include "sgm/sampler/ddim.hpp"
#include "sgm/sampler/ddpm_ancestral.hpp"
#include "sgm/sampler/euler_maruyama.hpp"
#include "sgm/sampler/exponential_integrator.hpp"
#include "sgm/sampler/predictor_corrector.hpp"
#include "sgm/sampler/probability_flow.hpp"
#include "sgm/sampler/reverse_diffusion.hpp"
#include "sgm/target/gaussian.hpp"
#include "support/constant_noise.hpp"
#include "support/gaussian_fixture.hpp"
#include "support/gaussian_recursion.hpp"
#include "support/gaussian_w2.hpp"
#include "support/linear_sampler_cases.hpp"
#include "support/slope_fit.hpp"

using namespace sgm;
using test::GaussianMoments;
using test::GaussianMove;
using test::Moves;
using test::ou_abar;
using test::ou_marginal;
using test::ou_score;
using test::ou_std;

namespace {

using test::ConstantNoise;

Particles run_step(const Stepper& stepper, const ScoreModel& score, const NoiseSource& noise, double t, double s,
                   Particles X) {
  const OrnsteinUhlenbeck ou;
  stepper.step(ou, score, noise, 0, t, s, X, *stepper.init());
  return X;
}

void check_close(const Matrix& got, const Matrix& want, double rel) {
  INFO("got\n" << got << "\nwant\n" << want);
  CHECK((got - want).cwiseAbs().maxCoeff() <= rel * (1.0 + want.cwiseAbs().maxCoeff()));
}

Particles probe_particles() {  // rows 0, e_1, e_2: the images give the affine map column by column
  Particles P = Particles::Zero(3, 2);
  P(1, 0) = 1.0;
  P(2, 1) = 1.0;
  return P;
}

}  // namespace

TEST_CASE("each linear sampler's step is its textbook form (Ho et al., Song et al., theory §1) to 1e-12") {
  const auto q = test::correlated_gaussian();
  const auto process = std::make_shared<OrnsteinUhlenbeck>();
  const ExactScore score(q, process);
  // A long step and a very short one (the generic ratio forms must keep precision when h → 0).
  for (const auto& entry : {std::pair{0.7, 0.45}, std::pair{0.3, 0.3 - 1e-7}}) {
    const auto& t = std::get<0>(entry);
    const auto& s = std::get<1>(entry);
    for (const test::LinearSamplerCase& c : test::linear_sampler_cases(0.05, 1, 0.5)) {
      INFO(c.name << ", t = " << t << ", t' = " << s);
      const GaussianMove move = c.moves(ou_score(*q), t, s).front();
      const Particles zero = run_step(*c.stepper, score, ConstantNoise(0.0), t, s, probe_particles());
      Matrix images(2, 3);  // columns: v, M e_1 + v, M e_2 + v
      images.col(0) = move.map.v;
      images.col(1) = move.map.M.col(0) + move.map.v;
      images.col(2) = move.map.M.col(1) + move.map.v;
      check_close(zero.transpose(), images, 1e-12);
      const Particles unit = run_step(*c.stepper, score, ConstantNoise(1.0), t, s, probe_particles());
      check_close(unit - zero, Matrix::Constant(3, 2, std::sqrt(move.noise_var)), 1e-12);
    }
  }
}

TEST_CASE("simulated linear samplers match their exact Gaussian output law (CLT, 5 standard errors)") {
  // n = 20000 particles from the prior N(0, I) through 6 uniform steps from T = 1.5 to δ = 0.05. Sample mean
  // coordinate j has standard error sqrt(P_jj/n); sample covariance entry (i, j) of a Gaussian has standard error
  // sqrt((P_ii P_jj + P_ij²)/n). Each is checked at 5 standard errors (about 50 checks: a false alarm has
  // probability ≈ 50 × 6e-7 at this fixed seed). ALD: 3 moves per level, ε_0 = 0.5 σ_L².
  const auto q = test::correlated_gaussian();
  const auto process = std::make_shared<OrnsteinUhlenbeck>();
  const auto score = std::make_shared<ExactScore>(q, process);
  const std::size_t n = 20000;
  const Grid grid(GridKind::Uniform, 1.5, 0.05, 6);
  for (const test::LinearSamplerCase& c : test::linear_sampler_cases(0.05, 3, 0.5)) {
    INFO(c.name);
    ReverseDiffusion run(process, grid, c.stepper, score, n, 2024);
    run.run();
    const GaussianMoments exact =
        test::push_grid(c.moves, ou_score(*q), {Vector::Zero(2), Matrix::Identity(2, 2)}, grid.times());
    const Particles& X = run.particles();
    const Vector mean = X.colwise().mean().transpose();
    const Particles centred = X.rowwise() - mean.transpose();
    const Matrix cov = centred.transpose() * centred / static_cast<double>(n - 1);
    const Matrix& P = exact.cov;
    for (int i = 0; i < 2; ++i) {
      CHECK(std::abs(mean(i) - exact.mean(i)) <= 5.0 * std::sqrt(P(i, i) / n));
      for (int j = 0; j <= i; ++j)
        CHECK(std::abs(cov(i, j) - P(i, j)) <= 5.0 * std::sqrt((P(i, i) * P(j, j) + P(i, j) * P(i, j)) / n));
    }
    CHECK(run.score_evaluations() == grid.steps() * static_cast<std::size_t>(c.stepper->score_evaluations_per_step()));
  }
}

TEST_CASE("convergence orders: fitted slopes of the exact-law W2 error on nested grids N = 10 … 320") {
  // The recursion starts from the exact q_T (no initialisation error), so the W2 distance (Bures closed form) between
  // the output law and q_δ is the discretisation error alone. T = 2, δ = 0.05, uniform grids, N = 10·2^k.
  // Windows: the declared order ± 0.15, the spread a first/second-order error constant with O(h) corrections gives
  // over this range (diffrax-style). The slope is fitted on N = 40 … 320 (the coarsest grids, h ≥ 0.1, are pre-
  // asymptotic: h·L with L = 1/λ_min(Σ) ≈ 6 is not small there); all slopes are printed.
  const auto q = test::correlated_gaussian();
  const GaussianMoments start = ou_marginal(*q, 2.0), target = ou_marginal(*q, 0.05);
  for (const test::LinearSamplerCase& c : test::linear_sampler_cases(0.05, 1, 0.5)) {
    if (c.name == "ald") continue;  // order 0 in h: tested against its stationary law below
    const test::OrderFit fit = test::fitted_order([&](int N) {
      const Grid grid(GridKind::Uniform, 2.0, 0.05, static_cast<std::size_t>(N));
      const GaussianMoments law = test::push_grid(c.moves, ou_score(*q), start, grid.times());
      return test::gaussian_w2(law.mean, law.cov, target.mean, target.cov);
    });
    MESSAGE(c.name << ": order " << c.stepper->weak_order() << ", W2 " << fit.summary);
    CHECK(std::abs(fit.slope - c.stepper->weak_order()) <= 0.15);
  }
}

namespace {

// Score of a point mass at x_0 under OU: q_t = N(a x_0, σ² I), s = -(x - a x_0)/σ².
class PointMassScore final : public ScoreModel {
public:
  explicit PointMassScore(Vector x0) : x0_(std::move(x0)) {}
  std::string name() const override { return "point-mass"; }
  int dim() const override { return static_cast<int>(x0_.size()); }
  void score(double t, const Particles& X, Particles& out) const override {
    out = -(X.rowwise() - std::exp(-t) * x0_.transpose()) / (-std::expm1(-2.0 * t));
  }

private:
  Vector x0_;
};

Particles four_points() {
  Particles X(4, 2);
  X << 0.3, -1.2, 2.0, 0.7, -0.4, 0.1, 1.1, -0.9;
  return X;
}

}  // namespace

TEST_CASE("DDPM and DDIM steps with the exact score of a point mass are the closed-form posteriors") {
  // Point mass x_0: x̂_0 = x_0 exactly, so one DDPM step is q(x_{t-1} | x_t, x_0) of theory §7.2 and one DDIM step is
  // q_σ(x_{t-1} | x_t, x_0) of Song, Meng, Ermon 2021 Eq. (7), written here in ᾱ form (ᾱ = e^{-2t}).
  Vector x0(2);
  x0 << 0.8, -0.3;
  const PointMassScore score(x0);
  const double t = 0.6, s = 0.35;
  const double alpha = ou_abar(t) / ou_abar(s), beta = 1.0 - alpha;
  const Particles X = four_points();
  const Particles x0_rows = Particles::Ones(4, 1) * x0.transpose();

  const Particles ddpm_mean = beta * std::sqrt(ou_abar(s)) / (1.0 - ou_abar(t)) * x0_rows +
                              (1.0 - ou_abar(s)) * std::sqrt(alpha) / (1.0 - ou_abar(t)) * X;
  const double ddpm_var = beta * (1.0 - ou_abar(s)) / (1.0 - ou_abar(t));
  const DdpmAncestral ddpm;
  const Particles zero = run_step(ddpm, score, ConstantNoise(0.0), t, s, X);
  check_close(zero, ddpm_mean, 1e-12);
  check_close(run_step(ddpm, score, ConstantNoise(1.0), t, s, X) - zero, Matrix::Constant(4, 2, std::sqrt(ddpm_var)),
              1e-12);

  for (double eta : {0.0, 0.3, 1.0}) {
    INFO("eta = " << eta);
    const double var = eta * eta * (1.0 - ou_abar(s)) / (1.0 - ou_abar(t)) * (1.0 - ou_abar(t) / ou_abar(s));
    const Particles mean = std::sqrt(ou_abar(s)) * x0_rows + std::sqrt(1.0 - ou_abar(s) - var) *
                                                                 (X - std::sqrt(ou_abar(t)) * x0_rows) /
                                                                 std::sqrt(1.0 - ou_abar(t));
    const Ddim ddim(eta);
    const Particles z = run_step(ddim, score, ConstantNoise(0.0), t, s, X);
    check_close(z, mean, 1e-12);
    check_close(run_step(ddim, score, ConstantNoise(1.0), t, s, X) - z, Matrix::Constant(4, 2, std::sqrt(var)), 1e-12);
  }
}

TEST_CASE("the DDPM mean with the exact score of a Gaussian is the exact conditional mean E[X_t' | X_t]") {
  // (X_t', X_t) is jointly Gaussian with Cov(X_t, X_t') = (a_t/a_t') C_t' under OU, so
  // E[X_t' | X_t = x] = a_t' m + (a_t/a_t') C_t' C_t^{-1} (x - a_t m)  (Gaussian conditioning; Tweedie makes DDPM's
  // posterior mean exact for any data, ddpm_ancestral.hpp).
  const auto q = test::correlated_gaussian();
  const ExactScore score(q, std::make_shared<OrnsteinUhlenbeck>());
  const double t = 0.9, s = 0.5;
  const GaussianMoments Lt = ou_marginal(*q, t), Ls = ou_marginal(*q, s);
  const Matrix gain = std::exp(-(t - s)) * Ls.cov * Lt.cov.inverse();
  const Particles X = four_points();
  const Particles want = (gain * (X.transpose().colwise() - Lt.mean)).colwise() + Ls.mean;
  check_close(run_step(DdpmAncestral(), score, ConstantNoise(0.0), t, s, X), want.transpose(), 1e-12);
}

TEST_CASE("EI and DDPM ancestral agree to O(h²) per step in mean map and variance (theory §1, §9.4): slope ≈ 2") {
  // Both steps are x ↦ r x + w s + c ξ with coefficients equal to first order in h. The mean maps (zero noise) and
  // the variances c² differ by O(h²) (the noise std c itself differs by O(h^{3/2}), which is why the variance is
  // compared). Fitted on h = 0.04 … 0.0025 (window ±0.1: the next term is O(h³)).
  const auto q = test::correlated_gaussian();
  const ExactScore score(q, std::make_shared<OrnsteinUhlenbeck>());
  std::vector<double> hs, mean_diffs, var_diffs;
  for (double h = 0.04; h > 0.002; h /= 2) {
    const ExponentialIntegrator ei;
    const DdpmAncestral ddpm;
    Particles zero[2], unit[2];
    for (int i = 0; i < 2; ++i) {
      const Stepper& stepper = i == 0 ? static_cast<const Stepper&>(ei) : ddpm;
      zero[i] = run_step(stepper, score, ConstantNoise(0.0), 0.7, 0.7 - h, four_points());
      unit[i] = run_step(stepper, score, ConstantNoise(1.0), 0.7, 0.7 - h, four_points());
    }
    hs.push_back(h);
    mean_diffs.push_back((zero[0] - zero[1]).cwiseAbs().maxCoeff());
    var_diffs.push_back(
        std::abs(std::pow(unit[0](0, 0) - zero[0](0, 0), 2) - std::pow(unit[1](0, 0) - zero[1](0, 0), 2)));
  }
  const double mean_slope = test::log_log_slope(hs, mean_diffs), var_slope = test::log_log_slope(hs, var_diffs);
  MESSAGE("EI vs DDPM per step: fitted slope in h of the mean-map difference " << mean_slope << ", of the variance "
                                                                               << "difference " << var_slope);
  CHECK(std::abs(mean_slope - 2.0) <= 0.1);
  CHECK(std::abs(var_slope - 2.0) <= 0.1);
}

TEST_CASE("DDIM(η = 1) is DDPM ancestral with the fixed_small variance, through a whole run on a mixture") {
  std::vector<Vector> means = {Vector(2), Vector(2)};
  means[0] << -1.5, 0.5;
  means[1] << 1.0, 1.0;
  const auto gmm = std::make_shared<GaussianMixture>(std::vector<double>{0.3, 0.7}, means,
                                                     std::vector<Matrix>(2, 0.2 * Matrix::Identity(2, 2)));
  const auto process = std::make_shared<OrnsteinUhlenbeck>();
  const auto score = std::make_shared<ExactScore>(gmm, process);
  const Grid grid(GridKind::Log, 3.0, 0.01, 30);
  ReverseDiffusion a(process, grid, std::make_shared<Ddim>(1.0), score, 500, 5);
  ReverseDiffusion b(process, grid, std::make_shared<DdpmAncestral>(), score, 500, 5);
  a.run();
  b.run();
  check_close(a.particles(), b.particles(), 1e-10);
}

TEST_CASE("predictor–corrector: zero corrector steps is the predictor exactly; evaluations and noise slots add up") {
  const auto q = test::correlated_gaussian();
  const auto process = std::make_shared<OrnsteinUhlenbeck>();
  const auto score = std::make_shared<ExactScore>(q, process);
  const Grid grid(GridKind::Uniform, 2.0, 0.02, 25);
  const std::vector<std::shared_ptr<const Stepper>> predictors = {
      std::make_shared<EulerMaruyama>(), std::make_shared<Ddim>(0.5), std::make_shared<ProbabilityFlowHeun>(),
      std::make_shared<DdpmAncestral>(DdpmVariance::FixedLarge)};
  for (const auto& predictor : predictors) {
    INFO(predictor->name());
    ReverseDiffusion alone(process, grid, predictor, score, 300, 11);
    ReverseDiffusion pc(process, grid,
                        std::make_shared<PredictorCorrector>(predictor, LangevinCorrector::target_snr(0, 0.16)), score,
                        300, 11);
    alone.run();
    pc.run();
    CHECK((alone.particles() - pc.particles()).cwiseAbs().maxCoeff() == 0.0);
    const PredictorCorrector two(predictor, LangevinCorrector::target_snr(2));
    CHECK(two.score_evaluations_per_step() == predictor->score_evaluations_per_step() + 2);
    CHECK(two.noise_slots_per_step() == predictor->noise_slots_per_step() + 2);
    CHECK(two.weak_order() == 0.0);
  }
  ReverseDiffusion heun_pc(
      process, grid,
      std::make_shared<PredictorCorrector>(std::make_shared<ProbabilityFlowHeun>(), LangevinCorrector::target_snr(3)),
      score, 10, 1);
  heun_pc.run();
  CHECK(heun_pc.score_evaluations() == 25u * 5u);
}

namespace {
// Slot-dependent prescribed noise: slot m of any step is (m + 1) Z.
class SlotScaledNoise final : public NoiseSource {
public:
  explicit SlotScaledNoise(Particles Z) : Z_(std::move(Z)) {}
  void fill(std::uint32_t, std::uint32_t slot, Particles& out) const override { out = (slot + 1.0) * Z_; }

private:
  Particles Z_;
};
}  // namespace

TEST_CASE("target-SNR corrector: ε = 2α (r ‖z‖/‖s‖)² with batch-averaged norms, one fresh score and slot per move") {
  // Reference: score_sde LangevinCorrector (theory §7.6), written out with explicit loops over particles.
  const auto q = test::correlated_gaussian();
  const OrnsteinUhlenbeck ou;
  const ExactScore score(q, std::make_shared<OrnsteinUhlenbeck>());
  Particles Z(4, 2);
  Z << 0.5, -1.0, 1.5, 0.2, -0.3, -0.8, 0.9, 1.1;
  const double t = 0.4, alpha = 0.93, r = 0.16;
  Particles X = four_points();
  for (int move = 0; move < 2; ++move) {
    Particles s;
    score.score(t, X, s);
    const Particles z = (move + 1.0) * Z;
    double grad = 0, noise = 0;
    for (int i = 0; i < 4; ++i) grad += s.row(i).norm() / 4, noise += z.row(i).norm() / 4;
    const double eps = 2.0 * alpha * (r * noise / grad) * (r * noise / grad);
    X = X + eps * s + std::sqrt(2.0 * eps) * z;
  }
  Particles Y = four_points();
  StepWorkspace ws;
  LangevinCorrector::target_snr(2, r).correct(ou, score, SlotScaledNoise(Z), 0, t, alpha, Y, ws);
  check_close(Y, X, 1e-13);
  CHECK(LangevinCorrector::target_snr(1).snr(ou, t) == 0.01);  // OU has a(t) < 1: the VP default
}

TEST_CASE("one predictor–corrector step: Langevin move at t with α = ᾱ_t/ᾱ_t' on slot 1, then EM on slot 0") {
  // score_sde get_pc_sampler loop order (theory §7.6): corrector at t, then predictor t → t'. Written out for OU
  // with ᾱ = e^{-2t} and Euler–Maruyama Y + h (Y + 2 s) + sqrt(2h) ξ (theory §1).
  const auto q = test::correlated_gaussian();
  const auto process = std::make_shared<OrnsteinUhlenbeck>();
  const ExactScore score(q, process);
  Particles Z(4, 2);
  Z << 0.5, -1.0, 1.5, 0.2, -0.3, -0.8, 0.9, 1.1;
  const SlotScaledNoise noise(Z);  // slot m is (m + 1) Z
  const double t = 0.8, s = 0.6, r = 0.2;
  Particles X = four_points(), g;
  score.score(t, X, g);
  const double eps =
      2.0 * (ou_abar(t) / ou_abar(s)) * std::pow(r * (2.0 * Z).rowwise().norm().mean() / g.rowwise().norm().mean(), 2);
  X += eps * g + std::sqrt(2.0 * eps) * (2.0 * Z);
  score.score(t, X, g);
  X = X + (t - s) * (X + 2.0 * g) + std::sqrt(2.0 * (t - s)) * Z;
  Particles Y = four_points();
  const PredictorCorrector pc(std::make_shared<EulerMaruyama>(), LangevinCorrector::target_snr(1, r));
  pc.step(*process, score, noise, 0, t, s, Y, *pc.init());
  check_close(Y, X, 1e-13);
}

TEST_CASE("a corrector move from the exact q_t keeps the mean and turns C into C + ε² C^{-1} (Gaussian closed form)") {
  // x' = x + ε s(x) + sqrt(2ε) z with s = -C^{-1}(x - μ): mean μ, covariance (I - εC^{-1}) C (I - εC^{-1}) + 2εI
  // = C + ε² C^{-1} exactly (theory §9.11). r = 0.5 makes ε ≈ 0.4 so the ε² term is ~35 standard errors and the
  // check could fail; ε is the realised batch step, computed by hand from the same draws. n = 40000 exact samples;
  // tolerances 5 standard errors as in the simulation test (ε's dependence on the batch is O(1/n)).
  const auto q = test::correlated_gaussian();
  const auto process = std::make_shared<OrnsteinUhlenbeck>();
  const ExactScore score(q, process);
  const double t = 0.5, r = 0.5;
  const std::size_t n = 40000;
  const CounterRng rng(99);
  const GaussianMoments law = ou_marginal(*q, t);
  Particles X = q->sample_perturbed(n, std::exp(-t), ou_std(t), rng, Stream::Reference, Stream::ReferenceNoise);
  Particles s, z(n, 2);
  score.score(t, X, s);
  const CounterNoise noise(rng);
  noise.fill(0, 0, z);
  const double eps = 2.0 * std::pow(r * z.rowwise().norm().mean() / s.rowwise().norm().mean(), 2);
  StepWorkspace ws;
  LangevinCorrector::target_snr(1, r).correct(*process, score, noise, 0, t, 1.0, X, ws);
  const Matrix want = law.cov + eps * eps * law.cov.inverse();
  const Vector mean = X.colwise().mean().transpose();
  const Particles centred = X.rowwise() - mean.transpose();
  const Matrix cov = centred.transpose() * centred / static_cast<double>(n - 1);
  MESSAGE("corrector step ε = " << eps << ", covariance bias ε²C^{-1} = " << (eps * eps * law.cov.inverse()).norm());
  for (int i = 0; i < 2; ++i) {
    CHECK(std::abs(mean(i) - law.mean(i)) <= 5.0 * std::sqrt(want(i, i) / n));
    for (int j = 0; j <= i; ++j) {
      const double se = std::sqrt((want(i, i) * want(j, j) + want(i, j) * want(i, j)) / n);
      CHECK(std::abs(cov(i, j) - want(i, j)) <= 5.0 * se);
    }
  }
}

TEST_CASE("annealed Langevin converges to the stationary law of its last level, which tends to q_δ linearly in ε_0") {
  // The move x' = x + ε s + sqrt(2ε) z with s = -C^{-1}(x - μ) has the invariant law N(μ, P∞) with
  // P∞ = C (I - (ε/2) C^{-1})^{-1} [DER: in C's eigenbasis p = (1 - ε/λ)² p + 2ε gives p = λ/(1 - ε/(2λ))].
  // With 5000 moves per level the last level mixes completely ((1 - ε/λ_max)^5000 < 1e-15 for the smallest ε_0), so
  // the exact output law (recursion) is N(μ, P∞) to rounding (compared entrywise: the Bures W2 of two equal
  // covariances only resolves ~1e-8, the square root of rounding); and W2(P∞, q_δ) = O(ε_0): fitted slope 1 ± 0.1 over
  // ε_0 = σ_L² (0.4, 0.2, 0.1, 0.05) (the next term is O(ε_0²)).
  const auto q = test::correlated_gaussian();
  const double delta = 0.05, sigma_l2 = 1.0 - ou_abar(delta);
  const Grid grid(GridKind::Uniform, 2.0, delta, 10);
  const GaussianMoments target = ou_marginal(*q, delta);
  std::vector<double> steps, errors;
  for (double ratio : {0.4, 0.2, 0.1, 0.05}) {
    const double eps = ratio * sigma_l2;
    const GaussianMoments out = test::push_grid(test::ald_moves(eps, 5000, std::sqrt(sigma_l2)), ou_score(*q),
                                                ou_marginal(*q, 2.0), grid.times());
    const GaussianMoments stationary{
        target.mean, target.cov * (Matrix::Identity(2, 2) - 0.5 * eps * target.cov.inverse()).inverse()};
    check_close(out.mean, stationary.mean, 1e-12);
    check_close(out.cov, stationary.cov, 1e-12);
    steps.push_back(eps);
    errors.push_back(test::gaussian_w2(out.mean, out.cov, target.mean, target.cov));
  }
  const double slope = test::log_log_slope(steps, errors);
  MESSAGE("annealed Langevin: W2 to q_δ at ε_0 = 0.4 σ_L², 0.05 σ_L²: " << errors.front() << ", " << errors.back()
                                                                        << "; fitted slope in ε_0 " << slope);
  CHECK(std::abs(slope - 1.0) <= 0.1);
}

namespace {
// A variance-exploding process written here for the test: Brownian motion dX = dB, a = 1, σ(t)² = t.
class BrownianMotion final : public Process {
public:
  std::string name() const override { return "brownian-test"; }
  double drift_rate(double) const override { return 0.0; }
  double diffusion_sq(double) const override { return 1.0; }
  double mean_coeff(double) const override { return 1.0; }
  double std(double t) const override { return std::sqrt(t); }
  double transition_var(double s, double t) const override { return t - s; }
  double score_weight(double s, double t) const override { return t - s; }
  double prior_std(double T) const override { return std::sqrt(T); }
};
}  // namespace

TEST_CASE("on a variance-exploding process DDPM is score_sde's VE ancestral step and the default SNR is 0.16") {
  // score_sde AncestralSamplingPredictor, VE (theory §7.5): x + (σ_t² - σ_s²) s + sqrt(σ_s² (σ_t² - σ_s²)/σ_t²) z.
  const auto q = test::correlated_gaussian();
  const auto bm = std::make_shared<BrownianMotion>();
  const ExactScore score(q, bm);
  const double t = 1.3, s = 0.9;
  const Particles X = four_points();
  Particles sx;
  score.score(t, X, sx);
  const DdpmAncestral ddpm;
  for (double noise : {0.0, 1.0}) {
    Particles Y = X;
    ddpm.step(*bm, score, ConstantNoise(noise), 0, t, s, Y, *ddpm.init());
    check_close(Y, X + (t - s) * sx + Particles::Constant(4, 2, noise * std::sqrt(s * (t - s) / t)), 1e-12);
  }
  CHECK(default_target_snr(*bm, t) == 0.16);
  CHECK(default_target_snr(OrnsteinUhlenbeck(), t) == 0.01);
}

TEST_CASE("sampler parameters are validated with named ranges") {
  CHECK_THROWS_WITH_AS(Ddim(1.5), "eta = 1.5 is out of range: must be a number in [0, 1]", InvalidArgument);
  CHECK_THROWS_WITH_AS(Ddim(std::nan("")), "eta = NaN is out of range: must be a number in [0, 1]", InvalidArgument);
  CHECK_THROWS_WITH_AS(LangevinCorrector::target_snr(1, 0.0), "snr = 0 is out of range: must be a number in (0, 1]",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(LangevinCorrector::target_snr(-1),
                       "corrector_steps = -1 is out of range: must be an integer in [0, 10000]", InvalidArgument);
  CHECK_THROWS_WITH_AS(AnnealedLangevin(1e-5, 0, 0.1),
                       "steps_per_level = 0 is out of range: must be an integer in [1, 10000]", InvalidArgument);
  CHECK_THROWS_AS(AnnealedLangevin(0.02, 10, 0.1), InvalidArgument);  // ε_0 > σ_L² = 0.01
  CHECK_THROWS_AS(AnnealedLangevin(1e-5, 10, 0.0), InvalidArgument);
  CHECK_THROWS_WITH_AS(PredictorCorrector(nullptr, LangevinCorrector::target_snr(1)), "predictor: is missing",
                       InvalidArgument);
  CHECK_THROWS_AS(make_stepper("ald"), InvalidArgument);
}

TEST_CASE("experiment JSON: samplers by name or as objects with strict fields, defaults filled in") {
  const std::string head = R"({"target": {"kind": "gaussian", "mean": [0], "covariance": [[1]]}, "delta": 0.01, )";
  auto parse = [&](const std::string& sampler) {
    io::Json normalised;
    io::parse_experiment(io::parse_json_text(head + "\"sampler\": " + sampler + "}"), &normalised);
    return normalised["sampler"];
  };
  CHECK(parse(R"("pf_heun")") == "pf_heun");
  CHECK(parse(R"("ddim")") == io::Json{{"kind", "ddim"}, {"eta", 0.0}});
  CHECK(parse(R"({"kind": "ddpm", "variance": "fixed_large"})") ==
        io::Json{{"kind", "ddpm"}, {"variance", "fixed_large"}});
  CHECK(parse(R"("pc")") == io::Json{{"kind", "pc"}, {"predictor", "em"}, {"corrector_steps", 1}, {"snr", 0.01}});
  CHECK(
      parse(R"({"kind": "pc", "predictor": {"kind": "ddim", "eta": 0.5}, "corrector_steps": 0, "snr": 0.2})") ==
      io::Json{{"kind", "pc"}, {"predictor", {{"kind", "ddim"}, {"eta", 0.5}}}, {"corrector_steps", 0}, {"snr", 0.2}});
  CHECK(parse(R"("ald")") == io::Json{{"kind", "ald"}, {"step_size", 2e-5}, {"steps_per_level", 100}});

  CHECK_THROWS_WITH_AS(parse(R"({"kind": "ddim", "eta": 2})"),
                       "sampler.eta = 2 is out of range: must be a number in [0, 1]", InvalidArgument);
  CHECK_THROWS_WITH_AS(parse(R"({"kind": "ddim", "steps": 2})"),
                       "sampler: unknown field \"steps\": allowed fields are \"eta\", \"kind\"", InvalidArgument);
  CHECK_THROWS_WITH_AS(parse(R"({"kind": "ei", "eta": 0})"),
                       "sampler: unknown field \"eta\": allowed fields are \"kind\"", InvalidArgument);
  CHECK_THROWS_WITH_AS(parse(R"({"kind": "pc", "corrector_steps": 1.5})"),
                       "sampler.corrector_steps = 1.5 is out of range: must be an integer in [0, 10000]",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(parse(R"({"kind": "pc", "snr": "high"})"), "sampler.snr: must be a number, got string \"high\"",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(parse(R"({"kind": "ddpm", "variance": "medium"})"),
                       "sampler.variance = \"medium\" is unknown: must be one of \"fixed_small\", \"fixed_large\"",
                       InvalidArgument);
  CHECK_THROWS_AS(parse(R"({"kind": "pc", "predictor": "heun4"})"), InvalidArgument);
  CHECK_THROWS_AS(parse(R"({"kind": "ald", "step_size": 1})"), InvalidArgument);  // > σ_L² = 1 - e^{-0.02}
  CHECK_THROWS_AS(parse(R"({"kind": "ald", "step_size": null})"), InvalidArgument);
}
