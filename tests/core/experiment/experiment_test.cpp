#include <doctest/doctest.h>

#include "sgm/io/experiment_json.hpp"

#include <cmath>
#include <limits>

#include "sgm/base/error.hpp"
#include "sgm/experiment/catalogue.hpp"
#include "sgm/experiment/experiment.hpp"
#include "sgm/experiment/process_diffusion.hpp"
#include "sgm/target/gaussian.hpp"
#include "support/test_support.hpp"

using sgm::Matrix;
using sgm::Particles;
using sgm::Vector;
using sgm::test::relative;

namespace {

sgm::ExperimentConfig gaussian_experiment() {
  sgm::ExperimentConfig c;
  c.target = std::make_shared<sgm::Gaussian>((Vector(2) << 1.0, -0.5).finished(),
                                             (Matrix(2, 2) << 0.5, 0.2, 0.2, 0.3).finished());
  c.process = sgm::make_diffusion("ou");
  c.sampler = sgm::make_stepper("em");
  c.T = 3.0;
  c.delta = 1e-2;
  c.steps = 30;
  c.particles = 3000;
  c.seed = 12;
  c.metrics = {"sliced_w2", "sliced_w2_floor", "w2_marginals", "mean_error", "cov_error"};
  return c;
}

}  // namespace

TEST_CASE("Experiment: counters and the mean and covariance errors recomputed from the particles") {
  const sgm::ExperimentConfig c = gaussian_experiment();
  sgm::Experiment experiment(c);
  experiment.sampler().run();
  const sgm::ExperimentResult r = experiment.evaluate();
  CHECK(r.steps == 30);
  CHECK(r.score_evaluations == 30);
  CHECK(r.final_time == 1e-2);

  // q_δ = N(a m, a² Σ + σ² I) with a = e^{-δ}, σ² = 1 - e^{-2δ} (theory §1); sample covariance with 1/(n - 1).
  const Particles& X = experiment.sampler().particles();
  const double a = std::exp(-c.delta), s2 = 1.0 - std::exp(-2.0 * c.delta);
  const auto& g = static_cast<const sgm::Gaussian&>(*c.target);
  const Vector mean = X.colwise().mean().transpose();
  Matrix cov = Matrix::Zero(2, 2);
  for (Eigen::Index i = 0; i < X.rows(); ++i) cov += (X.row(i).transpose() - mean) * (X.row(i) - mean.transpose());
  cov /= static_cast<double>(X.rows() - 1);
  CHECK(r.scalars.at("mean_error") == relative((mean - a * g.mean_vector()).norm(), 1e-10));
  CHECK(r.scalars.at("cov_error") ==
        relative((cov - sgm::test::perturbed(g.covariance_matrix(), a, std::sqrt(s2))).norm(), 1e-10));
  REQUIRE(r.vectors.at("w2_marginals").size() == 2);
  for (double w : r.vectors.at("w2_marginals")) CHECK((std::isfinite(w) && w > 0.0));
  CHECK((r.scalars.at("sliced_w2") > 0.0 && r.scalars.at("sliced_w2_floor") > 0.0));

  // run_experiment is the same run: identical numbers for the same seed.
  const sgm::ExperimentResult again = sgm::run_experiment(c);
  CHECK(again.scalars == r.scalars);
  CHECK(again.vectors == r.vectors);
}

TEST_CASE("Experiment: invalid configurations throw InvalidArgument naming the field and its range") {
  using doctest::Contains;
  using sgm::InvalidArgument;
  auto with = [](auto change) {
    sgm::ExperimentConfig c = gaussian_experiment();
    change(c);
    return c;
  };
  CHECK_THROWS_WITH_AS(sgm::run_experiment(with([](auto& c) { c.target = nullptr; })), Contains("target: is missing"),
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(sgm::run_experiment(with([](auto& c) { c.process = nullptr; })), Contains("process: is missing"),
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(sgm::run_experiment(with([](auto& c) { c.sampler = nullptr; })), Contains("sampler: is missing"),
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(sgm::run_experiment(with([](auto& c) { c.steps = 0; })),
                       Contains("steps = 0 is out of range: must be an integer in [1, 1000000]"), InvalidArgument);
  CHECK_THROWS_WITH_AS(sgm::run_experiment(with([](auto& c) { c.delta = 3.0; })),
                       Contains("delta = 3 is out of range: must be a number in (0, T) with T = 3"), InvalidArgument);
  CHECK_THROWS_WITH_AS(sgm::run_experiment(with([](auto& c) { c.T = std::numeric_limits<double>::quiet_NaN(); })),
                       Contains("T = NaN is out of range: must be a finite number in (0, 10000]"), InvalidArgument);
  CHECK_THROWS_WITH_AS(sgm::run_experiment(with([](auto& c) { c.particles = 0; })),
                       Contains("particles = 0 is out of range: must be an integer in [1, 10000000]"), InvalidArgument);
  CHECK_THROWS_WITH_AS(sgm::run_experiment(with([](auto& c) { c.projections = 0; })),
                       Contains("projections = 0 is out of range: must be an integer in [1, 4096]"), InvalidArgument);
  CHECK_THROWS_WITH_AS(sgm::run_experiment(with([](auto& c) {
                         c.metrics = {"mean_error", "tv"};
                       })),
                       Contains("metrics = \"tv\" is unknown: must be one of \"sliced_w2\", \"sliced_w2_floor\""),
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(sgm::make_stepper("rk4"),
                       Contains("sampler = \"rk4\" is unknown: must be one of \"ald\", \"ddim\", \"ddpm\", "
                                "\"dpmpp_2m\", \"dpmpp_2m_sde\", \"ei\", \"em\""),
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(sgm::make_process("vpsde"),
                       Contains("process = \"vpsde\" is unknown: must be one of \"cld\", \"ou\""), InvalidArgument);
}

TEST_CASE("Catalogues: every listed process and sampler is constructible by its name") {
  for (const sgm::Entry<sgm::Diffusion>* entry : sgm::Registry<sgm::Diffusion>::entries()) {
    CHECK(sgm::make_diffusion(entry->name)->name() == entry->name);
    CHECK(!entry->meaning.empty());
  }
  // Samplers by name through the experiment JSON (some, like "ald", need the run's process and times), each run
  // for a few steps to a finite result.
  for (const sgm::Entry<sgm::SamplerMethod>* entry : sgm::Registry<sgm::SamplerMethod>::entries("diffusion")) {
    const std::string& name = entry->name;
    const std::string& meaning = entry->meaning;
    const sgm::io::Json doc = {{"target", {{"kind", "gaussian"}, {"mean", {0.5}}, {"covariance", {{0.3}}}}},
                               {"sampler", name},
                               {"steps", 5},
                               {"particles", 50},
                               {"metrics", {"mean_error"}}};
    INFO("sampler " << name);
    const sgm::ExperimentResult r = sgm::run_experiment(sgm::io::parse_experiment(doc));
    CHECK(std::isfinite(r.scalars.at("mean_error")));
    CHECK(!meaning.empty());
  }
}
