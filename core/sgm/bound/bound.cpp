#include "sgm/bound/bound.hpp"

#include <algorithm>

namespace sgm {

std::string assumption_status_name(AssumptionStatus status) {
  switch (status) {
    case AssumptionStatus::Holds:
      return "holds";
    case AssumptionStatus::Fails:
      return "fails";
    case AssumptionStatus::Unknown:
      return "unknown";
  }
  return "";
}

bool Bound::assumptions_hold() const {
  return std::all_of(assumptions.begin(), assumptions.end(),
                     [](const Assumption& a) { return a.status == AssumptionStatus::Holds; });
}

}  // namespace sgm
