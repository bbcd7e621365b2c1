#include "sgm/bound/bound.hpp"

#include <algorithm>

#include "sgm/base/enum_names.hpp"

namespace sgm {

std::string assumption_status_name(AssumptionStatus status) {
  static constexpr EnumNames<AssumptionStatus, 3> kStatusNames{
      {{AssumptionStatus::Holds, "holds"}, {AssumptionStatus::Fails, "fails"}, {AssumptionStatus::Unknown, "unknown"}}};
  return name_of(kStatusNames, status);
}

bool Bound::assumptions_hold() const {
  return std::all_of(assumptions.begin(), assumptions.end(),
                     [](const Assumption& a) { return a.status == AssumptionStatus::Holds; });
}

}  // namespace sgm
