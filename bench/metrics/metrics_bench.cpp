// Cost and statistical behaviour of the distance computations. Prints one JSON line per case.
//   build/native/sgm_metrics_bench [time [largest n]]   seconds per call (best of 3); exact W2 by optimal assignment
//                                                       is O(n³): the limit on `particles` for the metric "w2" comes
//                                                       from these timings (docs/benchmarks.md, "Metrics"); sliced
//                                                       W2 and the sorts it rests on at 10^5 and 10^6 particles
//   build/native/sgm_metrics_bench sort                 only the sorts and sliced W2
//   build/native/sgm_metrics_bench million              every other sample metric of an experiment at 10^6
//                                                       particles of the 2-D ring (8 modes) against an exact sample
//   build/native/sgm_metrics_bench bias [seeds]         mean error ± standard error over seeds of the estimators
//                                                       (k-NN KL, histogram TV) on Gaussian pairs with known values
// Speed and estimator bias are measured here, never in tests.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <string>

#include "sgm/base/parallel_blocks.hpp"
#include "sgm/base/rng.hpp"
#include "sgm/metric/energy_distance.hpp"
#include "sgm/metric/gaussian_kl.hpp"
#include "sgm/metric/histogram_tv.hpp"
#include "sgm/metric/kl_estimate.hpp"
#include "sgm/metric/mode_occupancy.hpp"
#include "sgm/metric/wasserstein.hpp"
#include "sgm/numerics/normal_mixture_1d.hpp"
#include "sgm/numerics/radix_sort.hpp"
#include "sgm/target/gaussian.hpp"
#include "sgm/target/gaussian_mixture.hpp"

namespace {

sgm::Particles normals(Eigen::Index n, Eigen::Index d, std::uint64_t seed) {
  sgm::Particles z(n, d);
  sgm::CounterRng(seed).fill_normal(z, 0, sgm::Stream::TargetSample);
  return z;
}

double best_seconds(const std::function<double()>& run, double* value) {
  double best = 1e300;
  for (int repeat = 0; repeat < 3; ++repeat) {
    const auto start = std::chrono::steady_clock::now();
    *value = run();
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return best;
}

void report(const std::string& name, Eigen::Index n, Eigen::Index d, const std::function<double()>& run) {
  double value = 0.0;
  const double seconds = best_seconds(run, &value);
  std::cout << "{\"case\": \"" << name << "\", \"n\": " << n << ", \"d\": " << d << ", \"seconds\": " << seconds
            << ", \"value\": " << value << "}" << std::endl;
}

}  // namespace

// Mean and standard error of estimate - exact over `seeds` independent samples of size n.
void report_bias(const std::string& name, Eigen::Index n, int d, int seeds, double exact,
                 const std::function<double(std::uint64_t)>& estimate) {
  double sum = 0.0, sum2 = 0.0;
  for (int seed = 0; seed < seeds; ++seed) {
    const double e = estimate(static_cast<std::uint64_t>(seed)) - exact;
    sum += e;
    sum2 += e * e;
  }
  const double mean = sum / seeds, sd = std::sqrt(std::max(sum2 / seeds - mean * mean, 0.0) * seeds / (seeds - 1));
  std::cout << "{\"case\": \"" << name << "\", \"n\": " << n << ", \"d\": " << d << ", \"seeds\": " << seeds
            << ", \"exact\": " << exact << ", \"bias\": " << mean
            << ", \"bias_standard_error\": " << sd / std::sqrt(seeds) << ", \"sd\": " << sd << "}" << std::endl;
}

// P = N(0, I) against Q = N(m, S), d = 1 and 2: a pure shift (S = I: the pair of the estimator tests) and a shift
// with a change of shape (S ≠ I).
void bias_study(int seeds) {
  for (int d : {1, 2}) {
    for (bool shift_only : {true, false}) {
      const sgm::Vector m0 = sgm::Vector::Zero(d);
      const sgm::Matrix S0 = sgm::Matrix::Identity(d, d);
      sgm::Vector m1(d);
      sgm::Matrix S1(d, d);
      if (d == 1) {
        m1 << 1.0;
        S1 << 2.25;
      } else {
        m1 << 1.0, -0.5;
        S1 << 1.5, 0.3, 0.3, 0.8;
      }
      if (shift_only) S1 = S0;
      const sgm::Gaussian p(m0, S0), q(m1, S1);
      const double forward = sgm::gaussian_kl(m0, S0, m1, S1), reverse = sgm::gaussian_kl(m1, S1, m0, S0);
      const std::string pair = shift_only ? "_shift" : "_shape";
      for (Eigen::Index n : {1000, 4000, 16000}) {
        for (int k : {1, 5}) {
          const std::string suffix = pair + "_k" + std::to_string(k);
          report_bias("knn_kl_sample_to_density" + suffix, n, d, seeds, forward, [&](std::uint64_t seed) {
            const sgm::Particles X =
                p.sample(static_cast<std::size_t>(n), sgm::CounterRng(seed), sgm::Stream::TargetSample);
            return sgm::knn_kl_sample_to_density(X, q.log_density(1.0, 0.0, X), k);
          });
          report_bias("knn_kl_density_to_sample" + suffix, n, d, seeds, reverse, [&](std::uint64_t seed) {
            const sgm::CounterRng rng(seed);
            const sgm::Particles X = p.sample(static_cast<std::size_t>(n), rng, sgm::Stream::TargetSample);
            const sgm::Particles Y = q.sample(static_cast<std::size_t>(n), rng, sgm::Stream::Reference);
            return sgm::knn_kl_density_to_sample(Y, q.log_density(1.0, 0.0, Y), X, k);
          });
        }
      }
    }
  }
}

// Histogram TV: P = N(0, I) sampled against Q = N(μ e_1, I) (exact TV = erf(μ/(2√2))), μ = 1 and μ = 0 (P = Q: the
// noise floor).
void tv_bias_study(int seeds) {
  for (int d : {1, 2}) {
    for (double mu : {1.0, 0.0}) {
      const sgm::Gaussian p(sgm::Vector::Zero(d), sgm::Matrix::Identity(d, d));
      sgm::Vector shift = sgm::Vector::Zero(d);
      shift(0) = mu;
      const sgm::Gaussian q(shift, sgm::Matrix::Identity(d, d));
      const sgm::LogDensity log_q = [&](const sgm::Particles& X) { return q.log_density(1.0, 0.0, X); };
      for (Eigen::Index n : {1000, 4000, 16000}) {
        report_bias(mu > 0.0 ? "tv_histogram_shift" : "tv_histogram_null", n, d, seeds,
                    std::erf(mu / (2.0 * std::sqrt(2.0))), [&](std::uint64_t seed) {
                      const sgm::Particles X =
                          p.sample(static_cast<std::size_t>(n), sgm::CounterRng(seed), sgm::Stream::TargetSample);
                      return sgm::tv_histogram(X, log_q);
                    });
      }
    }
  }
}

// Sliced W2 at the page's scale: its cost is one sort per projection and sample, so the two sorts are timed too
// (value: the median, a check that both sorted the same numbers).
void sort_study() {
  for (Eigen::Index n : {100000, 1000000}) {
    const sgm::Vector z = normals(n, 1, 3).col(0);
    report("std_sort", n, 1, [&] {
      sgm::Vector v = z;
      std::sort(v.data(), v.data() + n);
      return v(n / 2);
    });
    sgm::RadixSorter sorter;  // buffers reused from one repeat to the next, as sliced W2 reuses them across directions
    report("radix_sort", n, 1, [&] {
      const std::uint64_t* keys =
          sorter.sort(static_cast<std::size_t>(n), [&](std::size_t first, std::size_t count, double* out) {
            std::copy(z.data() + first, z.data() + first + count, out);
          });
      return sgm::key_value(keys[n / 2]);
    });
    const sgm::Particles X = normals(n, 2, 1), F = normals(n, 2, 4), Y = 1.05 * normals(n, 2, 2).array() + 0.1;
    const sgm::Matrix directions = sgm::uniform_directions(2, 64, sgm::CounterRng(5));
    for (unsigned threads : {1u, 0u}) {
      report("sliced_w2_and_floor_64_threads_" + std::to_string(sgm::resolve_threads(threads)), n, 2, [&] {
        return sgm::sliced_w2_to_reference({&X, &F}, Y, directions, threads).front();
      });
    }
  }
}

// The sample metrics of Experiment::evaluate other than sliced W2 at 10^6 particles in 2-D: the 8-mode ring of the
// page (radius 3, σ = 0.3), its exact sample X against another, Y. energy_distance is O(n²) in d ≥ 2 (particles ≤ 20000
// in an experiment), so it is timed in 1-D only ("time").
void million_study() {
  const Eigen::Index n = 1000000;
  std::vector<double> weights;
  std::vector<sgm::Vector> means;
  std::vector<sgm::Matrix> covariances;
  for (int j = 0; j < 8; ++j) {
    const double angle = 2.0 * 3.141592653589793 * j / 8.0;
    weights.push_back(0.125);
    means.push_back((sgm::Vector(2) << 3.0 * std::cos(angle), 3.0 * std::sin(angle)).finished());
    covariances.push_back(0.09 * sgm::Matrix::Identity(2, 2));
  }
  const sgm::GaussianMixture ring(weights, means, covariances);
  const sgm::Particles X = ring.sample(static_cast<std::size_t>(n), sgm::CounterRng(1), sgm::Stream::TargetSample);
  const sgm::Particles Y = ring.sample(static_cast<std::size_t>(n), sgm::CounterRng(2), sgm::Stream::TargetSample);
  const sgm::LogDensity log_q = [&](const sgm::Particles& P) { return ring.log_density(1.0, 0.0, P); };
  report("w2_marginals", n, 2, [&] { return sgm::w2_1d(X.col(0), Y.col(0)) + sgm::w2_1d(X.col(1), Y.col(1)); });
  report("tv_histogram", n, 2, [&] { return sgm::tv_histogram(X, log_q); });
  report("mode_occupancy", n, 2,
         [&] { return sgm::mode_occupancy(ring.most_responsible_component(1.0, 0.0, X), ring.components())(0); });
  report("log_density", n, 2, [&] { return log_q(X)(0); });
  for (unsigned threads : {1u, 0u}) {
    const std::string on = "_threads_" + std::to_string(sgm::resolve_threads(threads));
    report("kl_estimate_k5" + on, n, 2, [&] { return sgm::knn_kl_sample_to_density(X, log_q(X), 5, threads); });
    report("kl_estimate_reverse_k1" + on, n, 2,
           [&] { return sgm::knn_kl_density_to_sample(Y, log_q(Y), X, 1, threads); });
  }
}

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "time";
  if (mode == "bias") {
    const int seeds = argc > 2 ? static_cast<int>(std::strtol(argv[2], nullptr, 10)) : 200;
    bias_study(seeds);
    tv_bias_study(seeds);
    return 0;
  }
  if (mode == "sort") {
    sort_study();
    return 0;
  }
  if (mode == "million") {
    million_study();
    return 0;
  }
  if (mode != "time") {
    std::cerr << "usage: sgm_metrics_bench [time [largest n]] | bias [seeds] | sort | million\n";
    return 2;
  }
  const long largest = argc > 2 ? std::strtol(argv[2], nullptr, 10) : 4000;
  for (Eigen::Index n = 250; n <= largest; n *= 2) {
    for (Eigen::Index d : {1, 2, 8}) {
      // Particles against a slightly shifted, rescaled cloud: the regime of a sampler compared with q_δ.
      const sgm::Particles X = normals(n, d, 1), Y = 1.05 * normals(n, d, 2).array() + 0.1;
      report("w2_assignment", n, d, [&] { return sgm::w2(X, Y); });
    }
  }
  // The other distances at the sizes the experiment allows.
  for (Eigen::Index n : {2000, 20000}) {
    const sgm::Particles X = normals(n, 2, 1), Y = 1.05 * normals(n, 2, 2).array() + 0.1;
    report("energy_distance", n, 2, [&] { return sgm::energy_distance(X, Y); });
  }
  const sgm::Gaussian q(sgm::Vector::Zero(2), sgm::Matrix::Identity(2, 2));
  const sgm::LogDensity log_q = [&](const sgm::Particles& P) { return q.log_density(1.0, 0.0, P); };
  for (Eigen::Index n : {100000, 1000000}) {
    const sgm::Particles X1 = normals(n, 1, 1), Y1 = 1.05 * normals(n, 1, 2).array() + 0.1;
    report("energy_distance", n, 1, [&] { return sgm::energy_distance(X1, Y1); });
    const sgm::NormalMixture1d law({0.5, 0.5}, {-1.0, 1.0}, {0.5, 0.3});
    report("w2_to_law_1d_2_components", n, 1, [&] { return sgm::w2_to_law_1d(X1.col(0), law); });
    const sgm::Particles X = normals(n, 2, 1);
    report("tv_histogram", n, 2, [&] { return sgm::tv_histogram(X, log_q); });
    report("knn_kl_sample_to_density_k5", n, 2, [&] { return sgm::knn_kl_sample_to_density(X, log_q(X), 5); });
  }
  sort_study();
}
