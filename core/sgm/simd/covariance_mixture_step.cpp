// The float32 full-covariance mixture step (covariance_mixture_step.hpp), compiled once per Highway target as
// mixture_step.cpp is (the targets: dispatch_targets.h).
#include "sgm/simd/dispatch_targets.h"
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "sgm/simd/covariance_mixture_step.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep

#include <hwy/highway.h>

#include "sgm/simd/covariance_mixture_step.hpp"
#include "sgm/simd/step_noise-inl.h"

#include <vector>

HWY_BEFORE_NAMESPACE();
namespace sgm {
namespace HWY_NAMESPACE {

void CovarianceMixtureStep(const CovarianceMixtureStepCoefficients& c, float* x, std::size_t stride, std::size_t first,
                           std::size_t count) {
  const DF df;
  const std::size_t lanes = hn::Lanes(df);
  const auto d = static_cast<std::size_t>(c.dim);
  const auto k = static_cast<std::size_t>(c.components);
  // Per lane (d × lanes each): r = x - a μ_j, then P_j r, then the running Σ_j e^{ℓ_j - M} P_j r.
  thread_local std::vector<float> offset, product, sum;
  offset.resize(d * lanes);
  product.resize(d * lanes);
  sum.resize(d * lanes);
  for (std::size_t i = first; i < first + count; i += lanes) {
    VF top = hn::Zero(df), total = hn::Zero(df);
    for (std::size_t j = 0; j < k; ++j) {
      const float* centre = c.centres + j * d;
      const float* precision = c.precisions + j * d * d;
      for (std::size_t m = 0; m < d; ++m)
        hn::StoreU(hn::Sub(hn::LoadU(df, x + m * stride + i), hn::Set(df, centre[m])), df, offset.data() + m * lanes);
      VF quad = hn::Zero(df);
      for (std::size_t m = 0; m < d; ++m) {
        VF pr = hn::Zero(df);
        for (std::size_t n = 0; n < d; ++n)
          pr = hn::MulAdd(hn::Set(df, precision[m * d + n]), hn::LoadU(df, offset.data() + n * lanes), pr);
        hn::StoreU(pr, df, product.data() + m * lanes);
        quad = hn::MulAdd(pr, hn::LoadU(df, offset.data() + m * lanes), quad);
      }
      const VF logit = hn::NegMulAdd(hn::Set(df, 0.5f), quad, hn::Set(df, c.log_normalisers[j]));
      // The online softmax: the first component sets M; a later one rescales what was summed when it raises M.
      VF rescale = hn::Zero(df), weight = hn::Set(df, 1.0f);
      if (j > 0) {
        const VF raised = hn::Max(top, logit);
        rescale = hn::Exp(df, hn::Sub(top, raised));
        weight = hn::Exp(df, hn::Sub(logit, raised));
        top = raised;
      } else {
        top = logit;
      }
      total = hn::MulAdd(total, rescale, weight);
      for (std::size_t m = 0; m < d; ++m) {
        float* s = sum.data() + m * lanes;
        const VF previous = j > 0 ? hn::Mul(hn::LoadU(df, s), rescale) : hn::Zero(df);
        hn::StoreU(hn::MulAdd(weight, hn::LoadU(df, product.data() + m * lanes), previous), df, s);
      }
    }
    // s_m = -sum_m / total; the update A x + B s into `product`, then the noise.
    const VF score_scale = hn::Div(hn::Set(df, -c.step.score), total);
    for (std::size_t m = 0; m < d; ++m) {
      const VF xm = hn::LoadU(df, x + m * stride + i);
      hn::StoreU(hn::MulAdd(score_scale, hn::LoadU(df, sum.data() + m * lanes), hn::Mul(hn::Set(df, c.step.state), xm)),
                 df, product.data() + m * lanes);
    }
    add_noise_and_store<1>(c.step, d, product.data(), x, stride, i);
  }
}

}  // namespace HWY_NAMESPACE
}  // namespace sgm
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace sgm {

HWY_EXPORT(CovarianceMixtureStep);

void covariance_mixture_step(const CovarianceMixtureStepCoefficients& c, float* x, std::size_t stride,
                             std::size_t first, std::size_t count) {
  HWY_DYNAMIC_DISPATCH(CovarianceMixtureStep)(c, x, stride, first, count);
}

}  // namespace sgm
#endif  // HWY_ONCE
