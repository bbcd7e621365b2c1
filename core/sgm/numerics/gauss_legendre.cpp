#include "sgm/numerics/gauss_legendre.hpp"

#include <cmath>
#include <string>

#include "sgm/base/error.hpp"
#include "sgm/numerics/constants.hpp"

namespace sgm {

QuadratureRule gauss_legendre(int m) {
  require(m >= 1 && m <= kMaxGaussLegendreNodes, "nodes", static_cast<double>(m),
          "an integer in [1, " + std::to_string(kMaxGaussLegendreNodes) + "]");
  QuadratureRule rule{Vector(m), Vector(m)};
  for (int i = 0; i < m; ++i) {
    double x = std::cos(kPi * (i + 0.75) / (m + 0.5));  // Tricomi's approximation of the (i+1)-th largest root
    double derivative = 1.0;
    for (int iteration = 0; iteration < 100; ++iteration) {
      // Three-term recurrence (k + 1) P_{k+1} = (2k + 1) x P_k - k P_{k-1}; P_m' = m (x P_m - P_{m-1}) / (x² - 1).
      double p_prev = 1.0, p = x;
      for (int k = 1; k < m; ++k) {
        const double next = ((2 * k + 1) * x * p - k * p_prev) / (k + 1);
        p_prev = p;
        p = next;
      }
      derivative = m * (x * p - p_prev) / (x * x - 1.0);
      const double dx = p / derivative;
      x -= dx;
      if (std::abs(dx) < 1e-16) break;
    }
    rule.nodes(m - 1 - i) = x;
    rule.weights(m - 1 - i) = 2.0 / ((1.0 - x * x) * derivative * derivative);
  }
  return rule;
}

}  // namespace sgm
