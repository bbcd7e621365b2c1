#include "support/linear_sampler_cases.hpp"

#include "sgm/sampler/annealed_langevin.hpp"
#include "sgm/sampler/ddim.hpp"
#include "sgm/sampler/ddpm_ancestral.hpp"
#include "sgm/sampler/euler_maruyama.hpp"
#include "sgm/sampler/exponential_integrator.hpp"
#include "sgm/sampler/probability_flow.hpp"

namespace sgm::test {

std::vector<LinearSamplerCase> linear_sampler_cases(double final_time, int ald_moves_per_level, double ald_step_ratio) {
  const double sigma_l = ou_std(final_time), ald_step = ald_step_ratio * sigma_l * sigma_l;
  return {
      {"em", std::make_shared<EulerMaruyama>(), em_moves},
      {"ei", std::make_shared<ExponentialIntegrator>(), ei_moves},
      {"ddpm fixed_small", std::make_shared<DdpmAncestral>(DdpmVariance::FixedSmall), ddpm_moves(false)},
      {"ddpm fixed_large", std::make_shared<DdpmAncestral>(DdpmVariance::FixedLarge), ddpm_moves(true)},
      {"ddim eta=0", std::make_shared<Ddim>(0.0), ddim_moves(0.0)},
      {"ddim eta=0.5", std::make_shared<Ddim>(0.5), ddim_moves(0.5)},
      {"ddim eta=1", std::make_shared<Ddim>(1.0), ddim_moves(1.0)},
      {"pf_euler", std::make_shared<ProbabilityFlowEuler>(), pf_euler_moves},
      {"pf_heun", std::make_shared<ProbabilityFlowHeun>(), pf_heun_moves},
      {"ald", std::make_shared<AnnealedLangevin>(ald_step, ald_moves_per_level, sigma_l),
       ald_moves(ald_step, ald_moves_per_level, sigma_l)},
  };
}

}  // namespace sgm::test
