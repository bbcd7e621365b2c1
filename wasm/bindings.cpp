// Embind bindings: the JavaScript face of the core. Bindings only; logic lives in core/ and io/.
//   run(json: string) -> string                 same result JSON as `sgm run`
//   catalogue() -> string                       every name and its meaning, as JSON
//   sweep(json: string) -> string               same result JSON as `sgm sweep`
//   inspect(json: string) -> string             same JSON as `sgm inspect` (objects at given times and points)
//   densityGrid(json, time, x0, x1, y0, y1, nx, ny) -> {time, logDensity, score, modelScore}: inspect() of the
//                                               experiment at the centres of nx × ny cells (cell_grid.hpp), as
//                                               Float64Arrays, the scores as (s_x, s_y) per point (s_y = 0 in 1-D)
//   estimate(json: string) -> string            same JSON as `sgm estimate`: work, bytes, parts, the limits (this
//                                               build's: 1 GB of memory, work_estimate.hpp) and whether within them
//   new SweepSession(json)                      a sweep run piece by piece (progress on the page):
//     .advance(k) -> bool (still running)  .runsDone() .runs() .result() -> string (completed points, slopes) .delete()
//   new SweepShardSession(json, i, n)           shard i of n of a sweep (runs r ≡ i mod n, sweep_shard.hpp), run
//                                               piece by piece in one of the page's workers:
//     .advance(k) -> bool (still running)  .runsDone() .runs() (the shard's)  .takeRuns() -> string: the runs done
//       since the last take, as the "runs" array of `sgm sweep --shard`    .delete()
//   new SweepMerge(json)                        the shards' runs merged by the core as they arrive, in any order:
//     .add(runs: string, a takeRuns() array) .runsDone() .runs() .result() -> string (as SweepSession.result(): the
//       unsharded sweep after runsDone() runs; all runs: exactly sweep(json))   .delete()
//   new Session(json)                           a run stepped from JavaScript (animation):
//     .advance(k) -> bool (still running)  .particles() -> Float64Array view (n × d, coordinate-major)
//     .count() .dimension() .time() .stepsDone() .steps() .result() -> string   .delete()
//     .resultFor(values: Float64Array) -> string: result() for the given particles in place of the run's own: all of
//       the experiment's "particles" (n × d, coordinate-major), e.g. gathered from the blocks of a run split across
//       workers (experiment field "block": {"first", "count"}; its Session holds particles first … first + count − 1
//       of the whole run), so that the result is the unsplit run's
//     .slicedDirections() -> the number of directions of the experiment's sliced W2 metrics (its "projections"; 0
//       when neither "sliced_w2" nor "sliced_w2_floor" is asked for)
//     .slicedTermsFor(values, first, last) -> Float64Array: the sliced W2 terms of directions first … last − 1 for the
//       given particles (as resultFor), direction by direction (Experiment::sliced_terms): the page's workers each
//       take a range of directions
//     .resultForTerms(values, terms: Float64Array) -> string: resultFor(values) given the terms of all directions
//       (the ranges' terms joined in direction order), the same result bit for bit without computing them
//   new Trainer(json)                           denoising score matching stepped from JavaScript (a training document,
//                                               as `sgm train` reads):
//     .advance(k) -> mean loss of the k steps  .stepsDone() .steps() .weights() -> string (as `sgm train --out`)
//     .scoreError(json) -> string: ε(t) of the current network on the grid of an experiment document (its target and
//       process are the training's; {times, epsilon, lower, upper, sup, weighted_square})   .delete()
// run() and Session take learned weights inline: "score": {"kind": "learned", "weights": {...}}.
// Every C++ exception becomes a JavaScript Error carrying the C++ message (docs/development.md: Emscripten 3.1.6 would
// otherwise throw a bare pointer).
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "sgm/base/error.hpp"
#include "sgm/io/experiment_json.hpp"
#include "sgm/io/inspection_json.hpp"
#include "sgm/io/learn_json.hpp"
#include "sgm/io/sweep_shard_json.hpp"
#include "sgm/io/work_estimate_json.hpp"

namespace {

using emscripten::val;

[[noreturn]] void throw_js_error(const std::string& message) {
  val::global("Error").new_(message).throw_();
  __builtin_unreachable();
}

template <class F>
auto guarded(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const std::exception& e) {
    throw_js_error(e.what());
  }
}

std::string run(const std::string& json) {
  return guarded([&] { return sgm::io::run_experiment_json(json); });
}

std::string sweep(const std::string& json) {
  return guarded([&] { return sgm::io::run_sweep_json(json); });
}

std::string inspect(const std::string& json) {
  return guarded([&] { return sgm::io::inspect_json(json); });
}

std::string estimate(const std::string& json) {
  return guarded([&] { return sgm::io::estimate_json(json); });
}

std::string catalogue() { return sgm::io::catalogue_json().dump(); }

// A JavaScript Float64Array holding a copy of values[0, size).
val float64_array(const double* values, std::size_t size) {
  return val(emscripten::typed_memory_view(size, values)).call<val>("slice");
}

val densityGrid(const std::string& json, double time, double x0, double x1, double y0, double y1, int nx, int ny) {
  return guarded([&] {
    const sgm::FieldAtTime f = sgm::io::inspect_cells(json, time, {x0, x1, y0, y1, nx, ny});
    const Eigen::Index n = f.log_density.size();
    // (s_x, s_y) per point, as the density view reads them.
    auto pairs = [&](const sgm::Particles& s) {
      std::vector<double> out(2 * static_cast<std::size_t>(n), 0.0);
      for (Eigen::Index k = 0; k < n; ++k) {
        out[2 * k] = s(k, 0);
        if (s.cols() > 1) out[2 * k + 1] = s(k, 1);
      }
      return float64_array(out.data(), out.size());
    };
    val out = val::object();
    out.set("time", f.time);
    out.set("logDensity", float64_array(f.log_density.data(), static_cast<std::size_t>(n)));
    out.set("score", pairs(f.score));
    out.set("modelScore", pairs(f.model_score));
    return out;
  });
}

class Session {
public:
  explicit Session(const std::string& json) : experiment_(guarded([&] { return make(json); })) {}

  bool advance(int k) {
    return guarded([&] {
      for (int i = 0; i < k && !experiment_->sampler().done(); ++i) experiment_->sampler().step();
      return !experiment_->sampler().done();
    });
  }
  // A view into wasm memory: valid until the next call that may allocate (advance, result). Copy it to keep it.
  val particles() const {
    const sgm::Particles& X = experiment_->sampler().particles();
    return val(emscripten::typed_memory_view(static_cast<std::size_t>(X.size()), X.data()));
  }
  int count() const { return static_cast<int>(experiment_->sampler().particles().rows()); }
  int dimension() const { return static_cast<int>(experiment_->sampler().particles().cols()); }
  double time() const { return experiment_->sampler().time(); }
  int stepsDone() const { return static_cast<int>(experiment_->sampler().steps_done()); }
  int steps() const { return static_cast<int>(experiment_->sampler().grid().steps()); }
  std::string result() const {
    return guarded([&] { return result_json(experiment_->evaluate()); });
  }
  std::string resultFor(const val& values) const {
    return guarded([&] { return result_json(experiment_->evaluate(particles_of(values))); });
  }
  int slicedDirections() const {
    return experiment_->sliced_samples() > 0 ? static_cast<int>(experiment_->config().projections) : 0;
  }
  val slicedTermsFor(const val& values, int first, int last) const {
    return guarded([&] {
      sgm::require(first >= 0 && first <= last, "directions", [&] {
        return "first = " + std::to_string(first) + ", last = " + std::to_string(last) +
               " is out of range: must satisfy 0 ≤ first ≤ last";
      });
      const std::vector<double> terms = experiment_->sliced_terms(particles_of(values), static_cast<std::size_t>(first),
                                                                  static_cast<std::size_t>(last));
      return float64_array(terms.data(), terms.size());
    });
  }
  std::string resultForTerms(const val& values, const val& terms) const {
    return guarded([&] {
      const sgm::Particles X = particles_of(values);
      return result_json(experiment_->evaluate(X, emscripten::convertJSArrayToNumberVector<double>(terms)));
    });
  }

private:
  // The run's particles from a JavaScript array of n × d values (coordinate-major), copied once into wasm memory.
  sgm::Particles particles_of(const val& values) const {
    const double length = values["length"].isNumber() ? values["length"].as<double>() : -1.0;
    const auto d = static_cast<Eigen::Index>(experiment_->config().target->dim());
    sgm::require(length >= 0.0 && std::fmod(length, static_cast<double>(d)) == 0.0, "particles", length,
                 "a multiple of the dimension " + std::to_string(d) + " (n × d values, coordinate-major)");
    sgm::Particles X(static_cast<Eigen::Index>(length) / d, d);
    // The view is taken after the allocation (an allocation may move wasm memory and detach views).
    val(emscripten::typed_memory_view(static_cast<std::size_t>(X.size()), X.data())).call<void>("set", values);
    return X;
  }
  std::string result_json(const sgm::ExperimentResult& result) const {
    return sgm::io::result_to_json(normalised_, experiment_->config(), result).dump();
  }

  std::unique_ptr<sgm::Experiment> make(const std::string& json) {
    return std::make_unique<sgm::Experiment>(sgm::io::parse_experiment(sgm::io::parse_json_text(json), &normalised_));
  }
  sgm::io::Json normalised_;
  std::unique_ptr<sgm::Experiment> experiment_;
};

// A sweep parsed from its document, with what SweepSession and SweepMerge both answer: the runs recorded, and the
// result (completed points and slopes) under the normalised document.
class SweepView {
public:
  explicit SweepView(const std::string& json) : sweep_(guarded([&] { return make(json); })) {}

  int runsDone() const { return static_cast<int>(sweep_->runs_done()); }
  int runs() const { return static_cast<int>(sweep_->runs()); }
  std::string result() const {
    return guarded(
        [&] { return sgm::io::sweep_result_to_json(normalised_, sweep_->config(), sweep_->result()).dump(); });
  }

protected:
  sgm::Sweep& sweep() { return *sweep_; }

private:
  std::unique_ptr<sgm::Sweep> make(const std::string& json) {
    return std::make_unique<sgm::Sweep>(sgm::io::parse_sweep(sgm::io::parse_json_text(json), &normalised_));
  }
  sgm::io::Json normalised_;
  std::unique_ptr<sgm::Sweep> sweep_;
};

class SweepSession : public SweepView {
public:
  explicit SweepSession(const std::string& json) : SweepView(json) {}

  bool advance(int k) {
    return guarded([&] {
      for (int i = 0; i < k && !sweep().done(); ++i) sweep().next();
      return !sweep().done();
    });
  }
};

class SweepShardSession {
public:
  SweepShardSession(const std::string& json, int index, int count)
      : sweep_(guarded(
            [&] { return std::make_unique<sgm::Sweep>(sgm::io::parse_sweep(sgm::io::parse_json_text(json))); })),
        runner_(guarded([&] {
          sgm::require(index >= 0, "shard", index, "a shard index i ≥ 0");
          sgm::require(count >= 1, "shard", count, "a shard count n ≥ 1");
          const sgm::SweepShard shard{static_cast<std::size_t>(index), static_cast<std::size_t>(count)};
          return std::make_unique<sgm::SweepShardRunner>(*sweep_, shard);
        })) {}

  bool advance(int k) {
    return guarded([&] {
      for (int i = 0; i < k && !runner_->done(); ++i) taken_.push_back(runner_->next());
      return !runner_->done();
    });
  }
  int runsDone() const { return static_cast<int>(runner_->runs_done()); }
  int runs() const { return static_cast<int>(runner_->runs()); }
  std::string takeRuns() {
    const std::string runs = sgm::io::sweep_runs_to_json(taken_).dump();
    taken_.clear();
    return runs;
  }

private:
  std::unique_ptr<sgm::Sweep> sweep_;
  std::unique_ptr<sgm::SweepShardRunner> runner_;
  std::vector<sgm::SweepRunValues> taken_;  // done, not yet taken
};

class SweepMerge : public SweepView {
public:
  explicit SweepMerge(const std::string& json) : SweepView(json), merger_(sweep()) {}

  void add(const std::string& runs) {
    guarded([&] {
      for (sgm::SweepRunValues& run : sgm::io::sweep_runs_from_json(sgm::io::parse_json_text(runs), "runs"))
        merger_.add(std::move(run));
    });
  }

private:
  sgm::SweepRunMerger merger_;
};

class Trainer {
public:
  explicit Trainer(const std::string& json)
      : document_(guarded([&] { return sgm::io::parse_training_within(sgm::io::parse_json_text(json), {}); })),
        trainer_(guarded([&] {
          return std::make_unique<sgm::DsmTrainer>(document_.target, document_.process, document_.options);
        })) {}

  double advance(int k) {
    return guarded([&] { return trainer_->advance(static_cast<std::size_t>(std::max(k, 0))); });
  }
  int stepsDone() const { return static_cast<int>(trainer_->steps_done()); }
  int steps() const { return static_cast<int>(document_.options.steps); }
  std::string weights() const { return sgm::io::weights_json(trainer_->network(), document_).dump(); }
  std::string scoreError(const std::string& json) const {
    return guarded([&] {
      sgm::io::Json doc = sgm::io::parse_json_text(json);
      doc["target"] = document_.normalised["target"];
      doc["process"] = document_.process_json;
      doc["score"] = {{"kind", "learned"}, {"weights", sgm::io::weights_json(trainer_->network(), document_)}};
      return sgm::io::score_error_json(doc).dump();
    });
  }

private:
  sgm::io::TrainingDocument document_;
  std::unique_ptr<sgm::DsmTrainer> trainer_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(sgmlab) {
  emscripten::function("run", &run);
  emscripten::function("sweep", &sweep);
  emscripten::function("catalogue", &catalogue);
  emscripten::function("inspect", &inspect);
  emscripten::function("densityGrid", &densityGrid);
  emscripten::function("estimate", &estimate);
  emscripten::class_<SweepView>("SweepView")
      .function("runsDone", &SweepView::runsDone)
      .function("runs", &SweepView::runs)
      .function("result", &SweepView::result);
  emscripten::class_<SweepSession, emscripten::base<SweepView>>("SweepSession")
      .constructor<std::string>()
      .function("advance", &SweepSession::advance);
  emscripten::class_<SweepShardSession>("SweepShardSession")
      .constructor<std::string, int, int>()
      .function("advance", &SweepShardSession::advance)
      .function("runsDone", &SweepShardSession::runsDone)
      .function("runs", &SweepShardSession::runs)
      .function("takeRuns", &SweepShardSession::takeRuns);
  emscripten::class_<SweepMerge, emscripten::base<SweepView>>("SweepMerge")
      .constructor<std::string>()
      .function("add", &SweepMerge::add);
  emscripten::class_<Session>("Session")
      .constructor<std::string>()
      .function("advance", &Session::advance)
      .function("particles", &Session::particles)
      .function("count", &Session::count)
      .function("dimension", &Session::dimension)
      .function("time", &Session::time)
      .function("stepsDone", &Session::stepsDone)
      .function("steps", &Session::steps)
      .function("result", &Session::result)
      .function("resultFor", &Session::resultFor)
      .function("slicedDirections", &Session::slicedDirections)
      .function("slicedTermsFor", &Session::slicedTermsFor)
      .function("resultForTerms", &Session::resultForTerms);
  emscripten::class_<Trainer>("Trainer")
      .constructor<std::string>()
      .function("advance", &Trainer::advance)
      .function("stepsDone", &Trainer::stepsDone)
      .function("steps", &Trainer::steps)
      .function("weights", &Trainer::weights)
      .function("scoreError", &Trainer::scoreError);
}
