#include "sgm/score/score_model.hpp"

namespace sgm {

ExactScore::ExactScore(std::shared_ptr<const Target> target, std::shared_ptr<const Process> process)
    : target_(std::move(target)), process_(std::move(process)) {}

void ExactScore::score(double t, const Particles& X, Particles& out) const {
  target_->score(process_->mean_coeff(t), process_->std(t), X, out);
}

}  // namespace sgm
