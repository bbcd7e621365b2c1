#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "sgm/base/error.hpp"
#include "sgm/base/grid.hpp"
#include "sgm/experiment/catalogue.hpp"
#include "sgm/experiment/process_diffusion.hpp"
#include "sgm/io/experiment_json.hpp"
#include "sgm/process/ornstein_uhlenbeck.hpp"
#include "support/test_support.hpp"

using sgm::Grid;
using sgm::GridKind;
using sgm::test::relative;

namespace {

struct GridCase {
  double T, delta;
  std::size_t steps;
};
const GridCase kCases[] = {
    {5.0, 1e-3, 1}, {5.0, 1e-3, 100}, {1.0, 0.5, 7}, {10000.0, 1e-12, 1000}, {2.0, 1e-2, 100000}};

void check_strictly_decreasing(const Grid& g) {
  const auto& t = g.times();
  bool decreasing = true;
  for (std::size_t k = 0; k + 1 < t.size(); ++k) decreasing = decreasing && t[k + 1] < t[k];
  CHECK(decreasing);
}

}  // namespace

TEST_CASE("Uniform grid: exact end points, strictly decreasing, t_k = T - k (T - δ)/N, constant spacing") {
  for (const GridCase& c : kCases) {
    INFO("T = " << c.T << ", delta = " << c.delta << ", N = " << c.steps);
    const Grid g(GridKind::Uniform, c.T, c.delta, c.steps);
    const auto& t = g.times();
    REQUIRE(t.size() == c.steps + 1);
    CHECK(g.steps() == c.steps);
    CHECK(g.kind() == GridKind::Uniform);
    CHECK(t.front() == c.T);
    CHECK(t.back() == c.delta);
    CHECK(g.horizon() == c.T);
    CHECK(g.stop() == c.delta);
    check_strictly_decreasing(g);
    // Each time within a few ulps of T: the formula t_k = δ + (N - k)(T - δ)/N counted from the other end.
    const double h = (c.T - c.delta) / static_cast<double>(c.steps);
    double worst_time = 0.0, worst_spacing = 0.0;
    for (std::size_t k = 0; k <= c.steps; ++k) {
      worst_time = std::max(worst_time, std::abs(t[k] - (c.delta + static_cast<double>(c.steps - k) * h)));
      if (k < c.steps) worst_spacing = std::max(worst_spacing, std::abs((t[k] - t[k + 1]) - h));
    }
    const double ulp = std::numeric_limits<double>::epsilon() * c.T;
    CHECK(worst_time <= 4.0 * ulp);
    CHECK(worst_spacing <= 4.0 * ulp);
  }
}

TEST_CASE("Log grid: exact end points, strictly decreasing, t_k = exp(ln T + (k/N) ln(δ/T)), constant ratio") {
  for (const GridCase& c : kCases) {
    INFO("T = " << c.T << ", delta = " << c.delta << ", N = " << c.steps);
    const Grid g(GridKind::Log, c.T, c.delta, c.steps);
    const auto& t = g.times();
    REQUIRE(t.size() == c.steps + 1);
    CHECK(g.kind() == GridKind::Log);
    CHECK(t.front() == c.T);
    CHECK(t.back() == c.delta);
    check_strictly_decreasing(g);
    const double n = static_cast<double>(c.steps);
    const double log_ratio = std::log(c.delta / c.T) / n;  // ln(t_{k+1}/t_k), the same for every k
    double worst_time = 0.0, worst_ratio = 0.0;
    for (std::size_t k = 0; k <= c.steps; ++k) {
      const double expected = std::exp(std::log(c.T) + static_cast<double>(k) * log_ratio);
      worst_time = std::max(worst_time, std::abs(t[k] / expected - 1.0));
      if (k < c.steps) worst_ratio = std::max(worst_ratio, std::abs(std::log(t[k + 1] / t[k]) - log_ratio));
    }
    // Relative rounding of pow/exp of arguments up to |ln(δ/T)| ≈ 37: about 37 eps.
    CHECK(worst_time <= 1e-13);
    CHECK(worst_ratio <= 1e-13);
  }
}

TEST_CASE("Grid: invalid parameters throw InvalidArgument naming the field and its range") {
  using doctest::Contains;
  using sgm::InvalidArgument;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  for (GridKind kind : {GridKind::Uniform, GridKind::Log}) {
    INFO("grid " << sgm::grid_kind_name(kind));
    CHECK_THROWS_WITH_AS(Grid(kind, 5.0, 5.0, 10),
                         Contains("delta = 5 is out of range: must be a number in (0, T) with T = 5"), InvalidArgument);
    CHECK_THROWS_WITH_AS(Grid(kind, 1.0, 2.0, 10), Contains("delta = 2 is out of range: must be a number in (0, T)"),
                         InvalidArgument);
    CHECK_THROWS_WITH_AS(Grid(kind, 5.0, 0.0, 10), Contains("delta = 0 is out of range"), InvalidArgument);
    CHECK_THROWS_WITH_AS(Grid(kind, 5.0, -1e-3, 10), Contains("delta = -0.001 is out of range"), InvalidArgument);
    CHECK_THROWS_WITH_AS(Grid(kind, 5.0, nan, 10), Contains("delta = NaN is out of range"), InvalidArgument);
    CHECK_THROWS_WITH_AS(Grid(kind, nan, 1e-3, 10),
                         Contains("T = NaN is out of range: must be a finite number in (0, 10000]"), InvalidArgument);
    CHECK_THROWS_WITH_AS(Grid(kind, inf, 1e-3, 10), Contains("T = Infinity is out of range"), InvalidArgument);
    CHECK_THROWS_WITH_AS(Grid(kind, -1.0, 1e-3, 10), Contains("T = -1 is out of range"), InvalidArgument);
    CHECK_THROWS_WITH_AS(Grid(kind, 5.0, 1e-3, 0),
                         Contains("steps = 0 is out of range: must be an integer in [1, 1000000]"), InvalidArgument);
    CHECK_THROWS_WITH_AS(Grid(kind, 5.0, 1e-3, Grid::kMaxSteps + 1), Contains("steps = 1000001 is out of range"),
                         InvalidArgument);
  }
  CHECK_THROWS_WITH_AS(sgm::grid_kind_from_name("cosine"),
                       Contains("grid = \"cosine\" is unknown: must be one of \"exponential\", \"karras\", \"log\""),
                       InvalidArgument);
  CHECK(sgm::grid_kind_from_name(sgm::grid_kind_name(GridKind::Log)) == GridKind::Log);
  CHECK(sgm::grid_kind_from_name(sgm::grid_kind_name(GridKind::Uniform)) == GridKind::Uniform);
}

TEST_CASE("Grid: steps too fine for double precision are refused, naming steps") {
  // T - δ = 1e-12 in 10^6 steps: 1e-18 apart, far below the spacing of doubles near 1 (1.1e-16), so times would repeat.
  using doctest::Contains;
  for (GridKind kind : {GridKind::Uniform, GridKind::Log}) {
    INFO("grid " << sgm::grid_kind_name(kind));
    CHECK_THROWS_WITH_AS(
        Grid(kind, 1.0, 1.0 - 1e-12, 1000000),
        Contains("steps = 1000000 is out of range: must be an integer small enough that consecutive times differ"),
        sgm::InvalidArgument);
    check_strictly_decreasing(Grid(kind, 1.0, 1.0 - 1e-12, 1000));  // 1e-15 apart: about 9 ulps, still distinct
  }
}

namespace {

using sgm::InvalidArgument;

const GridKind kAllKinds[] = {GridKind::Uniform, GridKind::Log, GridKind::Quadratic, GridKind::Exponential,
                              GridKind::Karras};

// Closed-form inverses of the noise level λ = σ/a (independent of the grid's bisection):
//   OU: λ² = e^{2t} - 1;  VP (linear β): λ² = e^{B} - 1, B = β_min t + ½(β_max - β_min) t²;
//   VE: λ² = σ_min² (r^{2t} - 1), r = σ_max/σ_min.
double ou_time_of_level(double level) { return 0.5 * std::log1p(level * level); }
double vp_time_of_level(double level) {
  const double B = std::log1p(level * level), slope = 20.0 - 0.1;
  return 2.0 * B / (0.1 + std::sqrt(0.1 * 0.1 + 2.0 * slope * B));  // root of ½ slope t² + 0.1 t - B, no cancellation
}
double ve_time_of_level(double level, double sigma_min, double sigma_max) {
  return std::log1p(level * level / (sigma_min * sigma_min)) / (2.0 * std::log(sigma_max / sigma_min));
}

// EDM's levels (Karras et al. 2022 eq. (5)) at u = k/N: (λ_max^{1/ρ} + u (λ_min^{1/ρ} - λ_max^{1/ρ}))^ρ, written as
// ((1 - u) λ_max^{1/ρ} + u λ_min^{1/ρ})^ρ, exact at both ends.
double edm_level(double level_max, double level_min, double rho, std::size_t k, std::size_t n) {
  const double u = static_cast<double>(k) / static_cast<double>(n);
  return std::pow((1.0 - u) * std::pow(level_max, 1.0 / rho) + u * std::pow(level_min, 1.0 / rho), rho);
}

}  // namespace

TEST_CASE("every grid for every process: exact end points T and δ, strictly decreasing times") {
  for (const std::string& name : sgm::Registry<sgm::Diffusion>::names(sgm::ProcessDiffusion::kFamily)) {
    const auto process = sgm::make_process(name);
    const auto diffusion = sgm::make_diffusion(name);
    const struct { double T, delta; } d{diffusion->default_horizon(), diffusion->default_early_stop()};
    for (GridKind kind : kAllKinds) {
      for (std::size_t n : {1, 2, 7, 100, 5000}) {
        if (kind == GridKind::Exponential && n == 1) continue;  // needs two steps (tested below)
        INFO(name, " ", sgm::grid_kind_name(kind), " N = ", n);
        const Grid grid(kind, *process, d.T, d.delta, n);
        const auto& t = grid.times();
        REQUIRE(t.size() == n + 1);
        CHECK(t.front() == d.T);
        CHECK(t.back() == d.delta);
        bool decreasing = true;
        for (std::size_t k = 0; k < n; ++k) decreasing = decreasing && t[k + 1] < t[k];
        CHECK(decreasing);
      }
    }
  }
}

TEST_CASE("quadratic grid: steps shrink linearly towards δ") {
  const double T = 2.0, delta = 1e-3;
  const std::size_t n = 40;
  const Grid quadratic(GridKind::Quadratic, T, delta, n);
  for (std::size_t k = 0; k < n; ++k) {
    INFO("k = ", k);
    // (1 - k/N)² - (1 - (k+1)/N)² = (2(N - k) - 1)/N².
    const double step = (T - delta) * (2.0 * static_cast<double>(n - k) - 1.0) / static_cast<double>(n * n);
    CHECK(quadratic.times()[k] - quadratic.times()[k + 1] == relative(step, 1e-12));
  }
}

TEST_CASE("exponential grid = Benton et al. (theory §6) in OU time, for OU, VP and VE") {
  const std::size_t n = 60, m = n / 2;
  const double T = 5.0, delta = 1e-3;
  // OU: t_k = T - k(T - 1)/M for k ≤ M, δ^{(k-M)/(N-M)} after (theory §6).
  const sgm::OrnsteinUhlenbeck ou;
  const Grid grid(GridKind::Exponential, ou, T, delta, n);
  for (std::size_t k = 0; k <= n; ++k) {
    const double expected = k <= m ? T - static_cast<double>(k) * (T - 1.0) / m
                                   : std::pow(delta, static_cast<double>(k - m) / static_cast<double>(n - m));
    INFO("k = ", k);
    CHECK(grid.times()[k] == relative(expected, 1e-13));
  }
  // VP and VE: the same construction in u = ½ ln(1 + λ²), mapped back by the closed-form inverses.
  const auto vp = sgm::make_process("vp"), ve = sgm::make_process("ve");
  const Grid vp_grid(GridKind::Exponential, *vp, 1.0, 1e-3, n), ve_grid(GridKind::Exponential, *ve, 1.0, 1e-5, n);
  const auto check_in_ou_time = [&](const Grid& g, const sgm::Process& p, auto time_of_level) {
    const auto u = [&](double t) { return ou_time_of_level(p.std(t) / p.mean_coeff(t)); };
    const double u_T = u(g.horizon()), u_delta = u(g.stop());
    for (std::size_t k = 1; k < n; ++k) {
      const double u_k = k <= m ? u_T - static_cast<double>(k) * (u_T - 1.0) / m
                                : std::pow(u_delta, static_cast<double>(k - m) / static_cast<double>(n - m));
      INFO(p.name(), " k = ", k);
      CHECK(g.times()[k] == relative(time_of_level(std::sqrt(std::expm1(2.0 * u_k))), 1e-12));
    }
  };
  check_in_ou_time(vp_grid, *vp, vp_time_of_level);
  check_in_ou_time(ve_grid, *ve, [](double level) { return ve_time_of_level(level, 0.01, 50.0); });
}

TEST_CASE("exponential grid satisfies Benton's step condition γ_k ≤ κ min(1, T - t_{k+1}), κ ≈ 2 max(T-1, ln 1/δ)/N") {
  // Theory §6 and §9.9, OU time. Per phase the ratio γ_k / min(1, t_{k+1}) is exactly (T - 1)/M (uniform phase) and
  // δ^{-1/(N-M)} - 1 = e^x - 1 with x = 2 ln(1/δ)/N (geometric phase, N even), so κ/κ_theory lies in [1, (e^x - 1)/x]
  // with κ_theory = 2 max(T - 1, ln(1/δ))/N. The times are found to λ within 1e-14 (grid.hpp), i.e. t within 2e-14
  // (d ln λ/d ln t ≥ ½ for OU), so each ratio t_k/t_{k+1} - 1 is exact to 4e-14 (1e-13 allowed).
  const sgm::OrnsteinUhlenbeck ou;
  for (double T : {3.0, 12.0}) {
    for (std::size_t n : {20, 200, 2000}) {
      const double delta = 1e-3;
      const Grid grid(GridKind::Exponential, ou, T, delta, n);
      const auto& t = grid.times();
      double kappa = 0.0;
      for (std::size_t k = 0; k < n; ++k) kappa = std::max(kappa, (t[k] - t[k + 1]) / std::min(1.0, t[k + 1]));
      const double kappa_theory = 2.0 * std::max(T - 1.0, std::log(1.0 / delta)) / n;
      const double x = 2.0 * std::log(1.0 / delta) / n;
      INFO("T = ", T, " N = ", n, " κ = ", kappa, " κ_theory = ", kappa_theory);
      CHECK(kappa >= kappa_theory - 1e-13);
      CHECK(kappa <= kappa_theory * std::expm1(x) / x + 1e-13);
    }
  }
}

TEST_CASE("karras grid: noise levels follow EDM's ρ formula; times match the closed-form inverse of σ/a") {
  const std::size_t n = 17;  // EDM's default N = 18 levels
  for (double rho : {7.0, 1.0, 3.5}) {
    const sgm::GridSpec spec(GridKind::Karras, rho);
    // VE placed so that its levels run from EDM's σ_max = 80 to σ_min = 0.002.
    const auto ve = sgm::make_process("ve", {{"sigma_min", 0.001}, {"sigma_max", 100.0}});
    const double T = ve_time_of_level(80.0, 0.001, 100.0), delta = ve_time_of_level(0.002, 0.001, 100.0);
    const Grid ve_grid(spec, *ve, T, delta, n);
    const auto vp = sgm::make_process("vp");
    const Grid vp_grid(spec, *vp, 1.0, 1e-3, n);
    const sgm::OrnsteinUhlenbeck ou;
    const Grid ou_grid(spec, ou, 5.0, 1e-3, n);
    const auto level = [](const sgm::Process& p, double t) { return p.std(t) / p.mean_coeff(t); };
    for (std::size_t k = 0; k <= n; ++k) {
      INFO("ρ = ", rho, " k = ", k);
      const double edm = edm_level(80.0, 0.002, rho, k, n);
      CHECK(level(*ve, ve_grid.times()[k]) == relative(edm, 1e-9));  // λ(t) to 1e-9: T, δ from the inverse
      CHECK(ve_grid.times()[k] == relative(ve_time_of_level(edm, 0.001, 100.0), 1e-12));
      const double vp_level = edm_level(level(*vp, 1.0), level(*vp, 1e-3), rho, k, n);
      CHECK(vp_grid.times()[k] == relative(vp_time_of_level(vp_level), 1e-12));
      const double ou_level = edm_level(level(ou, 5.0), level(ou, 1e-3), rho, k, n);
      CHECK(ou_grid.times()[k] == relative(ou_time_of_level(ou_level), 1e-12));
    }
  }
}

TEST_CASE("bad grid input throws naming the parameter") {
  const sgm::OrnsteinUhlenbeck ou;
  CHECK_THROWS_WITH_AS(sgm::GridSpec(GridKind::Karras, 0.0), "rho = 0 is out of range: must be a number in (0, 1000]",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(sgm::GridSpec(GridKind::Karras, NAN), "rho = NaN is out of range: must be a number in (0, 1000]",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(Grid(GridKind::Karras, 1.0, 1e-3, 10),
                       "grid: \"karras\" is defined through the noise level σ(t)/a(t) of a process: construct it with "
                       "the process",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(Grid(GridKind::Exponential, ou, 5.0, 1e-3, 1),
                       "steps = 1 is out of range: must be an integer in [2, 1000000] for the exponential grid",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(Grid(GridKind::Exponential, ou, 0.5, 1e-3, 10),
                       "T = 0.5 is out of range: must be large enough that the OU time u(T) = ½ ln(1 + (σ(T)/a(T))²) "
                       "exceeds 1 for the exponential grid (Benton et al. Theorem 1 assumes T ≥ 1); here u(T) = 0.5",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(Grid(GridKind::Exponential, ou, 5.0, 1.5, 10),
                       "delta = 1.5 is out of range: must be small enough that the OU time u(δ) = ½ ln(1 + "
                       "(σ(δ)/a(δ))²) is below 1 for the exponential grid (Benton et al. Corollary 1 assumes δ < 1); "
                       "here u(δ) = 1.5",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(Grid(GridKind::Uniform, ou, 800.0, 1e-3, 10),
                       "T = 800 is out of range: must be small enough for process \"ou\" that a(T) > 2.2e-308 and σ(T) "
                       "is finite (here a(T) = 0, σ(T) = 1)",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(sgm::grid_kind_from_name("edm"),
                       "grid = \"edm\" is unknown: must be one of \"exponential\", \"karras\", \"log\", \"quadratic\", "
                       "\"uniform\"",
                       InvalidArgument);
}

TEST_CASE("experiment JSON: grid by name or object with strict fields") {
  using sgm::io::Json;
  auto parse = [](Json doc, Json* normalised = nullptr) {
    doc["target"] = Json::parse(R"({"kind": "gaussian", "mean": [0], "covariance": [[1]]})");
    return sgm::io::parse_experiment(doc, normalised);
  };
  Json normalised;
  const auto karras = parse(Json::parse(R"({"process": "vp", "grid": "karras"})"), &normalised);
  CHECK(karras.grid.kind() == GridKind::Karras);
  CHECK(normalised["grid"] == Json::parse(R"({"kind": "karras", "rho": 7})"));
  CHECK(parse(Json::parse(R"({"grid": {"kind": "karras", "rho": 3}})")).grid.rho() == 3.0);
  parse(Json::parse(R"({"grid": {"kind": "quadratic"}})"), &normalised);
  CHECK(normalised["grid"] == "quadratic");
  CHECK_THROWS_WITH_AS(parse(Json::parse(R"({"grid": {"kind": "karras", "rho": -1}})")),
                       "grid.rho = -1 is out of range: must be a number in (0, 1000]", InvalidArgument);
  CHECK_THROWS_WITH_AS(parse(Json::parse(R"({"grid": {"kind": "uniform", "rho": 7}})")),
                       "grid: unknown field \"rho\": allowed fields are \"kind\"", InvalidArgument);
  CHECK_THROWS_WITH_AS(parse(Json::parse(R"({"grid": "exponential", "T": 0.5})")),
                       "T = 0.5 is out of range: must be large enough that the OU time u(T) = ½ ln(1 + (σ(T)/a(T))²) "
                       "exceeds 1 for the exponential grid (Benton et al. Theorem 1 assumes T ≥ 1); here u(T) = 0.5",
                       InvalidArgument);
}
