// sgm::inspect: the values it reports are the process's closed forms (theory §1, §7.1), the grid's ends, and a score
// that is the gradient of the log-density it reports (fourth-order central differences, an independent check).
#include "sgm/experiment/inspection.hpp"
#include "sgm/experiment/experiment.hpp"

#include <doctest/doctest.h>

#include <cmath>

#include "sgm/base/error.hpp"
#include "sgm/base/registry.hpp"
#include "sgm/experiment/catalogue.hpp"
#include "sgm/score/score_error.hpp"
#include "sgm/target/gaussian_mixture.hpp"
#include "support/test_support.hpp"

namespace {

sgm::ExperimentConfig mixture_experiment(const std::string& process) {
  sgm::ExperimentConfig c;
  c.target = std::make_shared<sgm::GaussianMixture>(
      std::vector<double>{0.3, 0.7},
      std::vector<sgm::Vector>{sgm::Vector::Constant(2, -1.0), sgm::Vector::Constant(2, 1.5)},
      std::vector<sgm::Matrix>{0.5 * sgm::Matrix::Identity(2, 2), sgm::Matrix{{1.0, 0.3}, {0.3, 0.4}}});
  c.process = sgm::make_diffusion(process);
  c.sampler = sgm::make_stepper("ei");
  c.T = process == "ou" ? 5.0 : 1.0;
  c.steps = 8;
  return c;
}

}  // namespace

TEST_CASE("inspect: OU coefficients are a = e^{-t}, σ² = 1 - e^{-2t}, f = 1, g² = 2 (theory §1)") {
  const auto c = mixture_experiment("ou");
  const sgm::Inspection in = sgm::inspect(c, {{0.01, 0.5, 2.0, 5.0}, {}});
  for (std::size_t i = 0; i < in.times.size(); ++i) {
    const double t = in.times[i];
    CHECK(in.process.mean_coeff[i] == doctest::Approx(std::exp(-t)).epsilon(1e-14));
    CHECK(in.process.std[i] == doctest::Approx(std::sqrt(-std::expm1(-2 * t))).epsilon(1e-14));
    CHECK(in.process.drift_rate[i] == 1.0);
    CHECK(in.process.diffusion_sq[i] == 2.0);
  }
  CHECK(in.fields.empty());
}

TEST_CASE(
    "inspect: VP coefficients are a = exp(-B/2), β/2 and β with B(t) = β_min t + (β_max - β_min) t²/2 (theory §7.1)") {
  const auto c = mixture_experiment("vp");
  const sgm::Inspection in = sgm::inspect(c, {});  // the grid's times
  REQUIRE(in.times == in.grid);
  CHECK(in.grid.size() == c.steps + 1);
  CHECK(in.grid.front() == c.T);
  CHECK(in.grid.back() == doctest::Approx(c.delta).epsilon(1e-12));
  for (std::size_t i = 0; i < in.times.size(); ++i) {
    const double t = in.times[i], beta = 0.1 + (20.0 - 0.1) * t, B = 0.1 * t + 0.5 * (20.0 - 0.1) * t * t;
    CHECK(in.process.mean_coeff[i] == doctest::Approx(std::exp(-0.5 * B)).epsilon(1e-13));
    CHECK(in.process.std[i] == doctest::Approx(std::sqrt(-std::expm1(-B))).epsilon(1e-13));
    CHECK(in.process.drift_rate[i] == doctest::Approx(0.5 * beta).epsilon(1e-13));
    CHECK(in.process.diffusion_sq[i] == doctest::Approx(beta).epsilon(1e-13));
  }
  CHECK(in.sampler.name == "ei");
  CHECK(in.sampler.family == "diffusion");
  CHECK(in.sampler.weak_order == 1.0);
  CHECK(in.sampler.path_kl_scheme == sgm::PathKLScheme::ExponentialIntegrator);
}

TEST_CASE("inspect: the score is the gradient of the reported log-density; a bias error shifts it by ε") {
  auto c = mixture_experiment("ou");
  c.score_error = sgm::ScoreErrorSpec{sgm::ScoreErrorKind::Bias, 0.25, 1.0};
  const sgm::Particles points{{0.2, -0.4}, {1.5, 1.0}, {-2.0, 0.5}};
  const sgm::Inspection in = sgm::inspect(c, {{0.05, 0.7}, points});
  REQUIRE(in.fields.size() == 2);
  for (const sgm::FieldAtTime& field : in.fields) {
    for (Eigen::Index i = 0; i < points.rows(); ++i) {
      // log q_t at one point, through the same call, for the finite difference.
      const auto log_q = [&](const sgm::Vector& x) {
        return sgm::inspect(c, {{field.time}, x.transpose()}).fields[0].log_density(0);
      };
      INFO("t = " << field.time << ", point " << i);
      const sgm::Vector numeric = sgm::test::central_gradient(log_q, points.row(i).transpose(), 1e-3);
      CHECK((field.score.row(i).transpose() - numeric).norm() < 1e-8);
      CHECK((field.model_score.row(i) - field.score.row(i)).norm() == doctest::Approx(0.25).epsilon(1e-12));
    }
  }
}

TEST_CASE("inspect: times outside (0, T] and points of the wrong dimension are refused by name") {
  const auto c = mixture_experiment("ou");
  CHECK_THROWS_WITH_AS(sgm::inspect(c, {{1.0, 6.0}, {}}),
                       "inspect.times[1] = 6 is out of range: must be a forward time in (0, T = 5]",
                       sgm::InvalidArgument);
  CHECK_THROWS_WITH_AS(sgm::inspect(c, {{0.0}, {}}), doctest::Contains("inspect.times[0] = 0"), sgm::InvalidArgument);
  CHECK_THROWS_WITH_AS(sgm::inspect(c, {{}, sgm::Particles::Zero(2, 3)}), doctest::Contains("inspect.points = 3"),
                       sgm::InvalidArgument);
}

TEST_CASE("inspect: process cld reports its grid and sampler, and refuses times and points by name") {
  auto c = mixture_experiment("ou");
  c.process = sgm::make_diffusion("cld");
  c.sampler = sgm::Registry<sgm::SamplerMethod>::make_default("sscs");
  c.T = 1.0;
  const sgm::Inspection in = sgm::inspect(c, {});
  CHECK(in.grid.size() == c.steps + 1);
  CHECK(in.sampler.family == "cld");
  CHECK(in.process.mean_coeff.empty());
  CHECK_THROWS_WITH_AS(sgm::inspect(c, {{0.5}, {}}),
                       doctest::Contains("process \"cld\" reports its grid and sampler only"), sgm::InvalidArgument);
}
