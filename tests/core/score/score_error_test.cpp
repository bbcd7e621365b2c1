// The score with a controlled error (score_error.hpp): its size ε is measured back by Monte Carlo over exact samples
// of q_t, and the score model is checked to be exactly the exact score plus the error.
#include <doctest/doctest.h>

#include <cmath>
#include <memory>

#include "sgm/base/error.hpp"
#include "sgm/process/ornstein_uhlenbeck.hpp"
#include "sgm/score/score_error.hpp"
#include "sgm/target/gaussian.hpp"

namespace {

using namespace sgm;

struct Setup {
  std::shared_ptr<const Target> target;
  std::shared_ptr<const Process> process = std::make_shared<OrnsteinUhlenbeck>();
  std::shared_ptr<const ScoreModel> exact;
  explicit Setup(int d) {
    Matrix cov = Matrix::Identity(d, d) * 0.5;
    cov(0, d - 1) = cov(d - 1, 0) = (d > 1) ? 0.2 : 0.5;
    target = std::make_shared<Gaussian>(Vector::LinSpaced(d, -1.0, 1.0), cov);
    exact = std::make_shared<ExactScore>(target, process);
  }
  // n exact samples of q_t.
  Particles sample(std::size_t n, double t) const {
    return target->sample_perturbed(n, process->mean_coeff(t), process->std(t), CounterRng(11), Stream::Reference,
                                    Stream::ReferenceNoise);
  }
};

}  // namespace

TEST_CASE("bias and field errors have |e| = ε at every point, and the model is exact score + error") {
  const double epsilon = 0.3;
  for (int d : {2, 3, 5}) {
    const Setup s(d);
    for (ScoreErrorKind kind : {ScoreErrorKind::Bias, ScoreErrorKind::Field}) {
      const ScoreWithError model(s.exact, kind, epsilon, 1.7, 5);
      for (double t : {0.01, 0.5, 3.0}) {
        const Particles X = s.sample(500, t);
        Particles e, with_error, exact;
        model.error(t, X, e);
        model.score(t, X, with_error);
        s.exact->score(t, X, exact);
        INFO("d = " << d << ", kind = " << score_error_kind_name(kind) << ", t = " << t);
        CHECK((e.rowwise().norm().array() - epsilon).abs().maxCoeff() < 1e-12);
        CHECK((with_error - exact - e).cwiseAbs().maxCoeff() < 1e-12);
      }
    }
  }
}

TEST_CASE("a field error varies smoothly with x (its finite-difference derivative is bounded by ε ω0)") {
  // e(x) = ε (cos(ω·x) u1 + sin(ω·x) u2) with |ω| = ω0: |∂e/∂x_j| = ε |ω_j| = ε ω0/√d exactly, in every direction j.
  const Setup s(3);
  const double epsilon = 0.4, omega = 2.0, h = 1e-6;
  const ScoreWithError model(s.exact, ScoreErrorKind::Field, epsilon, omega, 1);
  const Particles X = s.sample(50, 0.2);
  for (int j = 0; j < 3; ++j) {
    Particles plus = X, minus = X, ep, em;
    plus.col(j).array() += h;
    minus.col(j).array() -= h;
    model.error(0.2, plus, ep);
    model.error(0.2, minus, em);
    const Vector slope = ((ep - em) / (2 * h)).rowwise().norm();
    CHECK((slope.array() - epsilon * omega / std::sqrt(3.0)).abs().maxCoeff() < 1e-6);
  }
}

TEST_CASE("a noisy error has E|e|^2 = ε^2, measured by Monte Carlo within a CLT tolerance") {
  // |e|^2 = (ε^2/d) χ²_d: mean ε^2, variance 2 ε^4/d. With n samples the mean is within 5 standard errors
  // 5 ε^2 sqrt(2/(d n)) of ε^2 (a failure chance below 1e-6 at this fixed seed).
  const double epsilon = 0.25;
  const std::size_t n = 20000;
  for (int d : {1, 2, 4}) {
    const Setup s(d);
    const ScoreWithError model(s.exact, ScoreErrorKind::Noise, epsilon, 1.0, 9);
    Particles e;
    model.error(0.7, s.sample(n, 0.7), e);
    const double mean_sq = e.rowwise().squaredNorm().mean();
    INFO("d = " << d << ", measured E|e|^2 = " << mean_sq);
    CHECK(std::abs(mean_sq - epsilon * epsilon) < 5 * epsilon * epsilon * std::sqrt(2.0 / (d * double(n))));
  }
}

TEST_CASE("a noisy error is a function of (seed, particle, t): repeatable, fresh at each time, batch-independent") {
  const Setup s(2);
  const ScoreWithError model(s.exact, ScoreErrorKind::Noise, 1.0, 1.0, 3);
  const Particles X = s.sample(100, 0.5);
  Particles a, b, c, first;
  model.error(0.5, X, a);
  model.error(0.5, X, b);
  model.error(0.25, X, c);
  model.error(0.5, X.topRows(10), first);
  CHECK(a == b);
  CHECK((a - c).cwiseAbs().maxCoeff() > 0.1);
  CHECK(first == a.topRows(10));
}

TEST_CASE("bad score-error parameters are rejected with their names and ranges") {
  const Setup one(1), two(2);
  CHECK_THROWS_WITH_AS(
      ScoreWithError(two.exact, ScoreErrorKind::Bias, -0.1, 1.0, 0),
      "epsilon = -0.1 is out of range: must be a number in [0, 1000000] (beyond it an error is meaningless, and near "
      "1e308 it overflows the run)",
      InvalidArgument);
  CHECK_THROWS_WITH_AS(
      ScoreWithError(two.exact, ScoreErrorKind::Bias, std::nan(""), 1.0, 0),
      "epsilon = NaN is out of range: must be a number in [0, 1000000] (beyond it an error is meaningless, and near "
      "1e308 it overflows the run)",
      InvalidArgument);
  CHECK_THROWS_AS(ScoreWithError(one.exact, ScoreErrorKind::Field, 0.1, 1.0, 0), InvalidArgument);
  CHECK_THROWS_WITH_AS(score_error_kind_from_name("gaussian"),
                       "score = \"gaussian\" is unknown: must be one of \"bias\", \"field\", \"noise\"",
                       InvalidArgument);
}
