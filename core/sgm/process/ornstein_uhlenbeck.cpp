#include "sgm/process/ornstein_uhlenbeck.hpp"

namespace sgm {

OrnsteinUhlenbeck::OrnsteinUhlenbeck()
    : TimeChangedProcess("ou", ProcessFamily::VariancePreserving, std::make_shared<LinearSchedule>(2.0, 2.0)) {}

}  // namespace sgm
