#include "sgm/metric/mode_occupancy.hpp"

#include <string>

#include "sgm/base/error.hpp"

namespace sgm {

Vector mode_occupancy(const std::vector<std::size_t>& labels, std::size_t components) {
  require(!labels.empty(), "labels", 0.0, "at least 1 label");
  require(components >= 1, "components", static_cast<double>(components), "an integer ≥ 1");
  Vector occupancy = Vector::Zero(static_cast<Eigen::Index>(components));
  for (std::size_t label : labels) {
    require(label < components, "labels", static_cast<double>(label),
            "component indices in [0, " + std::to_string(components - 1) + "]");
    occupancy(static_cast<Eigen::Index>(label)) += 1.0;
  }
  return occupancy / static_cast<double>(labels.size());
}

double occupancy_chi_square(const Vector& occupancy, const std::vector<double>& weights, std::size_t n) {
  require(occupancy.size() == static_cast<Eigen::Index>(weights.size()), "weights",
          "has " + std::to_string(weights.size()) + " entries: must have one per component (" +
              std::to_string(occupancy.size()) + ")");
  require(n >= 1, "n", static_cast<double>(n), "an integer ≥ 1");
  double chi2 = 0.0;
  for (std::size_t j = 0; j < weights.size(); ++j) {
    require(weights[j] > 0.0, "weights", weights[j], "positive numbers");
    const double gap = occupancy(static_cast<Eigen::Index>(j)) - weights[j];
    chi2 += gap * gap / weights[j];
  }
  return static_cast<double>(n) * chi2;
}

}  // namespace sgm
