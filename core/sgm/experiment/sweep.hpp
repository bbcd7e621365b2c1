#pragma once
// A convergence sweep: one experiment repeated over the values of one parameter (the number of steps N, the horizon
// T, the early-stopping time δ, the score-error size ε or the dimension d of a product target), for one or more
// samplers, with replicate seeds. Each point reports every scalar metric of the experiment, and every requested bound
// (by its name), as a mean over replicates with its CLT interval; each (sampler, metric) series gets a fitted log-log
// slope against the swept parameter with its interval (statistics.hpp). Runs one experiment per call of next(), so a
// page can show progress; run() does them all.
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sgm/base/statistics.hpp"
#include "sgm/experiment/experiment.hpp"
#include "sgm/experiment/floor_cache.hpp"

namespace sgm {

enum class SweepAxis { Steps, Horizon, EarlyStop, ScoreEpsilon, Dimension };
// "steps", "T", "delta", "epsilon", "dimension"
SweepAxis sweep_axis_from_name(const std::string& name, const std::string& field = "sweep.axis");
std::string sweep_axis_name(SweepAxis axis);

struct SweepConfig {
  ExperimentConfig base;
  SweepAxis axis = SweepAxis::Steps;
  std::vector<double> values;  // at least two distinct values
  std::vector<std::shared_ptr<const SamplerMethod>>
      samplers;                         // one series each (the process's family); empty: the base
  std::size_t replicates = 4;           // seeds base.seed, base.seed + 1, ...
  double confidence = 0.95;             // level of every interval
  double fit_from = 0.0, fit_to = 0.0;  // slope window on the swept values; 0 = unbounded
  // For the axis "dimension": the target in dimension d (the front end builds it from the target's description).
  std::function<std::shared_ptr<const Target>(int)> target_of_dimension;
};

// The experiment of every point, by sampler (the base's when none is given) then value; validates each value.
std::vector<ExperimentConfig> sweep_points(const SweepConfig& config);

struct SweepPoint {
  std::string sampler;
  double value = 0.0;
  std::map<std::string, Estimate> metrics;
};

struct SweepSlope {
  std::string sampler;
  std::string metric;
  SlopeFit fit;
};

struct SweepResult {
  std::vector<SweepPoint> points;  // completed points, by sampler then value
  std::vector<SweepSlope> slopes;  // series with at least two completed points in the window, all means > 0
};

class Sweep {
public:
  static constexpr std::size_t kMaxRuns = 100000;
  explicit Sweep(SweepConfig config);  // validates every field (each point's experiment is validated up front)

  std::size_t runs() const { return configs_.size() * config_.replicates; }
  std::size_t runs_done() const { return done_; }
  bool done() const { return done_ >= runs(); }
  void next();  // one replicate of one point; no-op when done
  void run();
  // The two halves of next(), for sharded sweeps (sweep_shard.hpp). Run r (r < runs()) is replicate r % replicates
  // of point r / replicates, with seed base.seed + replicate; measure(r) runs it and returns every value next() would
  // record for it (scalar metrics and finite bounds, by name). record(values) stores them as the next run's values.
  std::map<std::string, double> measure(std::size_t run) const;
  void record(const std::map<std::string, double>& values);
  SweepResult result() const;
  const SweepConfig& config() const { return config_; }

private:
  SweepConfig config_;
  std::vector<ExperimentConfig> configs_;                           // by sampler then value
  std::vector<std::map<std::string, std::vector<double>>> values_;  // per point: metric -> replicate values
  std::size_t done_ = 0;
  mutable FloorCache floors_;  // the runs' shared floors (measure() fills it; the values are the same either way)
};

}  // namespace sgm
