// The kind queries that stand for dynamic_cast (the WebAssembly module is built without RTTI, docs/development.md):
// SamplerMethod::as_stepper / as_cld_sampler, Stepper::as_predictor_corrector, Diffusion::as_process_diffusion,
// Target::product_form and ScalarLaw::symmetric_modified_half_normal. Independent reference: dynamic_cast itself,
// which the native build keeps, on every registered sampler and target.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sgm/base/error.hpp"
#include "sgm/base/registry.hpp"
#include "sgm/experiment/catalogue.hpp"
#include "sgm/experiment/cld_diffusion.hpp"
#include "sgm/experiment/process_diffusion.hpp"
#include "sgm/sampler/cld_sampler.hpp"
#include "sgm/sampler/predictor_corrector.hpp"
#include "sgm/target/modified_half_normal.hpp"
#include "sgm/target/product_target.hpp"

using namespace sgm;

TEST_CASE("each registered sampler answers as_stepper, as_cld_sampler and as_predictor_corrector as dynamic_cast") {
  for (const std::string family : {ProcessDiffusion::kFamily, CldDiffusion::kFamily}) {
    const std::shared_ptr<const Diffusion> diffusion = make_diffusion(family == CldDiffusion::kFamily ? "cld" : "ou");
    const Context context = diffusion->context(5.0, 1e-3, 2);
    for (const Entry<SamplerMethod>* entry : Registry<SamplerMethod>::entries(family)) {
      INFO(entry->name);
      const std::shared_ptr<const SamplerMethod> sampler =
          entry->make(Registry<SamplerMethod>::defaults(*entry, context), context);
      CHECK(sampler->as_stepper() == dynamic_cast<const Stepper*>(sampler.get()));
      CHECK(sampler->as_cld_sampler() == dynamic_cast<const CldSampler*>(sampler.get()));
      CHECK((sampler->as_stepper() != nullptr) == (family == ProcessDiffusion::kFamily));
      CHECK((sampler->as_cld_sampler() != nullptr) == (family == CldDiffusion::kFamily));
      if (const Stepper* stepper = sampler->as_stepper())
        CHECK(stepper->as_predictor_corrector() == dynamic_cast<const PredictorCorrector*>(stepper));
    }
  }
  const Context ou = make_diffusion("ou")->context(5.0, 1e-3, 2);
  CHECK(make_stepper("pc", ou)->as_predictor_corrector() != nullptr);
  CHECK(make_stepper("em", ou)->as_predictor_corrector() == nullptr);
}

TEST_CASE("pc's predictor shares the registry sampler's ownership; a CLD sampler as predictor is refused by name") {
  const Context ou = make_diffusion("ou")->context(5.0, 1e-3, 2);
  const auto pc = std::static_pointer_cast<const PredictorCorrector>(make_stepper("pc", ou));
  CHECK(pc->predictor().name() == "em");

  const Entry<SamplerMethod>& entry = Registry<SamplerMethod>::at("pc", "sampler");
  Arguments arguments = Registry<SamplerMethod>::defaults(entry, ou);
  const Entry<SamplerMethod>& cld_em = Registry<SamplerMethod>::at("cld_em", "sampler");
  const Context cld = make_diffusion("cld")->context(5.0, 1e-3, 2);
  arguments.set("predictor",
                std::make_shared<const Spec>(Spec{"cld_em", Registry<SamplerMethod>::defaults(cld_em, cld)}));
  CHECK_THROWS_WITH_AS(entry.make(arguments, ou), doctest::Contains("predictor"), InvalidArgument);
}

TEST_CASE("as_process_diffusion, product_form and symmetric_modified_half_normal answer as dynamic_cast") {
  for (const std::string& name : Registry<Diffusion>::names()) {
    INFO(name);
    const std::shared_ptr<const Diffusion> diffusion = make_diffusion(name);
    CHECK(diffusion->as_process_diffusion() == dynamic_cast<const ProcessDiffusion*>(diffusion.get()));
  }
  CHECK(make_diffusion("ou")->as_process_diffusion() != nullptr);
  CHECK(make_diffusion("cld")->as_process_diffusion() == nullptr);
  CHECK_THROWS_WITH_AS(make_process("cld"), doctest::Contains("is not a process on R^d"), InvalidArgument);

  // One target of each kind, with its required parameters given and the others at their defaults.
  const std::vector<std::pair<std::string, std::vector<std::pair<std::string, Value>>>> targets = {
      {"elastic_net", {{"dim", 2.0}, {"lambda1", 1.0}, {"lambda2", 1.0}}},
      {"modified_half_normal", {{"dim", 2.0}, {"alpha", 1.0}, {"beta", 1.0}, {"gamma", 0.0}}},
      {"modified_half_normal", {{"dim", 2.0}, {"alpha", 2.0}, {"beta", 1.0}, {"gamma", 0.5}}},
      {"double_well", {{"dim", 2.0}}},
      {"gaussian", {{"mean", Vector(Vector::Zero(2))}, {"covariance", Matrix(Matrix::Identity(2, 2))}}}};
  for (const auto& [name, given] : targets) {
    const std::string target_name = name;
    INFO(target_name);
    Context context;
    context.dim = 2;
    const Entry<Target>& entry = Registry<Target>::at(target_name, "target");
    Arguments arguments;
    for (const Parameter& p : entry.parameters)
      if (!p.required()) arguments.set(p.name, p.default_value(context));
    for (const auto& [key, value] : given) arguments.set(key, value);
    const std::shared_ptr<const Target> target = entry.make(arguments, context);
    const auto* product = dynamic_cast<const ProductTarget*>(target.get());
    CHECK(target->product_form() == product);
    CHECK((product != nullptr) == (target_name != "gaussian"));
    if (product != nullptr)
      CHECK(product->law().symmetric_modified_half_normal() ==
            dynamic_cast<const SymmetricModifiedHalfNormal*>(&product->law()));
  }
}
