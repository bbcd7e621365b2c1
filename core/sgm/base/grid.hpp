#pragma once
// Reverse-time grids: forward times T = t_0 > t_1 > … > t_N = δ (early stopping at δ > 0). Samplers walk the array;
// nothing is looked up by equality of times (the diffusers timestep bugs).
//
// Three grids are defined in t alone; two are defined through the process's noise level λ(t) = σ(t)/a(t) and mapped
// back to times by bisection (λ increases strictly with t). λ is what a sampler sees: x/a(t) follows a VE process of
// noise λ, so two processes with the same λ-grid are the same discretisation (Karras et al. 2022 §2 and §4). The OU
// process of theory §1 has λ(u)² = e^{2u} - 1, so u(t) = ½ ln(1 + λ(t)²) is the OU time with the same noise level: for
// VP it is ½ ∫_0^t β (theory §1, "VP ⇔ OU time change"), for OU it is t itself.
#include <cstddef>
#include <string>
#include <vector>

#include "sgm/process/process.hpp"

namespace sgm {

enum class GridKind {
  Uniform,      // t_k = T - k (T - δ)/N
  Log,          // t_k = T (δ/T)^{k/N}: geometric, steps shrink towards the data (refined near δ)
  Quadratic,    // t_k = δ + (T - δ)(1 - k/N)²: DDIM's "quad" striding (Song, Meng, Ermon 2021), in continuous time
  Exponential,  // Benton et al. 2308.03686 (theory §6) in OU time u: M = ⌊N/2⌋ uniform steps from u(T) down to 1,
                // then N - M geometric steps u_k = u(δ)^{(k-M)/(N-M)} from 1 to u(δ). Needs u(δ) < 1 < u(T), N ≥ 2.
  Karras,  // EDM (Karras et al. 2022 eq. (5); theory §7.7): λ_k = (λ_T^{1/ρ} + k/N (λ_δ^{1/ρ} - λ_T^{1/ρ}))^ρ.
           // EDM's N levels i/(N-1) are our N + 1 times k/N; its final jump to σ = 0 is our stop at δ. For the
           // EDM process itself (a = 1, σ(t) = t) T = σ_max = 80 and δ = σ_min = 0.002 give EDM's levels.
};

GridKind grid_kind_from_name(const std::string& name);  // "uniform", "log", "quadratic", "exponential", "karras"
std::string grid_kind_name(GridKind kind);
bool grid_needs_process(GridKind kind);  // true for the grids defined through the noise level

// A grid kind with its parameters; implicit from a GridKind (the kind with default parameters).
class GridSpec {
public:
  // Validates ρ in (0, 1000] (used by the karras grid; EDM's default 7).
  GridSpec(GridKind kind = GridKind::Uniform, double rho = 7.0);  // NOLINT(google-explicit-constructor)
  GridKind kind() const { return kind_; }
  double rho() const { return rho_; }

private:
  GridKind kind_;
  double rho_;
};

class Grid {
public:
  // Validates 0 < δ < T ≤ 10^4, 1 ≤ steps ≤ kMaxSteps, the spec's parameters, and
  // that the times are strictly decreasing in double precision (steps not too fine for T - δ). Grids defined through
  // the noise level (grid_needs_process) throw here: they need the process.
  Grid(const GridSpec& spec, double T, double delta, std::size_t steps);
  // Any grid; also checks that the process can start at T (require_horizon).
  Grid(const GridSpec& spec, const Process& process, double T, double delta, std::size_t steps);

  static constexpr std::size_t kMaxSteps = 1000000;

  const std::vector<double>& times() const { return times_; }
  std::size_t steps() const { return times_.size() - 1; }
  double horizon() const { return times_.front(); }
  double stop() const { return times_.back(); }
  GridKind kind() const { return spec_.kind(); }
  const GridSpec& spec() const { return spec_; }

private:
  Grid(const GridSpec& spec, const Process* process, double T, double delta, std::size_t steps);

  GridSpec spec_;
  std::vector<double> times_;
};

// The time t in [lo, hi] (0 < lo < hi) at which the process's noise level σ(t)/a(t) equals `level` to 1e-14
// relative (the nearer end when `level` is outside the levels at lo and hi).
double time_at_noise_level(const Process& process, double level, double lo, double hi);

}  // namespace sgm
