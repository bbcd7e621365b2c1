#include "sgm/score/score_error.hpp"

#include <cmath>
#include <cstring>

#include "sgm/base/enum_names.hpp"
#include "sgm/base/error.hpp"

namespace sgm {

namespace {

// The 32-bit counter word of time t for the noisy error: its bit pattern folded, so that each time of a grid draws
// its own noise and a second evaluation at the same (particle, t) draws the same (Heun, predictor–corrector).
std::uint32_t time_word(double t) {
  std::uint64_t bits = 0;
  std::memcpy(&bits, &t, sizeof bits);
  return static_cast<std::uint32_t>(bits ^ (bits >> 32));
}

}  // namespace

namespace {
constexpr EnumNames<ScoreErrorKind, 3> kScoreErrorKindNames{
    {{ScoreErrorKind::Bias, "bias"}, {ScoreErrorKind::Field, "field"}, {ScoreErrorKind::Noise, "noise"}}};
}  // namespace

ScoreErrorKind score_error_kind_from_name(const std::string& name, const std::string& field) {
  return value_named(kScoreErrorKindNames, field, name);
}

std::string score_error_kind_name(ScoreErrorKind kind) { return name_of(kScoreErrorKindNames, kind); }

void validate_score_error(const ScoreErrorSpec& spec, int dim) {
  require(spec.epsilon >= 0.0 && spec.epsilon <= kMaxScoreError, "epsilon", spec.epsilon, [] {
    return "a number in [0, " + format_value(kMaxScoreError) +
           "] (beyond it an error is meaningless, and near 1e308 it overflows the run)";
  });
  require(std::abs(spec.frequency) <= kMaxFrequency, "frequency", spec.frequency, [] {
    return "a number in [-" + format_value(kMaxFrequency) + ", " + format_value(kMaxFrequency) +
           "] (beyond it ω·x overflows or loses every digit of its phase)";
  });
  require(spec.kind != ScoreErrorKind::Field || dim >= 2, "kind",
          "a \"field\" error needs dimension ≥ 2 (it rotates in the plane of two orthonormal vectors), got dimension " +
              std::to_string(dim));
}

ScoreWithError::ScoreWithError(std::shared_ptr<const ScoreModel> exact, ScoreErrorKind kind, double epsilon,
                               double frequency, std::uint64_t seed, std::uint32_t first_particle)
    : exact_(std::move(exact)),
      kind_(kind),
      epsilon_(epsilon),
      frequency_(frequency),
      rng_(seed),
      first_particle_(first_particle) {
  require(exact_ != nullptr, "score", "needs an exact score to perturb");
  validate_score_error({kind, epsilon, frequency}, exact_->dim());
}

void ScoreWithError::error(double t, const Particles& X, Particles& out) const {
  const Eigen::Index n = X.rows(), d = X.cols();
  const double unit = 1.0 / std::sqrt(static_cast<double>(d));
  out.resize(n, d);
  switch (kind_) {
    case ScoreErrorKind::Bias:
      out.setConstant(epsilon_ * unit);
      break;
    case ScoreErrorKind::Field: {
      // u1 = (1, -1, 0, …)/√2 and u2 = (1, 1, -2, 0, …)/√6 (d ≥ 3) or (1, 1)/√2 (d = 2): orthonormal.
      Vector u1 = Vector::Zero(d), u2 = Vector::Zero(d);
      u1(0) = 1.0 / std::sqrt(2.0);
      u1(1) = -1.0 / std::sqrt(2.0);
      if (d == 2) {
        u2 << 1.0 / std::sqrt(2.0), 1.0 / std::sqrt(2.0);
      } else {
        u2(0) = u2(1) = 1.0 / std::sqrt(6.0);
        u2(2) = -2.0 / std::sqrt(6.0);
      }
      const Vector phase = (frequency_ * unit) * X.rowwise().sum();  // ω·x with ω = ω0 (1, …, 1)/√d
      out = epsilon_ * (phase.array().cos().matrix() * u1.transpose() + phase.array().sin().matrix() * u2.transpose());
      break;
    }
    case ScoreErrorKind::Noise:
      rng_.fill_normal(out, time_word(t), Stream::ScoreError, first_particle_);
      out *= epsilon_ * unit;
      break;
  }
}

void ScoreWithError::score(double t, const Particles& X, Particles& out) const {
  exact_->score(t, X, out);
  thread_local Particles e;
  error(t, X, e);
  out += e;
}

}  // namespace sgm

namespace sgm {
namespace {

// The score models of the registry: the exact score (no error: a null spec), or the exact score plus an error.
Parameter epsilon() {
  return Parameter::number("epsilon", "the L² size ε of the error").within(closed(0.0, kMaxScoreError));
}

Entry<ScoreErrorSpec> error_entry(ScoreErrorKind kind, std::string meaning, std::vector<Parameter> parameters) {
  return {score_error_kind_name(kind), std::move(meaning), "docs/theory.md §2, §9.7", std::move(parameters),
          [kind](const Arguments& a, const Context& c) {
            ScoreErrorSpec spec;
            spec.kind = kind;
            spec.epsilon = a.number("epsilon");
            if (a.has("frequency")) spec.frequency = a.number("frequency");
            validate_score_error(spec, c.dim);
            return std::make_shared<ScoreErrorSpec>(spec);
          }};
}

[[gnu::cold]] bool register_score_errors() {
  return Registry<ScoreErrorSpec>::add(
             {"exact",
              "the exact score of q_t",
              "docs/theory.md §1",
              {},
              [](const Arguments&, const Context&) { return std::shared_ptr<ScoreErrorSpec>(); }}) &&
         Registry<ScoreErrorSpec>::add(
             error_entry(ScoreErrorKind::Bias, "exact score + the constant vector ε (1, …, 1)/√d", {epsilon()})) &&
         Registry<ScoreErrorSpec>::add(error_entry(
             ScoreErrorKind::Field, "exact score + ε (cos(ω·x) u1 + sin(ω·x) u2): smooth, |e| = ε everywhere (d ≥ 2)",
             {epsilon(), Parameter::number("frequency", "ω0, the frequency of the field")
                             .with_default(1.0)
                             .within(closed(-kMaxFrequency, kMaxFrequency))})) &&
         Registry<ScoreErrorSpec>::add(
             error_entry(ScoreErrorKind::Noise,
                         "exact score + ε ξ/√d with fresh standard normals ξ per particle and time", {epsilon()})) &&
         // A trained network: written {"kind": "learned", "weights": {...}}; io/sgm/io/learn_json.hpp reads the weights
         // document into a ScoreModel before any registry factory runs, so this entry declares the parameter (the
         // catalogue, `sgm list` and the page read it) and its factory only says where the weights go.
         Registry<ScoreErrorSpec>::add(
             {"learned",
              "a score network trained by denoising score matching (sgm train): {\"kind\": "
              "\"learned\", \"weights\": {...}} (CLI: or \"file\": path)",
              "docs/theory.md §14",
              {Parameter::of_type(ParameterType::Document, "weights",
                                  "the network's weights document, as sgm train --out writes it")},
              [](const Arguments&, const Context&) -> std::shared_ptr<ScoreErrorSpec> {
                throw InvalidArgument(
                    "score: \"learned\" needs its weights: {\"kind\": \"learned\", "
                    "\"weights\": {...}} (written by sgm train)");
              }});
}
const bool registered_score_error = register_score_errors();

}  // namespace
}  // namespace sgm
