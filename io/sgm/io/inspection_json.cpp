#include "sgm/io/inspection_json.hpp"

#include <utility>

#include "sgm/base/error.hpp"
#include "sgm/io/registry_json.hpp"

namespace sgm::io {

namespace {

// The "inspect" field: {"times": [...], "points": [[...], ...]}, both optional.
InspectionRequest parse_request(const Json& doc) {
  InspectionRequest request;
  if (!doc.contains("inspect")) return request;
  const Json& j = doc["inspect"];
  require_object(j, "inspect", {"points", "times"});
  if (j.contains("times")) {
    const Vector times = vector_of(j["times"], "inspect.times");
    request.times.assign(times.data(), times.data() + times.size());
  }
  if (j.contains("points")) request.points = matrix_of(j["points"], "inspect.points");
  return request;
}

}  // namespace

Json inspection_to_json(const Inspection& in) {
  Json fields = Json::array();
  for (const FieldAtTime& f : in.fields) {
    fields.push_back({{"time", f.time},
                      {"log_density", value_json(f.log_density, ParameterType::Number)},
                      {"score", value_json(f.score, ParameterType::Number)},
                      {"model_score", value_json(f.model_score, ParameterType::Number)}});
  }
  return {{"times", in.times},
          {"process",
           {{"mean_coeff", in.process.mean_coeff},
            {"std", in.process.std},
            {"drift_rate", in.process.drift_rate},
            {"diffusion_sq", in.process.diffusion_sq},
            {"prior_std", in.process.prior_std}}},
          {"grid", in.grid},
          {"sampler",
           {{"name", in.sampler.name},
            {"family", in.sampler.family},
            {"weak_order", in.sampler.weak_order},
            {"score_evaluations_per_step", in.sampler.score_evaluations_per_step},
            {"path_kl_scheme", scheme_name(in.sampler.path_kl_scheme)}}},
          {"fields", fields}};
}

ExperimentConfig parse_inspection(Json doc, InspectionRequest& request, Json* normalised) {
  require(doc.is_object(), "experiment", "must be a JSON object");
  request = parse_request(doc);
  doc.erase("inspect");
  return parse_experiment(doc, normalised);
}

Json inspect_document(Json doc) {
  InspectionRequest request;
  Json normalised;
  const ExperimentConfig config = parse_inspection(std::move(doc), request, &normalised);
  Json out = inspection_to_json(inspect(config, request));
  out["config"] = normalised;
  return out;
}

std::string inspect_json(const std::string& text) { return inspect_document(parse_json_text(text)).dump(); }

FieldAtTime inspect_cells(const std::string& text, double time, const CellGrid& cells) {
  InspectionRequest ignored;
  const ExperimentConfig config = parse_inspection(parse_json_text(text), ignored);
  Inspection in = inspect(config, cell_centre_request(time, cells, static_cast<int>(config.target->dim())));
  require(!in.fields.empty(), "process", "has no density of q_t on R^d to inspect (its state is not x alone)");
  return std::move(in.fields.front());
}

}  // namespace sgm::io
