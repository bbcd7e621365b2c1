#pragma once
// The Monte Carlo floors of a sweep's runs, computed once. A "_floor" metric compares two independent exact samples
// of q_δ (experiment.cpp, Experiment::evaluate): it depends on the target, the particle count n, the law q_δ = law of
// a X_0 + s Z that the run approximates, the seed and the number of projections — not on the sampler, its steps or
// the particles it produced. A convergence sweep over step counts and samplers repeats the same floors in every
// run of a replicate (the page's plot: 12 runs of 36 per floor value); with this cache the later runs reuse them,
// bitwise the values they would compute.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <tuple>

namespace sgm {

class Target;

class FloorCache {
public:
  // Everything a floor depends on. The target is identified by its object: a sweep's points share the base's target
  // unless the axis changes it (dimension), and then the keys differ.
  struct Key {
    const Target* target = nullptr;
    std::size_t particles = 0;
    double a = 1.0, s = 0.0;
    std::uint64_t seed = 0;
    std::size_t projections = 0;
    bool operator<(const Key& other) const {
      return std::tie(target, particles, a, s, seed, projections) <
             std::tie(other.target, other.particles, other.a, other.s, other.seed, other.projections);
    }
  };

  // The value stored for (key, name), or null.
  const double* find(const Key& key, const std::string& name) const;
  void store(const Key& key, const std::string& name, double value);

private:
  std::map<Key, std::map<std::string, double>> values_;
};

}  // namespace sgm
