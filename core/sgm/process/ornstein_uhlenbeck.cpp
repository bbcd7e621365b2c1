#include "sgm/process/ornstein_uhlenbeck.hpp"

#include "sgm/base/registry.hpp"
#include "sgm/experiment/process_diffusion.hpp"

namespace sgm {

OrnsteinUhlenbeck::OrnsteinUhlenbeck()
    : TimeChangedProcess("ou", ProcessFamily::VariancePreserving, std::make_shared<LinearSchedule>(2.0, 2.0)) {}

}  // namespace sgm

namespace sgm {
namespace {

// T = 5: the horizon of the foundation (docs/theory.md §7.9).
[[gnu::cold]] bool register_ornstein_uhlenbeck() {
  return Registry<Diffusion>::add({
      "ou",
      "Ornstein–Uhlenbeck dX = -X dt + √2 dB, prior N(0, I)",
      "docs/theory.md §1; Chen et al. 2209.11215",
      {},
      [](const Arguments&, const Context&) {
        return std::make_shared<ProcessDiffusion>(std::make_shared<OrnsteinUhlenbeck>(), 5.0, 1e-3);
      },
      {},
      ProcessDiffusion::kFamily,
  });
}
const bool registered_ornstein_uhlenbeck = register_ornstein_uhlenbeck();

}  // namespace
}  // namespace sgm
