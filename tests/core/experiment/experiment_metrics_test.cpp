// The distance metrics as an experiment computes them: every name of the catalogue is returned when asked for, each
// value is the documented function of the particles and the documented exact sample of q_δ, and combinations a metric
// cannot serve are refused before sampling with the field named.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

#include "sgm/base/error.hpp"
#include "sgm/experiment/catalogue.hpp"
#include "sgm/experiment/experiment.hpp"
#include "sgm/experiment/process_diffusion.hpp"
#include "sgm/metric/energy_distance.hpp"
#include "sgm/metric/gaussian_distances.hpp"
#include "sgm/metric/histogram_tv.hpp"
#include "sgm/metric/kl_estimate.hpp"
#include "sgm/metric/mode_occupancy.hpp"
#include "sgm/metric/wasserstein.hpp"
#include "sgm/target/gaussian.hpp"
#include "sgm/target/gaussian_mixture.hpp"
#include "sgm/target/point_cloud.hpp"

namespace {

std::shared_ptr<const sgm::GaussianMixture> two_modes() {
  std::vector<sgm::Vector> means = {(sgm::Vector(2) << -2.0, 0.0).finished(), (sgm::Vector(2) << 2.0, 1.0).finished()};
  std::vector<sgm::Matrix> covs = {0.3 * sgm::Matrix::Identity(2, 2),
                                   (sgm::Matrix(2, 2) << 0.5, 0.1, 0.1, 0.2).finished()};
  return std::make_shared<sgm::GaussianMixture>(std::vector<double>{0.3, 0.7}, means, covs);
}

sgm::ExperimentConfig config(std::shared_ptr<const sgm::Target> target, std::size_t particles) {
  sgm::ExperimentConfig c;
  c.target = std::move(target);
  c.process = sgm::make_diffusion("ou");
  c.sampler = sgm::make_stepper("ei");
  c.steps = 10;
  c.particles = particles;
  c.seed = 5;
  return c;
}

// A target that is not a Gaussian mixture (it forwards to one): for the metrics that need mixture components.
class Opaque final : public sgm::Target {
public:
  explicit Opaque(std::shared_ptr<const sgm::Target> inner) : inner_(std::move(inner)) {}
  std::string name() const override { return "opaque"; }
  int dim() const override { return inner_->dim(); }
  sgm::Particles sample_rows(std::size_t first, std::size_t count, const sgm::CounterRng& rng,
                             sgm::Stream stream) const override {
    return inner_->sample_rows(first, count, rng, stream);
  }
  void score(double a, double s, const sgm::Particles& X, sgm::Particles& out) const override {
    inner_->score(a, s, X, out);
  }
  sgm::Vector log_density(double a, double s, const sgm::Particles& X) const override {
    return inner_->log_density(a, s, X);
  }
  sgm::Vector mean() const override { return inner_->mean(); }
  sgm::Matrix covariance() const override { return inner_->covariance(); }
  sgm::TargetFigures figures() const override { return inner_->figures(); }

private:
  std::shared_ptr<const sgm::Target> inner_;
};

}  // namespace

TEST_CASE("every metric of the catalogue is returned when asked for (2-D mixture)") {
  // All but the exact metrics, which need a Gaussian target (exact_law_test.cpp), the measured score error (one value
  // per grid time; tests/io/learn_json_test.cpp) and the memorisation metric (point clouds; below).
  const auto sample_based = [](const std::string& name) {
    return name.rfind("exact_", 0) != 0 && name != "score_error" && name != "nearest_training_distance";
  };
  sgm::ExperimentConfig c = config(two_modes(), 300);
  c.metrics.clear();
  for (const auto& [name, meaning] : sgm::metric_catalogue())
    if (sample_based(name)) c.metrics.push_back(name);
  const sgm::ExperimentResult r = sgm::run_experiment(c);
  for (const auto& entry : sgm::metric_catalogue()) {
    const auto& name = std::get<0>(entry);
    if (!sample_based(name)) continue;
    INFO(name);
    const bool scalar = r.scalars.count(name) == 1, vector = r.vectors.count(name) == 1;
    CHECK(scalar != vector);
    if (scalar) CHECK(std::isfinite(r.scalars.at(name)));
    if (vector) CHECK(r.vectors.at(name).size() == 2u);  // 2 coordinates, 2 components
  }
}

TEST_CASE("the distance metrics are the documented functions of the particles and the exact samples of q_δ") {
  const auto q = two_modes();
  sgm::ExperimentConfig c = config(q, 400);
  c.metrics = {"w2",
               "w2_floor",
               "w2_marginals_to_law",
               "gaussian_w2",
               "energy_distance",
               "tv_histogram",
               "tv_histogram_floor",
               "kl_estimate",
               "kl_estimate_reverse",
               "mode_occupancy",
               "mode_occupancy_chi2"};
  sgm::Experiment e(c);
  e.sampler().run();
  const sgm::ExperimentResult r = e.evaluate();
  const sgm::Particles& X = e.sampler().particles();
  // q_δ = law of a X_0 + s Z with (a, s) of the OU process at δ; reference and floor samples from their streams.
  const double delta = e.sampler().grid().stop(), a = sgm::make_process("ou")->mean_coeff(delta),
               s = sgm::make_process("ou")->std(delta);
  const sgm::CounterRng rng(c.seed);
  const sgm::Particles reference =
      q->sample_perturbed(400, a, s, rng, sgm::Stream::Reference, sgm::Stream::ReferenceNoise);
  const sgm::Particles second = q->sample_perturbed(400, a, s, rng, sgm::Stream::FloorSample, sgm::Stream::FloorNoise);
  const sgm::LogDensity log_q = [&](const sgm::Particles& P) { return q->log_density(a, s, P); };
  CHECK(r.scalars.at("w2") == sgm::w2(X, reference));
  CHECK(r.scalars.at("w2_floor") == sgm::w2(second, reference));
  CHECK(r.scalars.at("energy_distance") == sgm::energy_distance(X, reference));
  CHECK(r.scalars.at("tv_histogram") == sgm::tv_histogram(X, log_q));
  CHECK(r.scalars.at("tv_histogram_floor") == sgm::tv_histogram(second, log_q));
  CHECK(r.scalars.at("kl_estimate") == sgm::knn_kl_sample_to_density(X, log_q(X), 5));
  CHECK(r.scalars.at("kl_estimate_reverse") == sgm::knn_kl_density_to_sample(reference, log_q(reference), X, 1));
  const sgm::Vector o = sgm::mode_occupancy(q->most_responsible_component(a, s, X), 2);
  CHECK(r.vectors.at("mode_occupancy") == std::vector<double>{o(0), o(1)});
  CHECK(r.scalars.at("mode_occupancy_chi2") == sgm::occupancy_chi_square(o, q->weights(), 400));
  // Coordinate 1 of q_δ: 0.3 N(0, a²·0.3 + s²) + 0.7 N(a, a²·0.2 + s²), written out by hand.
  const sgm::NormalMixture1d law({0.3, 0.7}, {0.0, a},
                                 {std::sqrt(a * a * 0.3 + s * s), std::sqrt(a * a * 0.2 + s * s)});
  CHECK(r.vectors.at("w2_marginals_to_law")[1] == sgm::w2_to_law_1d(X.col(1), law));
  // Moments of q_δ by hand: mean a E q, covariance a² Cov q + s² I.
  const sgm::Particles centred = X.rowwise() - X.colwise().mean();
  const sgm::Matrix cov = centred.transpose() * centred / 399.0;
  sgm::Matrix exact = a * a * q->covariance();
  exact.diagonal().array() += s * s;
  CHECK(r.scalars.at("gaussian_w2") ==
        doctest::Approx(sgm::gaussian_w2(X.colwise().mean().transpose(), cov, a * q->mean(), exact)).epsilon(1e-12));
}

TEST_CASE("metrics that cannot serve an experiment are refused before sampling, naming the field") {
  auto with = [](std::shared_ptr<const sgm::Target> target, std::size_t particles, std::vector<std::string> metrics) {
    sgm::ExperimentConfig c = config(std::move(target), particles);
    c.metrics = std::move(metrics);
    return c;
  };
  const auto three = std::make_shared<sgm::Gaussian>(sgm::Vector::Zero(3), sgm::Matrix::Identity(3, 3));
  const auto opaque = std::make_shared<Opaque>(two_modes());
  const std::vector<std::pair<sgm::ExperimentConfig, std::string>> refused = {
      {with(two_modes(), 5000, {"w2"}),
       "particles = 5000 is out of range: must be at most 4000 for the metric \"w2\" (exact assignment costs O(n³)); "
       "\"sliced_w2\" and \"w2_marginals\" have no limit"},
      {with(two_modes(), 30000, {"energy_distance_floor"}),
       "particles = 30000 is out of range: must be at most 20000 for the metric \"energy_distance\" in dimension ≥ 2 "
       "(all pairs: O(n² d))"},
      {with(three, 100, {"kl_estimate"}),
       "metrics: \"kl_estimate\" needs a target of dimension 1 or 2, got dimension 3 (use \"sliced_w2\" or "
       "\"energy_distance\")"},
      {with(opaque, 100, {"mode_occupancy"}),
       "metrics: \"mode_occupancy\" needs a Gaussian or Gaussian-mixture target, got target \"opaque\""},
      {with(two_modes(), 2, {"gaussian_w2"}),
       "particles = 2 is out of range: must be at least d + 1 = 3 for the metric \"gaussian_w2\" (a sample "
       "covariance)"},
  };
  for (const auto& [c, message] : refused)
    CHECK_THROWS_WITH_AS(sgm::Experiment{c}, message.c_str(), sgm::InvalidArgument);
  // A target known only through its density and moments serves these.
  CHECK_NOTHROW(sgm::Experiment{with(opaque, 100, {"tv_histogram", "kl_estimate_reverse", "gaussian_w2"})});
}

TEST_CASE(
    "nearest_training_distance: mean and quantiles of the distances to the nearest training point, by brute force") {
  // The exact score of a point cloud carries the samples to within about σ(δ) √d of a training point (theory §14).
  sgm::Particles points(12, 2);
  for (int i = 0; i < 12; ++i) points.row(i) << std::cos(0.5 * i) * 2.0, std::sin(0.5 * i) * 2.0;
  sgm::ExperimentConfig c = config(std::make_shared<sgm::PointCloud>(points), 200);
  c.steps = 50;
  c.delta = 0.01;
  c.metrics = {"nearest_training_distance"};
  sgm::Experiment e(c);
  e.sampler().run();
  const std::vector<double> got = e.evaluate().vectors.at("nearest_training_distance");
  const sgm::Particles& X = e.sampler().particles();
  std::vector<double> d;
  for (Eigen::Index i = 0; i < X.rows(); ++i)
    d.push_back(std::sqrt((points.rowwise() - X.row(i)).rowwise().squaredNorm().minCoeff()));
  std::sort(d.begin(), d.end());
  double mean = 0.0;
  for (double v : d) mean += v / static_cast<double>(d.size());
  REQUIRE(got.size() == 4);
  CHECK(got[0] == doctest::Approx(mean).epsilon(1e-12));
  CHECK(got[1] == d[19]);                                                   // rank ⌈0.1 · 200⌉ = 20
  CHECK(got[2] == d[99]);                                                   // rank 100
  CHECK(got[3] == d[179]);                                                  // rank 180
  CHECK(got[2] < 3.0 * std::sqrt(1.0 - std::exp(-0.02)) * std::sqrt(2.0));  // memorised: within 3 σ(δ) √d
  c.target = two_modes();
  CHECK_THROWS_WITH_AS(sgm::Experiment{c},
                       "metrics: \"nearest_training_distance\" needs a point-cloud target, got target \"gmm\"",
                       sgm::InvalidArgument);
}

TEST_CASE("sliced W2 shared out by directions: any split's terms give evaluate()'s result, bit for bit") {
  // The page's workers each compute a range of the directions (Experiment::sliced_terms) on all the particles; the
  // result given the joined terms must be evaluate()'s, every metric equal (the floor's sample drawn by each). The
  // float32 run's double copy of its particles is released by sliced_terms: the particles are copied first here.
  sgm::ExperimentConfig c = config(two_modes(), 3000);
  c.metrics = {"sliced_w2", "sliced_w2_floor", "mean_error"};
  c.projections = 9;
  for (sgm::Precision precision : {sgm::Precision::Float64, sgm::Precision::Float32}) {
    c.precision = precision;
    sgm::Experiment e(c);
    e.sampler().run();
    const sgm::Particles X = e.sampler().particles();
    const sgm::ExperimentResult expected = e.evaluate();
    REQUIRE(e.sliced_samples() == 2);
    for (const std::vector<std::size_t>& cuts :
         std::vector<std::vector<std::size_t>>{{0, 9}, {0, 4, 9}, {0, 3, 6, 9}, {0, 0, 1, 9, 9}}) {
      std::vector<double> terms;
      for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
        const std::vector<double> part = e.sliced_terms(X, cuts[i], cuts[i + 1]);
        terms.insert(terms.end(), part.begin(), part.end());
      }
      CHECK(e.evaluate(X, terms).scalars == expected.scalars);
    }
    CHECK(e.sampler().particles() == X);  // built again after the release
  }
  c.precision = sgm::Precision::Float64;
  sgm::Experiment e(c);
  e.sampler().run();
  const sgm::Particles& X = e.sampler().particles();
  CHECK_THROWS_WITH_AS(e.evaluate(X, std::vector<double>(17, 0.0)),
                       "sliced_terms = 17 is out of range: must be exactly projections × sliced samples = 18 terms "
                       "(every direction's)",
                       sgm::InvalidArgument);
  CHECK_THROWS_WITH_AS(e.sliced_terms(X.topRows(10), 0, 9), doctest::Contains("particles"), sgm::InvalidArgument);
  // Particles that are not finite give an error naming the metric and the direction, never NaN terms.
  sgm::Particles broken = X;
  broken(5, 1) = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_WITH_AS(e.sliced_terms(broken, 2, 5),
                       doctest::Contains("\"sliced_w2 (the term of direction 2)\" = NaN is not finite"),
                       sgm::InvalidArgument);
  // Only the metric (no floor): one term per direction.
  c.metrics = {"sliced_w2"};
  sgm::Experiment only(c);
  only.sampler().run();
  CHECK(only.sliced_samples() == 1);
  CHECK(only.evaluate(only.sampler().particles(), only.sliced_terms(only.sampler().particles(), 0, 9)).scalars ==
        only.evaluate().scalars);
}
