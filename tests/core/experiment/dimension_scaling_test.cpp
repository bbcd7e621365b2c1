// How the sampling error grows with the dimension d on product targets (Bruno–Sabanis, theory §5 and §9.10: W2 grows
// like √d when the data are a product of d identical coordinates).
//   Isotropic Gaussian N(m 1, v I_d): EI and EM with the exact (affine, coordinatewise) score map the prior N(0, r² I)
//   coordinate by coordinate with the same scalar recursion, so the output law is N(μ 1, w I) with μ, w independent of
//   d, and q_δ = N(a m 1, c I) with c = a² v + σ². Bures–Wasserstein with commuting covariances then gives
//       W2² = d [(μ - a m)² + (√w - √c)²] = d W2(d = 1)²,
//   so W2(d) / √d is constant and the fitted log-log slope over d is 0.5 exactly, up to rounding only.
//   Product target without a closed form (double well): the coordinates of the output stay independent and
//   identically distributed, so the per-coordinate W2 of each marginal (w2_marginals) is the same random variable for
//   every coordinate and every d; its mean over coordinates must not drift with d (CLT tolerance below).
#include <doctest/doctest.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "sgm/experiment/catalogue.hpp"
#include "sgm/experiment/experiment.hpp"
#include "sgm/experiment/process_diffusion.hpp"
#include "sgm/metric/gaussian_distances.hpp"
#include "sgm/process/ornstein_uhlenbeck.hpp"
#include "sgm/sampler/exact_law.hpp"
#include "sgm/target/double_well.hpp"
#include "sgm/target/gaussian.hpp"
#include "sgm/target/product_target.hpp"
#include "support/gaussian_w2.hpp"
#include "support/slope_fit.hpp"
#include "support/test_support.hpp"

using namespace sgm;

TEST_CASE("W2(output law, q_δ) of EI and EM on an isotropic Gaussian grows like √d: log-log slope 0.5 (exact law)") {
  // Rounding window: gaussian_w2 resolves W2² to about 1e-16 tr(S0 + S1) ≈ 2e-16 d (c, w ≈ 1), while W2² here is
  // ≥ 1e-5 d (printed below), so the relative error of W2 is ≲ 1e-11; the window 1e-8 on the slope and on W2/√d is
  // 1000 times that and 10^6 times smaller than any real departure from √d worth the name.
  const auto ou = std::make_shared<OrnsteinUhlenbeck>();
  const double m = 0.8, v = 0.5, T = 3.0, delta = 0.01;
  const Grid grid(GridKind::Uniform, T, delta, 10);  // coarse: the discretisation error is well above rounding
  const double a = ou->mean_coeff(delta), c = a * a * v + ou->std(delta) * ou->std(delta);
  for (const char* sampler : {"ei", "em"}) {
    std::vector<double> dims, w2s;
    for (int d : {1, 2, 4, 8, 16, 32}) {
      const auto target = std::make_shared<Gaussian>(Vector::Constant(d, m), v * Matrix::Identity(d, d));
      const GaussianLaw out = exact_output_law(*ou, grid, *make_stepper(sampler), ExactScore(target, ou));
      dims.push_back(d);
      w2s.push_back(
          test::gaussian_w2(out.mean, out.covariance, Vector::Constant(d, a * m), c * Matrix::Identity(d, d)));
    }
    const double slope = test::log_log_slope(dims, w2s);
    MESSAGE(std::string(sampler) << ": W2 at d = 1 … 32: " << w2s.front() << " … " << w2s.back() << ", fitted slope "
                                 << slope);
    CHECK(w2s.front() * w2s.front() > 1e-5);
    CHECK(std::abs(slope - 0.5) < 1e-8);
    for (std::size_t i = 0; i < dims.size(); ++i)
      CHECK(w2s[i] / std::sqrt(dims[i]) == test::relative(w2s.front(), 1e-8));
  }
}

TEST_CASE("double-well product target, EI: the mean per-coordinate W2 (w2_marginals) does not drift with d = 1 … 8") {
  // Each coordinate's W2 (output sample against an independent exact sample of q_δ, n particles) is one independent
  // draw of the same random variable whatever the coordinate and d (a different seed per d). Its variance s² is
  // estimated within the dimensions (deviations from each d's own mean: 0 + 1 + 3 + 7 = 11 degrees of freedom), so a
  // drift with d does not inflate it. The mean over the d coordinates at dimension d minus the mean at d = 8 then has
  // standard error s sqrt(1/d + 1/8), and the ratio is Student t with 11 degrees of freedom. Tolerance: 4 standard
  // errors (P(|t_11| > 4) ≈ 0.002 per comparison, three comparisons).
  // The coarse grid (N = 4) puts the discretisation error well above the sampling floor, so a score or a step that
  // depends on d or mixes coordinates would show (a score scaled by 1 + 0.01 (d - 1) fails it).
  const auto well = std::make_shared<DoubleWell>(1.0, 1.0);
  const std::vector<int> dims = {1, 2, 4, 8};
  std::vector<double> means;
  double within = 0.0, dof = 0.0;
  for (int d : dims) {
    ExperimentConfig config;
    config.target = std::make_shared<ProductTarget>(well, d);
    config.process = make_diffusion("ou");
    config.sampler = make_stepper("ei");
    config.T = 3.0;
    config.delta = 0.01;
    config.steps = 4;
    config.particles = 6000;
    config.seed = 11 + d;
    config.metrics = {"w2_marginals"};
    const std::vector<double> w2 = run_experiment(config).vectors.at("w2_marginals");
    REQUIRE(w2.size() == static_cast<std::size_t>(d));
    double mean = 0.0;
    for (double w : w2) mean += w / d;
    for (double w : w2) within += (w - mean) * (w - mean);
    dof += d - 1;
    means.push_back(mean);
  }
  const double s = std::sqrt(within / dof);
  for (std::size_t i = 0; i + 1 < dims.size(); ++i) {
    const double se = s * std::sqrt(1.0 / dims[i] + 1.0 / 8.0);
    INFO("d = " << dims[i] << ": mean marginal W2 " << means[i] << ", at d = 8 " << means.back() << ", se " << se);
    CHECK(std::abs(means[i] - means.back()) <= 4.0 * se);
  }
  MESSAGE("double well, EI, N = 4: mean marginal W2 at d = 1, 2, 4, 8: "
          << means[0] << ", " << means[1] << ", " << means[2] << ", " << means[3] << "; spread within d " << s);
}
