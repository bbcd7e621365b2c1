#pragma once
// Reverse-time grids: forward times T = t_0 > t_1 > … > t_N = δ (early stopping at δ > 0). Samplers walk the array;
// nothing is looked up by equality of times (the diffusers timestep bugs).
#include <cstddef>
#include <string>
#include <vector>

namespace sgm {

enum class GridKind {
  Uniform,  // t_k = T - k (T - δ)/N
  Log,      // t_k = T (δ/T)^{k/N}: geometric, steps shrink towards the data (refined near δ)
};

GridKind grid_kind_from_name(const std::string& name);  // "uniform", "log"
std::string grid_kind_name(GridKind kind);

class Grid {
public:
  // Validates 0 < δ < T, T finite, 1 ≤ steps ≤ kMaxSteps, and that the times are strictly decreasing in double
  // precision (steps not too fine for T - δ).
  Grid(GridKind kind, double T, double delta, std::size_t steps);

  static constexpr std::size_t kMaxSteps = 1000000;

  const std::vector<double>& times() const { return times_; }
  std::size_t steps() const { return times_.size() - 1; }
  double horizon() const { return times_.front(); }
  double stop() const { return times_.back(); }
  GridKind kind() const { return kind_; }

private:
  GridKind kind_;
  std::vector<double> times_;
};

}  // namespace sgm
