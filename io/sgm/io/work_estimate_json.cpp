#include "sgm/io/work_estimate_json.hpp"

#include "sgm/io/experiment_json.hpp"

namespace sgm::io {

Json estimate_document(const Json& doc, const WorkLimits& limits) {
  const bool sweep = doc.is_object() && doc.contains("sweep");
  const WorkEstimate e = sweep ? estimate_work(parse_sweep(doc)) : estimate_work(parse_experiment(doc));
  Json parts = Json::array();
  for (const WorkPart& p : e.parts)
    parts.push_back({{"name", p.name}, {"drivers", p.drivers}, {"work", p.work}, {"bytes", p.bytes}});
  return {{"job", sweep ? "sweep" : "experiment"},
          {"work", e.work},
          {"bytes", e.bytes},
          {"within", within(e, limits)},
          {"limits", {{"work", limits.max_work}, {"bytes", limits.max_bytes}}},
          {"parts", parts}};
}

std::string estimate_json(const std::string& text) { return estimate_document(parse_json_text(text), {}).dump(); }

}  // namespace sgm::io
