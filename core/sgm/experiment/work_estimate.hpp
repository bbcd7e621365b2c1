#pragma once
// The cost of an experiment or a sweep, estimated from its configuration before any allocation or loop, and the limits
// it must stay within (README.md "Guarantees", docs/usage.md "Work and memory limits"). Work is counted in
// floating-point operations, roughly: each part is a product of the fields that drive it (particles × steps ×
// dimension × score evaluations per step × the target's cost per score evaluation, the metrics' n log n, n² or n³, the
// bounds' samples × steps × nodes), with constants that overestimate rather than underestimate. Bytes are the peak
// of the buffers held at once (particles and their workspaces, reference samples, metric and bound workspaces).
#include <string>
#include <vector>

namespace sgm {

struct ExperimentConfig;
struct SweepConfig;
struct TrainingOptions;
class Target;

struct WorkLimits {
  // Natively about a minute: examples/*.json run at 1.5–3 × 10^8 estimated operations per second on one core of the
  // development machine (`sgm estimate` beside the time of `sgm run`; the targets' costs are calibrated so); the CLI
  // raises it with --max-work. In WebAssembly 10^12, about an hour: the page cannot raise a limit, asks before a long
  // run, shows its progress and can cancel it, so its limit only stops a document that would run for hours (10^6
  // particles × 100 steps of the ring mixture, which the page offers, is 2 × 10^10).
#ifdef __EMSCRIPTEN__
  static constexpr double kDefaultWork = 1e12;
#else
  static constexpr double kDefaultWork = 1e10;
#endif
  // 2 GB natively; 1 GB in WebAssembly, whose 32-bit heap ends at 2 GB (Emscripten's default maximum) and grows by
  // copying, so a buffer of more than about half of it cannot be allocated reliably.
#ifdef __EMSCRIPTEN__
  static constexpr double kDefaultBytes = 1e9;
#else
  static constexpr double kDefaultBytes = 2e9;
#endif
  double max_work = kDefaultWork;
  double max_bytes = kDefaultBytes;
};

// One part of the cost: what it is, the fields that drive it with their values (for the message), work and bytes.
struct WorkPart {
  std::string name;
  std::string drivers;  // e.g. "particles 1000 × steps 100 × dimension 2 × score evaluations per step 1"
  double work = 0.0;
  double bytes = 0.0;
};

struct WorkEstimate {
  std::vector<WorkPart> parts;
  double work = 0.0;   // the sum of the parts' work
  double bytes = 0.0;  // the peak: the run's bytes plus the largest of the other parts' (they are not held at once)
};

WorkEstimate estimate_work(const ExperimentConfig& config);
// Every run of the sweep (samplers × values × replicates): work adds up, bytes are the largest run's.
WorkEstimate estimate_work(const SweepConfig& config);
// Denoising score matching (dsm_trainer.hpp) on the target's exact draws: steps × batch × (a forward and a backward
// pass), Adam's update of every parameter, and the preconditioning draws; bytes: the parameters with their gradient
// and Adam's two moments, and the batch's workspace.
WorkEstimate estimate_work(const Target& target, const TrainingOptions& options);

bool within(const WorkEstimate& estimate, const WorkLimits& limits);
// Throws InvalidArgument unless within: the message gives the estimate, the limit and the part that drives it most,
// with its fields, and says how to raise the limit. `what` names the job ("experiment", "sweep").
void require_within(const WorkEstimate& estimate, const WorkLimits& limits, const std::string& what);

}  // namespace sgm
