#include "sgm/process/process.hpp"

#include <cmath>
#include <limits>

#include "sgm/base/error.hpp"

namespace sgm {

void require_horizon(const Process& process, double T) {
  const double a = process.mean_coeff(T), s = process.std(T);
  require(a >= std::numeric_limits<double>::min() && std::isfinite(s), "T", T,
          "small enough for process \"" + process.name() + "\" that a(T) > 2.2e-308 and σ(T) is finite (here a(T) = " +
              format_value(a) + ", σ(T) = " + format_value(s) + ")");
}

}  // namespace sgm
