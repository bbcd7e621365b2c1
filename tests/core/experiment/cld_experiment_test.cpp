// The critically damped Langevin path end to end: the driver's particles against the exact output law of its grid
// (linear recursion, CLT tolerances), the final denoising step, the experiment JSON ("process": "cld", its defaults,
// its errors) and the metrics' reference law (the position marginal of the CLD kernel at δ).
#include <doctest/doctest.h>

#include <cmath>
#include <memory>

#include "sgm/base/error.hpp"
#include "sgm/experiment/cld_diffusion.hpp"
#include "sgm/experiment/experiment.hpp"
#include "sgm/io/experiment_json.hpp"
#include "sgm/sampler/cld_euler_maruyama.hpp"
#include "sgm/sampler/cld_reverse_diffusion.hpp"
#include "sgm/sampler/cld_sampler.hpp"
#include "sgm/sampler/symmetric_splitting.hpp"
#include "sgm/target/gaussian.hpp"
#include "support/cld_support.hpp"

namespace {

using namespace sgm;
using io::Json;

Json gaussian_1d() { return Json{{"kind", "gaussian"}, {"mean", {0.8}}, {"covariance", {{0.3}}}}; }

std::string cld_error_of(const Json& doc) {
  try {
    Experiment(io::parse_experiment(doc));
  } catch (const InvalidArgument& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("the CLD driver's particles follow the exact output law of its grid, with and without denoising (CLT)") {
  // d = 1 Gaussian data, 12 uniform steps from T = 1 to δ = 1e-3, prior N(0, 1) ⊗ N(0, M). The exact law of the
  // driver's output is the linear recursion of cld_support.hpp started from the prior; the driver's n = 20000 particles
  // must match its mean and variance for x and v within 5 standard errors: sqrt(var/n) and sqrt(2/n) var.
  const std::size_t n = 20000;
  const auto q = std::make_shared<Gaussian>(Vector::Constant(1, 0.8), Matrix::Constant(1, 1, 0.3));
  const auto cld = std::make_shared<CriticallyDampedLangevin>();
  const auto score = std::make_shared<ExactVelocityScore>(q, cld);
  const Grid grid(GridKind::Uniform, 1.0, 1e-3, 12);
  test::JointGaussian prior{Vector::Zero(2), Matrix::Identity(2, 2)};
  prior.covariance(1, 1) = cld->mass();
  const std::vector<std::shared_ptr<const CldStepper>> steppers = {std::make_shared<SymmetricSplitting>(),
                                                                   std::make_shared<CldEulerMaruyama>()};
  for (const auto& stepper : steppers) {
    for (bool denoise : {false, true}) {
      test::JointGaussian law = test::exact_output(*stepper, *cld, *score, grid.times(), prior);
      if (denoise) {
        law = test::exact_affine_step(law, 1, [&](const NoiseSource&, Particles& X, Particles& V) {
          StepWorkspace ws;
          CldEulerMaruyama::mean_step(*cld, *score, 1e-3, 1e-3, X, V, ws);
        });
      }
      CldReverseDiffusion run(cld, grid, stepper, score, n, 5, denoise);
      run.run();
      CHECK(run.steps_done() == 12);
      CHECK(run.score_evaluations() == (denoise ? 13u : 12u));
      CHECK(run.time() == (denoise ? 0.0 : 1e-3));
      Particles U(n, 2);
      U << run.particles(), run.velocities();
      for (int i = 0; i < 2; ++i) {
        const double mean = U.col(i).mean(), var = (U.col(i).array() - mean).square().sum() / (n - 1);
        const double m = law.mean(i), c = law.covariance(i, i);
        INFO(stepper->name() << (denoise ? " + denoise" : "") << ", " << (i == 0 ? "x" : "v") << ": sample " << mean
                             << ", " << var << "; exact " << m << ", " << c);
        CHECK(std::abs(mean - m) < 5 * std::sqrt(c / n));
        CHECK(std::abs(var - c) < 5 * std::sqrt(2.0 / n) * c);
      }
    }
  }
}

TEST_CASE("experiment JSON: \"process\": \"cld\" selects the CLD path with its defaults T = 1, δ = 1e-3, sscs") {
  Json normalised;
  const ExperimentConfig c = io::parse_experiment(
      Json{{"target", gaussian_1d()}, {"process", "cld"}, {"steps", 20}, {"particles", 500}}, &normalised);
  const auto* cld = dynamic_cast<const CldDiffusion*>(c.process.get());
  REQUIRE(cld != nullptr);
  CHECK(c.T == 1.0);
  CHECK(c.delta == 1e-3);
  CHECK(normalised["sampler"] == Json{{"kind", "sscs"}, {"denoise", false}});
  CHECK(normalised["process"] ==
        Json{{"kind", "cld"}, {"m_inv", 4.0}, {"beta", 4.0}, {"beta_slope", 0.0}, {"gamma", 0.04}});

  Experiment experiment(c);
  experiment.sampler().run();
  const ExperimentResult r = experiment.evaluate();
  CHECK(r.steps == 20);
  CHECK(r.score_evaluations == 20);
  CHECK(r.final_time == 1e-3);
  // The metrics' reference law is the position marginal a(δ) x_0 + σ(δ) Z of the CLD kernel.
  const PerturbedLaw law = experiment.sampler().output_law();
  CHECK(law.a == cld->process()->mean_coeff(1e-3));
  CHECK(law.s == cld->process()->std(1e-3));
  CHECK(r.scalars.at("mean_error") ==
        doctest::Approx(std::abs(experiment.sampler().particles().col(0).mean() - law.a * 0.8)).epsilon(1e-12));

  const ExperimentConfig custom = io::parse_experiment(
      Json{{"target", gaussian_1d()},
           {"process", {{"kind", "cld"}, {"m_inv", 1}, {"beta", 2}, {"beta_slope", 1}, {"gamma", 0}}},
           {"sampler", {{"kind", "cld-em"}, {"denoise", true}}},  // the old spelling: an alias of "cld_em"
           {"T", 2},
           {"particles", 100}},
      &normalised);
  const auto& custom_cld = *dynamic_cast<const CldDiffusion&>(*custom.process).process();
  CHECK(custom_cld.parameters().m_inv == 1.0);
  CHECK(custom_cld.beta(2.0) == 4.0);
  CHECK(dynamic_cast<const CldSampler&>(*custom.sampler).denoise());
  CHECK(custom.T == 2.0);
  CHECK(normalised["sampler"] == Json{{"kind", "cld_em"}, {"denoise", true}});
  const ExperimentResult denoised = run_experiment(custom);
  CHECK(denoised.final_time == 0.0);
  CHECK(denoised.score_evaluations == 101);
}

TEST_CASE("experiment JSON: CLD errors name the field, and a sampler of the other family names both fields") {
  const Json target = gaussian_1d();
  CHECK(cld_error_of({{"target", target}, {"process", "cld"}, {"sampler", "ei"}}) ==
        "sampler = \"ei\" does not apply to this process (it is of family \"diffusion\", the process takes family "
        "\"cld\"): must be one of \"cld_em\", \"sscs\"");
  CHECK(cld_error_of({{"target", target}, {"process", "ou"}, {"sampler", "sscs"}}) ==
        "sampler = \"sscs\" does not apply to this process (it is of family \"cld\", the process takes family "
        "\"diffusion\"): must be one of \"ald\", \"ddim\", \"ddpm\", \"dpmpp_2m\", \"dpmpp_2m_sde\", \"ei\", \"em\", "
        "\"pc\", \"pf_euler\", \"pf_heun\"");
  CHECK(cld_error_of({{"target", target}, {"sampler", "cld-em"}})
            .rfind("sampler = \"cld-em\" does not apply to this process", 0) == 0);
  CHECK(cld_error_of({{"target", target}, {"process", "cld"}, {"sampler", "heun"}}) ==
        "sampler = \"heun\" is unknown: must be one of \"cld_em\", \"sscs\"");
  CHECK(cld_error_of({{"target", target}, {"process", {{"kind", "cld"}, {"m_inv", 0}}}}) ==
        "process.m_inv = 0 is out of range: must be a number in [0.01, 100]");
  CHECK(cld_error_of({{"target", target}, {"process", {{"kind", "cld"}, {"gamma", "0.04"}}}}) ==
        "process.gamma: must be a number, got string \"0.04\"");
  CHECK(cld_error_of({{"target", target}, {"process", {{"kind", "cld"}, {"mass", 4}}}}) ==
        "process: unknown field \"mass\": allowed fields are \"beta\", \"beta_slope\", \"gamma\", \"kind\", \"m_inv\"");
  CHECK(cld_error_of({{"target", target}, {"process", "cld"}, {"sampler", {{"kind", "sscs"}, {"denoise", 1}}}}) ==
        "sampler.denoise: must be true or false, got 1");
  CHECK(cld_error_of({{"target", target}, {"process", "cld"}, {"score", {{"kind", "bias"}, {"epsilon", 0.1}}}}) ==
        "score: a score error is not available with process = \"cld\" (its score is the velocity score ∇_v ln p_t): "
        "use \"exact\"");
}

TEST_CASE("a CLD Euler–Maruyama run far beyond its stability limit stops with a message instead of NaN") {
  // β = 100, M^{-1} = 100 and h = 10: each step multiplies (x, v) by ~10^5, past the double range within ~60 steps.
  const std::string message = [] {
    try {
      run_experiment(io::parse_experiment(Json{{"target", gaussian_1d()},
                                               {"process", {{"kind", "cld"}, {"m_inv", 100}, {"beta", 100}}},
                                               {"sampler", "cld_em"},
                                               {"T", 1000},
                                               {"steps", 100},
                                               {"particles", 10}}));
    } catch (const InvalidArgument& e) {
      return std::string(e.what());
    }
    return std::string();
  }();
  CHECK(message.rfind("sampler: \"cld_em\" diverged at step ", 0) == 0);
}
