#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "sgm/base/error.hpp"
#include "sgm/base/rng.hpp"
#include "sgm/experiment/catalogue.hpp"
#include "sgm/experiment/process_diffusion.hpp"
#include "sgm/io/experiment_json.hpp"
#include "sgm/process/noise_schedule.hpp"
#include "sgm/process/ornstein_uhlenbeck.hpp"
#include "support/slope_fit.hpp"
#include "support/test_support.hpp"

namespace {

using sgm::InvalidArgument;
using sgm::Process;
using sgm::test::integrate_adaptive;
using sgm::test::relative;

// The defining integrals of process.hpp, by quadrature of f = drift_rate and g² = diffusion_sq only:
//   F(s, t) = ∫_s^t f,  a(t) = e^{-F(0,t)},  Var(X_t | X_s) = ∫_s^t g(u)² e^{-2F(u,t)} du  (= a(t)² ∫_s^t g²/a²),
//   ∫_s^t g²/a = ∫_s^t g(u)² e^{F(0,u)} du.
// Nested adaptive Gauss–Kronrod at relative tolerance 1e-13 per panel, split at the kinks of f and g².
struct Quadrature {
  const Process& p;
  std::vector<double> kinks;
  double drift_integral(double s, double t) const {
    return integrate_adaptive([&](double u) { return p.drift_rate(u); }, s, t, kinks);
  }
  double mean_coeff(double t) const { return std::exp(-drift_integral(0.0, t)); }
  double transition_var(double s, double t) const {
    const auto integrand = [&](double u) { return p.diffusion_sq(u) * std::exp(-2.0 * drift_integral(u, t)); };
    return integrate_adaptive(integrand, s, t, kinks);
  }
  double score_weight(double s, double t) const {
    const auto integrand = [&](double u) { return p.diffusion_sq(u) * std::exp(drift_integral(0.0, u)); };
    return integrate_adaptive(integrand, s, t, kinks);
  }
};

struct ProcessUnderTest {
  std::shared_ptr<const Process> process;
  std::vector<double> kinks;  // where β' jumps: the cosine cap t* = atan(β_cap (1 + s)/π) 2(1 + s)/π - s
};

double cosine_cap_time(double s, double cap) { return std::atan(cap * (1 + s) / M_PI) * 2 * (1 + s) / M_PI - s; }

// Every catalogued process with its default parameters, and a few other parameter sets.
std::vector<ProcessUnderTest> processes_under_test() {
  std::vector<ProcessUnderTest> all;
  for (const std::string& name : sgm::Registry<sgm::Diffusion>::names(sgm::ProcessDiffusion::kFamily)) {
    const bool cosine = name == "vp_cosine";  // defaults s = 0.008, β_cap = 999
    all.push_back(
        {sgm::make_process(name), cosine ? std::vector<double>{cosine_cap_time(0.008, 999.0)} : std::vector<double>{}});
  }
  all.push_back({sgm::make_process("vp", {{"beta_min", 2.0}, {"beta_max", 2.0}}), {}});  // constant β: OU again
  all.push_back({sgm::make_process("subvp", {{"beta_min", 0.5}, {"beta_max", 5.0}}), {}});
  // The cap bites from t* ≈ 0.96.
  all.push_back({sgm::make_process("vp_cosine", {{"s", 0.0}, {"beta_max", 50.0}}), {cosine_cap_time(0.0, 50.0)}});
  all.push_back({sgm::make_process("ve", {{"sigma_min", 0.002}, {"sigma_max", 378.0}}), {}});
  return all;
}

}  // namespace

TEST_CASE("a, σ, transition variance and score weight equal the quadrature of their defining integrals") {
  // Relative tolerance 1e-10: the quadrature is good to ~1e-13 per panel; exp(F) amplifies a relative error ε of
  // F ≤ 25 to 25ε; 1e-10 leaves two orders of margin and still catches a formula that loses precision on a step of
  // 1e-10 (a difference of two clocks B(t) - B(s) ≈ 10 would lose ~6 digits there).
  const double tol = 1e-10;
  for (const ProcessUnderTest& entry : processes_under_test()) {
    const auto& process = entry.process;
    const auto& kinks = entry.kinks;
    const double T = sgm::make_diffusion(process->name())->default_horizon();
    const Quadrature q{*process, kinks};
    for (double fraction : {1e-5, 1e-3, 0.1, 0.5, 0.97, 0.999, 1.0}) {
      const double t = fraction * T;
      INFO(process->name(), " t = ", t);
      CHECK(process->mean_coeff(t) == relative(q.mean_coeff(t), tol));
      CHECK(process->std(t) * process->std(t) == relative(q.transition_var(0.0, t), tol));
    }
    for (double fraction : {1e-3, 0.3, 0.9, 0.9985, 0.999}) {
      for (double h : {1e-1, 1e-2, 1e-6, 1e-10}) {
        const double s = fraction * T, t = s + h * T;
        INFO(process->name(), " s = ", s, " t = ", t);
        CHECK(process->transition_var(s, t) == relative(q.transition_var(s, t), tol));
        CHECK(process->score_weight(s, t) == relative(q.score_weight(s, t), tol));
      }
    }
  }
}

TEST_CASE("drift rate and diffusion follow from a and σ: f = -(ln a)', g² = (σ²)' + 2fσ²") {
  // Central differences with step h = 1e-5·t: truncation O(h²) relative ~1e-9 × (scale of the third derivative),
  // rounding ~1e-16/1e-5 = 1e-11; tolerance 1e-6 covers both for every process here (β' ≤ 20 and smooth except at
  // the cosine cap, which the times below avoid).
  for (const auto& entry : processes_under_test()) {
    const auto& process = entry.process;
    const double T = sgm::make_diffusion(process->name())->default_horizon();
    for (double fraction : {0.01, 0.2, 0.6, 0.9}) {
      const double t = fraction * T, h = 1e-5 * t;
      INFO(process->name(), " t = ", t);
      const auto var = [&](double u) { return process->std(u) * process->std(u); };
      const double f = -(std::log(process->mean_coeff(t + h)) - std::log(process->mean_coeff(t - h))) / (2.0 * h);
      const double g2 = (var(t + h) - var(t - h)) / (2.0 * h) + 2.0 * f * var(t);
      CHECK(std::abs(f - process->drift_rate(t)) <= 1e-6 * std::max(1.0, process->drift_rate(t)));
      CHECK(g2 == relative(process->diffusion_sq(t), 1e-6));
    }
  }
}

TEST_CASE("closed forms of the published marginals (theory §7.1, §7.4)") {
  // VP, linear β: α = exp(-B/2), σ = sqrt(1 - e^{-B}), B = β_min t + ½(β_max - β_min) t²; sub-VP: σ = 1 - e^{-B};
  // VE: σ² = σ_min² ((σ_max/σ_min)^{2t} - 1), prior std sqrt(σ_max² - σ_min²) at T = 1 (time_changed_process.hpp).
  const auto vp = sgm::make_process("vp"), subvp = sgm::make_process("subvp"), ve = sgm::make_process("ve");
  for (double t : {1e-3, 0.25, 1.0}) {
    const double B = 0.1 * t + 0.5 * 19.9 * t * t;
    CHECK(vp->mean_coeff(t) == relative(std::exp(-0.5 * B), 1e-14));
    CHECK(vp->std(t) == relative(std::sqrt(1.0 - std::exp(-B)), 1e-12));
    CHECK(subvp->mean_coeff(t) == relative(std::exp(-0.5 * B), 1e-14));
    CHECK(subvp->std(t) == relative(1.0 - std::exp(-B), 1e-12));
    CHECK(ve->std(t) == relative(0.01 * std::sqrt(std::pow(5000.0, 2.0 * t) - 1.0), 1e-12));
    CHECK(ve->mean_coeff(t) == 1.0);
  }
  CHECK(vp->prior_std(1.0) == 1.0);
  CHECK(subvp->prior_std(1.0) == 1.0);
  CHECK(ve->prior_std(1.0) == relative(std::sqrt(50.0 * 50.0 - 0.01 * 0.01), 1e-14));
}

TEST_CASE("VP is OU in OU time u = ½ ∫β (theory §1): same a, σ, transition variance and score weight") {
  const auto vp = sgm::make_process("vp");
  const sgm::OrnsteinUhlenbeck ou;
  const auto u = [](double t) { return 0.5 * (0.1 * t + 0.5 * 19.9 * t * t); };
  for (double s : {1e-3, 0.2, 0.7}) {
    for (double t : {s + 1e-3, s + 0.2, 1.0}) {
      INFO("s = ", s, " t = ", t);
      CHECK(vp->mean_coeff(t) == relative(ou.mean_coeff(u(t)), 1e-13));
      CHECK(vp->std(t) == relative(ou.std(u(t)), 1e-13));
      // OU times are differences of u: relative precision 1e-16 u(t)/(u(t) - u(s)) ≤ 1e-12 here.
      CHECK(vp->transition_var(s, t) == relative(ou.transition_var(u(s), u(t)), 1e-11));
      CHECK(vp->score_weight(s, t) == relative(ou.score_weight(u(s), u(t)), 1e-11));
    }
  }
  CHECK(ou.name() == "ou");
  CHECK(ou.drift_rate(3.0) == 1.0);
  CHECK(ou.diffusion_sq(3.0) == 2.0);
}

TEST_CASE(
    "DDPM's discrete ᾱ of the linear schedule converges to the continuous VP at first order (theory §7.1, §7.2)") {
  // score_sde's discrete betas β_i = linspace(β_min/N, β_max/N, N), ᾱ_i = Π_{j≤i} (1 - β_j), against ᾱ(i/N) = a(i/N)².
  // Per step the discrete β differs from ∫β over the step by O(1/N²) and ln(1 - β) from -β by O(1/N²): O(1/N) in
  // total. Fitted slope of log max_i |ᾱ_i - ᾱ(i/N)| against log N on N = 125 … 4000: window [-1.05, -0.95] (the
  // next term is O(1/N²), i.e. a relative 1/N ≤ 1% change of the slope over this range).
  const auto vp = sgm::make_process("vp");
  std::vector<double> sizes, errors;
  for (int n = 125; n <= 4000; n *= 2) {
    double alpha_bar = 1.0, worst = 0.0;
    for (int i = 1; i <= n; ++i) {
      const double beta = (0.1 + (i - 1) * (20.0 - 0.1) / (n - 1)) / n;
      alpha_bar *= 1.0 - beta;
      const double a = vp->mean_coeff(static_cast<double>(i) / n);
      worst = std::max(worst, std::abs(alpha_bar - a * a));
    }
    sizes.push_back(n);
    errors.push_back(worst);
  }
  const double slope = sgm::test::log_log_slope(sizes, errors);
  INFO("slope = ", slope);
  CHECK(slope > -1.05);
  CHECK(slope < -0.95);
}

TEST_CASE("cosine schedule: improved-diffusion's clipped discrete ᾱ equals the continuous one below the cap") {
  // improved-diffusion betas_for_alpha_bar (N = 1000, s = 0.008, max_beta = 0.999; theory §7.3):
  //   β_i = min(1 - f(i/N)/f((i-1)/N), 0.999), f(t) = cos²((t + s)/(1 + s) π/2), ᾱ_i = Π_{j≤i} (1 - β_j).
  // Below the cap time t* ≈ 0.998 no β is clipped and the product telescopes to f(i/N)/f(0) = ᾱ(i/N): agreement to
  // rounding (1000 products: relative ~1e-13). Only the last β is clipped.
  const auto cosine = sgm::make_process("vp_cosine");
  const sgm::CosineSchedule schedule(0.008, 999.0);
  const double pi = 3.14159265358979323846;
  const auto f = [&](double t) { return std::pow(std::cos((t + 0.008) / 1.008 * pi / 2.0), 2.0); };
  const int n = 1000;
  double alpha_bar = 1.0;
  int clipped = 0;
  for (int i = 1; i <= n; ++i) {
    const double t = static_cast<double>(i) / n;
    double beta = 1.0 - f(t) / f(t - 1.0 / n);
    if (beta > 0.999) beta = 0.999, ++clipped;
    alpha_bar *= 1.0 - beta;
    if (t <= schedule.cap_time()) {
      const double a = cosine->mean_coeff(t);
      INFO("i = ", i);
      CHECK(a * a == relative(alpha_bar, 1e-11));
    }
  }
  CHECK(clipped == 1);
  CHECK(schedule.cap_time() > 0.997);
  CHECK(schedule.cap_time() < 1.0 - 1.0 / n);
  // The rate is continuous at the cap and constant after it.
  CHECK(schedule.rate(schedule.cap_time() * (1 - 1e-12)) == relative(999.0, 1e-6));
  CHECK(schedule.rate(0.9995) == 999.0);
  CHECK(std::isfinite(schedule.integral(1.0)));
  CHECK(cosine->mean_coeff(1.0) > 0.0);
}

namespace {

// Fine-step Euler–Maruyama of dX = -f X dt + g dB from X_0 = x0, n paths; at each checkpoint compares the sample
// mean and variance with a(t) x0 and σ(t)². Tolerance: 5 standard errors (mean: σ/√n; variance of Gaussian samples:
// σ² sqrt(2/(n-1))), after checking on the exact moment recursion of the Euler scheme (m ← (1 - fh) m,
// v ← (1 - fh)² v + g²h) that its O(h) bias is below half a standard error, so that it cannot hide in the tolerance.
void check_forward_marginals(const Process& process, double x0, const std::vector<double>& checkpoints, int steps,
                             std::uint64_t seed) {
  const int n = 1000;
  const double T = checkpoints.back(), h = T / steps;
  const sgm::CounterRng rng(seed);
  sgm::Particles X = sgm::Particles::Constant(n, 1, x0), Z(n, 1);
  double euler_mean = x0, euler_var = 0.0;
  std::size_t next = 0;
  for (int k = 0; k < steps; ++k) {
    const double t = k * h, f = process.drift_rate(t), g2 = process.diffusion_sq(t);  // left point: Itô
    rng.fill_normal(Z, static_cast<std::uint32_t>(k), sgm::Stream::StepNoise);
    X = (1.0 - f * h) * X + std::sqrt(g2 * h) * Z;
    euler_mean *= 1.0 - f * h;
    euler_var = (1.0 - f * h) * (1.0 - f * h) * euler_var + g2 * h;
    if (std::abs((k + 1) * h - checkpoints[next]) < 0.5 * h) {
      const double t_check = checkpoints[next++];
      const double mean = process.mean_coeff(t_check) * x0, sd = process.std(t_check);
      const double se_mean = sd / std::sqrt(n), se_var = sd * sd * std::sqrt(2.0 / (n - 1));
      const double sample_mean = X.mean();
      const double sample_var = (X.array() - sample_mean).square().sum() / (n - 1);
      INFO(process.name(), " t = ", t_check, " mean ", sample_mean, " vs ", mean, " var ", sample_var, " vs ", sd * sd,
           "; Euler bias of the mean ", euler_mean - mean, ", of the variance ", euler_var - sd * sd);
      CHECK(std::abs(euler_mean - mean) < 0.5 * se_mean);
      CHECK(std::abs(euler_var - sd * sd) < 0.5 * se_var);
      CHECK(std::abs(sample_mean - mean) < 5.0 * se_mean);
      CHECK(std::abs(sample_var - sd * sd) < 5.0 * se_var);
    }
  }
  CHECK(next == checkpoints.size());
}

}  // namespace

TEST_CASE("forward marginals: fine-step Euler simulation of each SDE matches a(t) x0 and σ(t)² (CLT tolerance)") {
  check_forward_marginals(*sgm::make_process("vp"), 1.5, {0.1, 0.4, 1.0}, 2000, 11);
  check_forward_marginals(*sgm::make_process("subvp"), 1.5, {0.1, 0.4, 1.0}, 2000, 12);
  check_forward_marginals(*sgm::make_process("vp_cosine"), 1.5, {0.1, 0.5, 0.9}, 2000, 13);
  check_forward_marginals(*sgm::make_process("ve"), 1.5, {0.1, 0.5, 1.0}, 2000, 14);
  check_forward_marginals(*sgm::make_process("ou"), 1.5, {0.1, 1.0, 3.0}, 2000, 15);
}

TEST_CASE("process catalogue: every name builds, parameters default and override, defaults for T and δ") {
  for (const std::string& name : sgm::Registry<sgm::Diffusion>::names(sgm::ProcessDiffusion::kFamily)) {
    const auto process = sgm::make_process(name);
    CHECK(process->name() == name);
    const auto d = sgm::make_diffusion(name);
    CHECK(d->default_early_stop() < d->default_horizon());
    CHECK_NOTHROW(sgm::require_horizon(*process, d->default_horizon()));
  }
  CHECK(sgm::make_diffusion("vp")->default_horizon() == 1.0);
  CHECK(sgm::make_diffusion("vp")->default_early_stop() == 1e-3);
  CHECK(sgm::make_diffusion("ve")->default_early_stop() == 1e-5);
  CHECK(sgm::make_diffusion("ou")->default_horizon() == 5.0);
  // The old spelling is an alias of the new name.
  CHECK(sgm::make_process("vp-cosine")->name() == "vp_cosine");
  const auto ve = sgm::make_process("ve", {{"sigma_max", 378.0}});
  CHECK(ve->std(1.0) == relative(std::sqrt(378.0 * 378.0 - 1e-4), 1e-14));
}

TEST_CASE("bad process parameters throw naming the parameter, its value and the allowed range") {
  using sgm::make_process;
  CHECK_THROWS_WITH_AS(make_process("vp", {{"beta_min", -1.0}}),
                       "beta_min = -1 is out of range: must be a number in [0, 1000000]", InvalidArgument);
  CHECK_THROWS_WITH_AS(make_process("subvp", {{"beta_max", 0.05}}),
                       "beta_max = 0.05 is out of range: must be a number in [beta_min, 1000000] and > 0, with "
                       "beta_min = 0.1",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(make_process("vp", {{"beta_max", NAN}}),
                       "beta_max = NaN is out of range: must be a number in [beta_min, 1000000] and > 0, with "
                       "beta_min = 0.1",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(make_process("ve", {{"sigma_min", 60.0}}),
                       "sigma_max = 50 is out of range: must be a number in [1e-150, 1e+150] and > sigma_min = 60 (σ² "
                       "and the rate dσ²/dt "
                       "must be finite)",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(
      make_process("ve", {{"sigma_min", 0.0}}),
      "sigma_min = 0 is out of range: must be a number in [1e-150, 1e+150] (σ² and the rate dσ²/dt must be finite and "
      "nonzero)",
      InvalidArgument);
  CHECK_THROWS_WITH_AS(make_process("vp_cosine", {{"s", -0.1}}), "s = -0.1 is out of range: must be a number in [0, 1]",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(make_process("vp_cosine", {{"beta_max", 0.0}}),
                       "beta_max = 0 is out of range: must be a number in (0, 1000000]", InvalidArgument);
  CHECK_THROWS_WITH_AS(make_process("vp", {{"sigma_max", 1.0}}),
                       "process: unknown parameter \"sigma_max\" of process \"vp\": allowed are \"beta_max\", "
                       "\"beta_min\"",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(make_process("ou", {{"beta", 1.0}}),
                       "process: unknown parameter \"beta\" of process \"ou\": it has none", InvalidArgument);
  CHECK_THROWS_WITH_AS(
      make_process("vpsde"),
      "process = \"vpsde\" is unknown: must be one of \"cld\", \"ou\", \"subvp\", \"ve\", \"vp\", \"vp_cosine\"",
      InvalidArgument);
  // A horizon where a(T) underflows: an error naming T, not NaN samples.
  CHECK_THROWS_WITH_AS(sgm::require_horizon(sgm::OrnsteinUhlenbeck(), 800.0),
                       "T = 800 is out of range: must be small enough for process \"ou\" that a(T) > 2.2e-308 and σ(T) "
                       "is finite (here a(T) = 0, σ(T) = 1)",
                       InvalidArgument);
}

TEST_CASE("experiment JSON: process by name or object, strict fields, per-process T and δ defaults") {
  using sgm::io::Json;
  const Json target = Json::parse(R"({"kind": "gaussian", "mean": [0], "covariance": [[1]]})");
  auto parse = [&](Json doc, Json* normalised = nullptr) {
    doc["target"] = target;
    return sgm::io::parse_experiment(doc, normalised);
  };
  Json normalised;
  const auto ve = parse(Json::parse(R"({"process": "ve"})"), &normalised);
  CHECK(ve.T == 1.0);
  CHECK(ve.delta == 1e-5);
  CHECK(normalised["process"] == Json::parse(R"({"kind": "ve", "sigma_min": 0.01, "sigma_max": 50})"));
  const auto vp = parse(Json::parse(R"({"process": {"kind": "vp", "beta_max": 10}, "T": 2, "delta": 0.01})"));
  CHECK(vp.T == 2.0);
  CHECK(vp.delta == 0.01);
  CHECK(dynamic_cast<const sgm::ProcessDiffusion&>(*vp.process).process()->mean_coeff(1.0) ==
        relative(std::exp(-0.5 * (0.1 + 0.5 * 9.9)), 1e-14));
  const auto ou = parse(Json::object(), &normalised);
  CHECK(ou.T == 5.0);
  CHECK(normalised["process"] == "ou");
  CHECK_THROWS_WITH_AS(parse(Json::parse(R"({"process": {"kind": "vp", "beta_min": -1}})")),
                       "process.beta_min = -1 is out of range: must be a number in [0, 1000000]", InvalidArgument);
  CHECK_THROWS_WITH_AS(parse(Json::parse(R"({"process": {"kind": "vp", "sigma_max": 1}})")),
                       "process: unknown field \"sigma_max\": allowed fields are \"beta_max\", \"beta_min\", \"kind\"",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(parse(Json::parse(R"({"process": {"kind": "ve", "sigma_max": "50"}})")),
                       "process.sigma_max: must be a number, got string \"50\"", InvalidArgument);
  CHECK_THROWS_WITH_AS(parse(Json::parse(R"({"process": "ou", "T": 800})")),
                       "T = 800 is out of range: must be small enough for process \"ou\" that a(T) > 2.2e-308 and σ(T) "
                       "is finite (here a(T) = 0, σ(T) = 1)",
                       InvalidArgument);
}
