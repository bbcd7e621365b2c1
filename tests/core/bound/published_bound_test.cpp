// Published bounds (published_bound.hpp, theory §9.6): a hand evaluation of each form, monotonicity in the directions
// theory §9.6 gives (Chen et al.: increasing in h, d, L, m2, ε; not monotone in T, with an interior minimiser), the
// step condition h ≲ 1/L reported, the hidden constant C shown and scaling only the hidden terms, the UNVERIFIED
// flags, and the inputs (FI closed form vs Monte Carlo, KL by Monte Carlo for mixtures).
#include <doctest/doctest.h>

#include <Eigen/Eigenvalues>
#include <cmath>
#include <memory>

#include "sgm/base/error.hpp"
#include "sgm/base/grid.hpp"
#include "sgm/base/rng.hpp"
#include "sgm/bound/fisher_information.hpp"
#include "sgm/bound/published_bound.hpp"
#include "sgm/process/ornstein_uhlenbeck.hpp"
#include "sgm/sampler/euler_maruyama.hpp"
#include "sgm/sampler/exponential_integrator.hpp"
#include "sgm/target/gaussian.hpp"

using namespace sgm;

namespace {

// A run on a uniform grid with figures set by hand.
BoundInputs inputs(double T = 4.0, double delta = 0.01, std::size_t N = 100, int d = 2, double L = 2.0, double m2 = 3.0,
                   double epsilon = 0.1) {
  BoundInputs in;
  in.times = Grid(GridKind::Uniform, T, delta, N).times();
  in.dim = d;
  in.score_error = epsilon;
  in.figures.lipschitz = L;
  in.figures.m2 = m2;
  in.figures.kl_to_standard_gaussian = 1.5;
  in.figures.semiconvexity = -0.5;
  in.figures.convexity_at_infinity = 0.5;
  in.fisher_information = 2.0;
  in.covariance_min_eigenvalue = in.covariance_max_eigenvalue = 1.0;
  in.log_sobolev_constant = 1.0;
  in.figures.support_radius = 3.0;
  return in;
}

const Assumption& assumption_named(const Bound& b, const std::string& prefix) {
  for (const Assumption& a : b.assumptions)
    if (a.name.rfind(prefix, 0) == 0) return a;
  FAIL("no assumption starting with " << prefix);
  return b.assumptions.front();
}

}  // namespace

TEST_CASE("chen_tv by hand: three terms, each with C, summed") {
  BoundInputs in = inputs();
  in.hidden_constant = 2.5;
  const double T = 4.0, delta = 0.01, h = (T - delta) / 100, d = 2, L = 2.0, C = 2.5;
  const double m2_delta = std::exp(-2 * delta) * 3.0 + (1 - std::exp(-2 * delta)) * d;  // E|X_δ|²
  const double init = C * std::sqrt(1.5) * std::exp(-T);
  const double disc = C * (L * std::sqrt(d * h) + L * std::sqrt(m2_delta) * h) * std::sqrt(T - delta);
  const double score = C * 0.1 * std::sqrt(T - delta);
  const Bound b = chen_tv(in);
  REQUIRE(b.terms.size() == 3);
  CHECK(b.terms[0].value.value == doctest::Approx(init).epsilon(1e-13));
  CHECK(b.terms[1].value.value == doctest::Approx(disc).epsilon(1e-13));
  CHECK(b.terms[2].value.value == doctest::Approx(score).epsilon(1e-13));
  CHECK(b.value.value == doctest::Approx(init + disc + score).epsilon(1e-13));
  CHECK(b.hidden_constant == 2.5);
  CHECK(!b.explicit_constants);
  CHECK(!b.unverified);
  CHECK(b.assumptions_hold());
}

TEST_CASE("chen_tv increases with h, d, L, m2 and ε (theory §9.6)") {
  const double base = chen_tv(inputs()).value.value;
  CHECK(chen_tv(inputs(4.0, 0.01, 50)).value.value > base);                     // larger h
  CHECK(chen_tv(inputs(4.0, 0.01, 100, 3)).value.value > base);                 // larger d
  CHECK(chen_tv(inputs(4.0, 0.01, 100, 2, 3.0)).value.value > base);            // larger L
  CHECK(chen_tv(inputs(4.0, 0.01, 100, 2, 2.0, 5.0)).value.value > base);       // larger m2
  CHECK(chen_tv(inputs(4.0, 0.01, 100, 2, 2.0, 3.0, 0.2)).value.value > base);  // larger ε
}

TEST_CASE("chen_tv is not monotone in T: at fixed h it has an interior minimiser") {
  // First term decays like e^{-T}, the others grow like √T. Fixed h = 0.01 (N = (T - δ)/h), T on a grid in [0.2, 12].
  const double h = 0.01, delta = 0.01;
  std::vector<double> values;
  for (double T = 0.2; T <= 12.0; T += 0.2) {
    BoundInputs in = inputs(T, delta, static_cast<std::size_t>(std::lround((T - delta) / h)), 2, 2.0, 3.0, 0.05);
    in.figures.kl_to_standard_gaussian = 20.0;
    values.push_back(chen_tv(in).value.value);
  }
  const auto best = std::min_element(values.begin(), values.end()) - values.begin();
  INFO("minimiser at T = " << 0.2 * (best + 1));
  CHECK(best > 0);
  CHECK(best + 1 < static_cast<long>(values.size()));
  for (long i = 1; i <= best; ++i) CHECK(values[i] < values[i - 1]);                        // decreasing before
  for (std::size_t i = best + 1; i < values.size(); ++i) CHECK(values[i] > values[i - 1]);  // increasing after
}

TEST_CASE("chen_tv reports its step condition h ≲ 1/L and the theorem's object (EI, OU, uniform grid)") {
  CHECK(assumption_named(chen_tv(inputs(4.0, 0.01, 100, 2, 2.0)), "step h").status == AssumptionStatus::Holds);
  const Bound coarse = chen_tv(inputs(4.0, 0.01, 4, 2, 2.0));  // h ≈ 1, L = 2
  CHECK(assumption_named(coarse, "step h").status == AssumptionStatus::Fails);
  CHECK(!coarse.assumptions_hold());
  BoundInputs em = inputs();
  em.sampler = "em";
  em.sampler_scheme = PathKLScheme::EulerMaruyama;
  CHECK(assumption_named(chen_tv(em), "sampler").status == AssumptionStatus::Fails);
  BoundInputs log_grid = inputs();
  log_grid.times = Grid(GridKind::Log, 4.0, 0.01, 100).times();
  CHECK(assumption_named(chen_tv(log_grid), "uniform").status == AssumptionStatus::Fails);
  BoundInputs unknown = inputs();
  unknown.figures.lipschitz = std::nan("");
  const Bound b = chen_tv(unknown);
  CHECK(std::isnan(b.value.value));
  CHECK(assumption_named(b, "A1").status == AssumptionStatus::Unknown);
}

TEST_CASE("chen_bounded_support_tv: L_δ and KL(q_δ‖γ) from R and δ by hand; unbounded support gives +∞") {
  const double delta = 0.05, R = 3.0, d = 2, m2 = 3.0;
  const double s2 = 1 - std::exp(-2 * delta), e2 = std::exp(-2 * delta);
  const double L = std::max(1 / s2, e2 * R * R / (s2 * s2));
  const double kl = 0.5 * e2 * (m2 - d) - 0.5 * d * std::log(s2);
  const Bound b = chen_bounded_support_tv(inputs(4.0, delta));
  CHECK(b.terms[0].value.value == doctest::Approx(std::sqrt(kl) * std::exp(-(4.0 - delta))).epsilon(1e-13));
  const double h = (4.0 - delta) / 100, m2_delta = e2 * m2 + s2 * d;
  CHECK(b.terms[1].value.value ==
        doctest::Approx((L * std::sqrt(d * h) + L * std::sqrt(m2_delta) * h) * std::sqrt(4.0 - delta)).epsilon(1e-13));
  CHECK(assumption_named(b, "step h").status == AssumptionStatus::Fails);  // L_δ ≈ 1.7e3: h L_δ ≫ 1
  BoundInputs larger = inputs(4.0, delta);
  larger.figures.support_radius = 4.0;
  CHECK(chen_bounded_support_tv(larger).value.value > b.value.value);
  BoundInputs unbounded = inputs(4.0, delta);
  unbounded.figures.support_radius = INFINITY;
  const Bound u = chen_bounded_support_tv(unbounded);
  CHECK(std::isinf(u.value.value));
  CHECK(u.assumptions.front().status == AssumptionStatus::Fails);
}

TEST_CASE("benton_kl by hand on a uniform grid: κ = h / min(1, δ)") {
  const double T = 3.0, delta = 0.1, d = 2, eps = 0.1;
  const std::size_t N = 50;
  const double h = (T - delta) / N, kappa = h / delta;
  const Bound b = benton_kl(inputs(T, delta, N, 2, 2.0, 3.0, eps));
  const double expected = eps * eps * (T - delta) + kappa * kappa * d * N + kappa * d * T + d * std::exp(-2 * T);
  CHECK(b.value.value == doctest::Approx(expected).epsilon(1e-12));
  CHECK(b.assumptions_hold());
  // Decreasing in N (κ ∝ 1/N), increasing in d and ε.
  CHECK(benton_kl(inputs(T, delta, 2 * N)).value.value < benton_kl(inputs(T, delta, N)).value.value);
  CHECK(benton_kl(inputs(T, delta, N, 3)).value.value > benton_kl(inputs(T, delta, N, 2)).value.value);
  CHECK(benton_kl(inputs(T, delta, N, 2, 2.0, 3.0, 0.3)).value.value > b.value.value);
  CHECK(assumption_named(benton_kl(inputs(0.5, delta, N)), "T ≥ 1").status == AssumptionStatus::Fails);
  BoundInputs stretched = inputs(T, delta, N);
  stretched.covariance_max_eigenvalue = 2.0;
  CHECK(assumption_named(benton_kl(stretched), "Assumption 2 (summarised").status == AssumptionStatus::Fails);
}

TEST_CASE("bruno_sabanis_w2: explicit terms are not scaled by C, hidden ones are; flagged UNVERIFIED") {
  BoundInputs one = inputs(), three = inputs();
  three.hidden_constant = 3.0;
  const Bound a = bruno_sabanis_w2(one), b = bruno_sabanis_w2(three);
  REQUIRE(a.terms.size() == 4);
  for (std::size_t i = 0; i < a.terms.size(); ++i) {
    const double factor = a.terms[i].explicit_constant ? 1.0 : 3.0;
    CHECK(b.terms[i].value.value == doctest::Approx(factor * a.terms[i].value.value));
  }
  CHECK(a.unverified);
  CHECK(!a.explicit_constants);
  CHECK(a.terms[2].value.value == doctest::Approx(std::sqrt(2.0) * (4.0 - 0.01) / 100));  // C √d γ
  CHECK(bruno_sabanis_w2(inputs(4.0, 0.01, 50)).value.value > a.value.value);             // increasing in γ
  CHECK(bruno_sabanis_w2(inputs(4.0, 0.01, 100, 5)).value.value > a.value.value);         // increasing in d
  CHECK(assumption_named(a, "sampler").status == AssumptionStatus::Fails);                // "ei" run; EM analysed
}

TEST_CASE("lee_lu_tan_tv falls like N^{-1/4}; chen_cld_tv and lee_lu_tan_tv are flagged UNVERIFIED") {
  const Bound a = lee_lu_tan_tv(inputs(4.0, 0.01, 100)), b = lee_lu_tan_tv(inputs(4.0, 0.01, 1600));
  CHECK(b.value.value == doctest::Approx(0.5 * a.value.value).epsilon(1e-12));
  CHECK(a.unverified);
  CHECK(assumption_named(a, "forward process").status == AssumptionStatus::Fails);
  const Bound cld = chen_cld_tv(inputs());
  CHECK(cld.unverified);
  CHECK(cld.terms[0].value.value == doctest::Approx(std::sqrt(1.5 + 2.0) * std::exp(-4.0)));
  CHECK(assumption_named(cld, "forward process").status == AssumptionStatus::Fails);
  CHECK(!chen_tv(inputs()).unverified);
  CHECK(!benton_kl(inputs()).unverified);
}

TEST_CASE("relative Fisher information: 1-D closed form (v - 1)²/v + m², and Monte Carlo for a one-component mixture") {
  const Gaussian g(Vector::Constant(1, 0.7), Matrix::Constant(1, 1, 0.4));
  CHECK(relative_fisher_information(g, {}).value == doctest::Approx(0.6 * 0.6 / 0.4 + 0.49).epsilon(1e-13));
  Matrix cov(2, 2);
  cov << 0.5, 0.2, 0.2, 1.5;
  Vector mean(2);
  mean << 1.0, -0.3;
  const Gaussian g2(mean, cov);
  const GaussianMixture m2({1.0}, {mean}, {cov});
  const Estimate exact = relative_fisher_information(g2, {});
  const Estimate mc = relative_fisher_information(m2, {40000, 0.95, 2});
  INFO("closed form " << exact.value << ", Monte Carlo " << mc.value << " ± " << mc.std_error);
  CHECK(exact.exact());
  CHECK(std::abs(mc.value - exact.value) < 5 * mc.std_error);
}

TEST_CASE("bound_inputs: figures of the target, KL and FI by Monte Carlo for mixtures (noted), LSI for Gaussians") {
  const OrnsteinUhlenbeck ou;
  const auto times = Grid(GridKind::Uniform, 3.0, 0.01, 20).times();
  const Gaussian g(Vector::Zero(2), 2.0 * Matrix::Identity(2, 2));
  const BoundInputs a = bound_inputs(g, ou, times, ExponentialIntegrator(), 0.2, 1.0, {});
  CHECK(a.notes.empty());
  CHECK(a.log_sobolev_constant == doctest::Approx(2.0));
  CHECK(a.figures.kl_to_standard_gaussian == doctest::Approx(g.figures().kl_to_standard_gaussian));
  const GaussianMixture m({0.5, 0.5}, {Vector::Ones(2), -Vector::Ones(2)},
                          {Matrix::Identity(2, 2), Matrix::Identity(2, 2)});
  const BoundInputs b = bound_inputs(m, ou, times, EulerMaruyama(), 0.0, 1.0, {500, 0.95, 1});
  CHECK(b.notes.size() == 2);  // KL and FI by Monte Carlo
  CHECK(std::isfinite(b.figures.kl_to_standard_gaussian));
  CHECK(std::isnan(b.log_sobolev_constant));
  CHECK(b.covariance_max_eigenvalue == doctest::Approx(3.0));  // I + μμᵀ, μ = (1, 1)
  // Every bound carries the input notes.
  CHECK(chen_tv(b).notes.back().find("Monte Carlo") != std::string::npos);
  CHECK_THROWS_WITH_AS(published_bounds({"chen"}, a), doctest::Contains("bounds = \"chen\" is unknown"),
                       InvalidArgument);
  CHECK_THROWS_AS(bound_inputs(g, ou, times, ExponentialIntegrator(), -1.0, 1.0, {}), InvalidArgument);
  CHECK_THROWS_AS(bound_inputs(g, ou, times, ExponentialIntegrator(), 0.1, 0.0, {}), InvalidArgument);
}

TEST_CASE("the Hessian bound behind L_δ: ‖∇²ln q_t‖ ≤ max(σ_t^{-2}, e^{-2t} R² σ_t^{-4}) for data near a point cloud") {
  // Theory §1 (Tweedie): for data in B(0, R). An 8-point ring of radius R with tiny isotropic components s0² I is a
  // mixture whose Hessian is -I/v + (a²/v²) Cov_w(μ_j), v = a² s0² + σ_t²; its norm is ≤ max(1/v, a² R²/v²) ≤ the
  // bound. The Hessian is measured by central differences of the exact score (step 1e-5: error ≪ the margin).
  const double R = 2.0, s0 = 1e-3;
  std::vector<double> weights(8, 0.125);
  std::vector<Vector> means;
  std::vector<Matrix> covs;
  for (int j = 0; j < 8; ++j) {
    Vector mu(2);
    mu << R * std::cos(j * M_PI / 4), R * std::sin(j * M_PI / 4);
    means.push_back(mu);
    covs.push_back(s0 * s0 * Matrix::Identity(2, 2));
  }
  const GaussianMixture ring(weights, means, covs);
  const OrnsteinUhlenbeck ou;
  for (double t : {0.05, 0.2, 0.5, 1.0, 3.0}) {
    const double a = ou.mean_coeff(t), s = ou.std(t), s2 = s * s;
    const double bound = std::max(1.0 / s2, a * a * R * R / (s2 * s2));
    const Particles X = ring.sample_perturbed(200, a, s, CounterRng(4), Stream::Reference, Stream::ReferenceNoise);
    double largest = 0.0;
    const double step = 1e-5;
    for (Eigen::Index i = 0; i < X.rows(); ++i) {
      Eigen::Matrix2d H;
      for (int j = 0; j < 2; ++j) {
        Particles plus = X.row(i), minus = X.row(i), sp, sm;
        plus(0, j) += step;
        minus(0, j) -= step;
        ring.score(a, s, plus, sp);
        ring.score(a, s, minus, sm);
        H.col(j) = ((sp - sm) / (2 * step)).transpose();
      }
      const Eigen::Matrix2d sym = 0.5 * (H + H.transpose());
      largest =
          std::max(largest, Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d>(sym).eigenvalues().cwiseAbs().maxCoeff());
    }
    INFO("t = " << t << ": largest |Hessian eigenvalue| " << largest << " ≤ bound " << bound);
    CHECK(largest <= bound);
  }
}
