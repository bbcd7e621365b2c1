#include "sgm/base/grid.hpp"

#include <cmath>

#include "sgm/base/error.hpp"
#include "sgm/base/registry.hpp"

namespace sgm {

namespace {

struct GridName {
  GridKind kind;
  const char* name;
};

constexpr GridName kGridNames[] = {{GridKind::Uniform, "uniform"},
                                   {GridKind::Log, "log"},
                                   {GridKind::Quadratic, "quadratic"},
                                   {GridKind::Exponential, "exponential"},
                                   {GridKind::Karras, "karras"}};

double noise_level(const Process& process, double t) { return process.std(t) / process.mean_coeff(t); }

// OU time with the same noise level: λ² = e^{2u} - 1 (see grid.hpp), and back.
double ou_time(double level) { return 0.5 * std::log1p(level * level); }
double level_at_ou_time(double u) { return std::sqrt(std::expm1(2.0 * u)); }

// Noise levels of the grid's times, t_0 = T first; the caller maps them to times.
std::vector<double> exponential_levels(double T, double delta, double level_T, double level_delta, std::size_t steps) {
  const double u_T = ou_time(level_T), u_delta = ou_time(level_delta);
  require(steps >= 2, "steps", static_cast<double>(steps),
          "an integer in [2, " + std::to_string(Grid::kMaxSteps) + "] for the exponential grid");
  require(u_T > 1.0, "T", T,
          "large enough that the OU time u(T) = ½ ln(1 + (σ(T)/a(T))²) exceeds 1 for the exponential grid (Benton et "
          "al. Theorem 1 assumes T ≥ 1); here u(T) = " +
              format_value(u_T));
  require(u_delta < 1.0, "delta", delta,
          "small enough that the OU time u(δ) = ½ ln(1 + (σ(δ)/a(δ))²) is below 1 for the exponential grid (Benton et "
          "al. Corollary 1 assumes δ < 1); here u(δ) = " +
              format_value(u_delta));
  const std::size_t m = steps / 2;
  std::vector<double> levels(steps + 1);
  for (std::size_t k = 0; k <= steps; ++k) {
    const double u = k <= m ? u_T - static_cast<double>(k) * (u_T - 1.0) / static_cast<double>(m)
                            : std::pow(u_delta, static_cast<double>(k - m) / static_cast<double>(steps - m));
    levels[k] = level_at_ou_time(u);
  }
  return levels;
}

std::vector<double> karras_levels(double level_T, double level_delta, double rho, std::size_t steps) {
  // λ_T ((1 - u) + u (λ_δ/λ_T)^{1/ρ})^ρ, u = k/N: Karras et al. eq. (5) with λ_T^{1/ρ} factored out (no overflow for
  // small ρ) and written as a convex combination (no cancellation near δ).
  const double ratio = std::pow(level_delta / level_T, 1.0 / rho);
  std::vector<double> levels(steps + 1);
  for (std::size_t k = 0; k <= steps; ++k) {
    const double u = static_cast<double>(k) / static_cast<double>(steps);
    levels[k] = level_T * std::pow((1.0 - u) + u * ratio, rho);
  }
  return levels;
}

}  // namespace

GridKind grid_kind_from_name(const std::string& name) {
  for (const GridName& entry : kGridNames) {
    if (name == entry.name) return entry.kind;
  }
  throw_unknown_name("grid", name, Registry<GridSpec>::names());
}

std::string grid_kind_name(GridKind kind) {
  for (const GridName& entry : kGridNames) {
    if (kind == entry.kind) return entry.name;
  }
  return "unknown";
}

GridSpec::GridSpec(GridKind kind, double rho) : kind_(kind), rho_(rho) {
  require(std::isfinite(rho) && rho > 0.0 && rho <= 1000.0, "rho", rho, "a number in (0, 1000]");
}

bool grid_needs_process(GridKind kind) { return kind == GridKind::Exponential || kind == GridKind::Karras; }

double time_at_noise_level(const Process& process, double level, double lo, double hi) {
  // Illinois regula falsi (Dowell & Jarratt 1971) on g(y) = ln λ(e^y) - ln level, y = ln t: ln λ is nearly linear in
  // ln t (λ ∝ √t near 0), so a handful of steps reach |g| ≤ 1e-14 (λ to 1e-14 relative); every iterate stays in the
  // bracket, and bisection takes over should the secant step not (or after 100 steps, which has not been seen).
  const double target = std::log(level);
  double y_lo = std::log(lo), y_hi = std::log(hi);
  double g_lo = std::log(noise_level(process, lo)) - target, g_hi = std::log(noise_level(process, hi)) - target;
  if (g_lo >= 0.0) return lo;
  if (g_hi <= 0.0) return hi;
  int kept = 0;  // +1: the low end was kept on the last step, -1: the high end
  for (int i = 0; i < 200; ++i) {
    double y = i < 100 ? y_lo - g_lo * (y_hi - y_lo) / (g_hi - g_lo) : 0.5 * (y_lo + y_hi);
    if (!(y > y_lo && y < y_hi)) y = 0.5 * (y_lo + y_hi);
    if (!(y > y_lo && y < y_hi)) break;  // the bracket is two adjacent doubles
    const double g = std::log(noise_level(process, std::exp(y))) - target;
    if (std::abs(g) <= 1e-14) return std::exp(y);
    if (g < 0.0) {
      y_lo = y, g_lo = g;
      if (kept == -1) g_hi *= 0.5;  // Illinois: halve the end kept twice, so that it moves too
      kept = -1;
    } else {
      y_hi = y, g_hi = g;
      if (kept == 1) g_lo *= 0.5;
      kept = 1;
    }
  }
  return std::exp(-g_lo < g_hi ? y_lo : y_hi);
}

Grid::Grid(const GridSpec& spec, double T, double delta, std::size_t steps) : Grid(spec, nullptr, T, delta, steps) {}

Grid::Grid(const GridSpec& spec, const Process& process, double T, double delta, std::size_t steps)
    : Grid(spec, &process, T, delta, steps) {}

Grid::Grid(const GridSpec& spec, const Process* process, double T, double delta, std::size_t steps) : spec_(spec) {
  require(std::isfinite(T) && T > 0.0 && T <= 1e4, "T", T, "a finite number in (0, 10000]");
  require(std::isfinite(delta) && delta > 0.0 && delta < T, "delta", delta,
          "a number in (0, T) with T = " + format_value(T));
  require(steps >= 1 && steps <= kMaxSteps, "steps", static_cast<double>(steps),
          "an integer in [1, " + std::to_string(kMaxSteps) + "]");
  const std::string name = grid_kind_name(spec.kind());
  require(process != nullptr || !grid_needs_process(spec.kind()), "grid",
          "\"" + name + "\" is defined through the noise level σ(t)/a(t) of a process: construct it with the process");
  if (process != nullptr) require_horizon(*process, T);

  times_.resize(steps + 1);
  const double n = static_cast<double>(steps);
  if (grid_needs_process(spec.kind())) {
    const double level_T = noise_level(*process, T), level_delta = noise_level(*process, delta);
    const std::vector<double> levels = spec.kind() == GridKind::Karras
                                           ? karras_levels(level_T, level_delta, spec.rho(), steps)
                                           : exponential_levels(T, delta, level_T, level_delta, steps);
    double upper = T;  // the levels decrease, so each time lies below the previous one
    for (std::size_t k = 0; k <= steps; ++k) upper = times_[k] = time_at_noise_level(*process, levels[k], delta, upper);
  } else {
    for (std::size_t k = 0; k <= steps; ++k) {
      const double u = static_cast<double>(k) / n;
      switch (spec.kind()) {
        case GridKind::Uniform:
          times_[k] = T - u * (T - delta);
          break;
        case GridKind::Log:
          times_[k] = T * std::pow(delta / T, u);
          break;
        case GridKind::Quadratic:
          times_[k] = delta + (T - delta) * (1.0 - u) * (1.0 - u);
          break;
        default:
          break;  // the noise-level grids, above
      }
    }
  }
  times_.front() = T;  // exact end points, whatever the rounding of the formulas
  times_.back() = delta;
  // Too many steps for T - δ at double precision would repeat times (zero steps) and break T = t_0 > … > t_N = δ.
  for (std::size_t k = 0; k < steps; ++k) {
    if (times_[k + 1] < times_[k]) continue;  // (the message is built only when needed)
    require(false, "steps", n,
            "an integer small enough that consecutive times differ in double precision (" + name + " grid: t_" +
                std::to_string(k + 1) + " = t_" + std::to_string(k) + " = " + format_value(times_[k]) + ")");
  }
}

namespace {

Entry<GridSpec> grid_entry(GridKind kind, std::string meaning, std::string citation,
                           std::vector<Parameter> parameters = {}) {
  return {grid_kind_name(kind), std::move(meaning), std::move(citation), std::move(parameters),
          [kind](const Arguments& a, const Context&) {
            return std::make_shared<GridSpec>(kind, a.has("rho") ? a.number("rho") : GridSpec().rho());
          }};
}

[[gnu::cold]] bool register_grids() {
  return Registry<GridSpec>::add(grid_entry(GridKind::Uniform, "t_k = T - k (T - δ)/N", "")) &&
         Registry<GridSpec>::add(grid_entry(GridKind::Log, "t_k = T (δ/T)^{k/N}, refined near δ", "")) &&
         Registry<GridSpec>::add(grid_entry(GridKind::Quadratic,
                                            "t_k = δ + (T - δ)(1 - k/N)², refined near δ (DDIM's "
                                            "quadratic striding)",
                                            "Song, Meng, Ermon 2021")) &&
         Registry<GridSpec>::add(
             grid_entry(GridKind::Exponential,
                        "early-stopped exponential grid in OU time u = ½ ln(1 + (σ/a)²): N/2 uniform steps from "
                        "u(T) to 1, then geometric from 1 to u(δ)",
                        "Benton et al. 2308.03686; docs/theory.md §6")) &&
         Registry<GridSpec>::add(grid_entry(
             GridKind::Karras, "EDM grid: noise levels σ/a uniform in (σ/a)^{1/ρ} from T to δ",
             "Karras et al. 2022 eq. 5; docs/theory.md §7.7",
             {Parameter::number("rho", "the exponent ρ").with_default(7.0).within(half_open_above(0.0, 1000.0))}));
}
const bool registered_grid = register_grids();

}  // namespace

}  // namespace sgm
