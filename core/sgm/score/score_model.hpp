#pragma once
// Score models: s(t, x) ≈ ∇ log q_t(x), evaluated for a whole batch (one virtual call per batch, never per particle).
#include <memory>
#include <string>

#include "sgm/process/process.hpp"
#include "sgm/target/target.hpp"

namespace sgm {

class ScoreModel {
public:
  virtual ~ScoreModel() = default;
  virtual std::string name() const = 0;
  virtual int dim() const = 0;
  virtual void score(double t, const Particles& X, Particles& out) const = 0;
};

// The exact score of q_t: the target's score of a(t) X_0 + σ(t) Z.
class ExactScore final : public ScoreModel {
public:
  ExactScore(std::shared_ptr<const Target> target, std::shared_ptr<const Process> process);
  std::string name() const override { return "exact"; }
  int dim() const override { return target_->dim(); }
  void score(double t, const Particles& X, Particles& out) const override;

private:
  std::shared_ptr<const Target> target_;
  std::shared_ptr<const Process> process_;
};

}  // namespace sgm
