#include "sgm/io/work_estimate_json.hpp"

#include "sgm/io/experiment_json.hpp"
#include "sgm/io/learn_json.hpp"

namespace sgm::io {

namespace {
// A training document (learn_json.hpp) has fields no experiment has; a document with none of them is an experiment.
bool is_training(const Json& doc) {
  for (const char* key : {"network", "batch", "learning_rate", "schedule", "time_sampling"})
    if (doc.contains(key)) return true;
  return false;
}
}  // namespace

Json estimate_document(const Json& doc, const WorkLimits& limits) {
  const bool sweep = doc.is_object() && doc.contains("sweep"), training = doc.is_object() && is_training(doc);
  WorkEstimate e;
  if (sweep)
    e = estimate_work(parse_sweep(doc));
  else if (training) {
    const TrainingDocument t = parse_training(doc);
    e = estimate_work(*t.target, t.options);
  } else
    e = estimate_work(parse_experiment(doc));
  Json parts = Json::array();
  for (const WorkPart& p : e.parts)
    parts.push_back({{"name", p.name}, {"drivers", p.drivers}, {"work", p.work}, {"bytes", p.bytes}});
  return {{"job", sweep      ? "sweep"
                  : training ? "training"
                             : "experiment"},
          {"work", e.work},
          {"bytes", e.bytes},
          {"within", within(e, limits)},
          {"limits", {{"work", limits.max_work}, {"bytes", limits.max_bytes}}},
          {"parts", parts}};
}

std::string estimate_json(const std::string& text) { return estimate_document(parse_json_text(text), {}).dump(); }

}  // namespace sgm::io
