// The float32 mixture step (mixture_step.hpp), compiled once per Highway target: foreach_target.h re-includes this
// file with HWY_TARGET set to each target in turn, and HWY_EXPORT/HWY_DYNAMIC_DISPATCH pick the best one at run time.
// The targets compiled: dispatch_targets.h.
#include "sgm/simd/dispatch_targets.h"
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "sgm/simd/mixture_step.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep

#include <hwy/highway.h>

#include "sgm/simd/mixture_step.hpp"
#include "sgm/simd/step_noise-inl.h"

#include <cmath>
#include <vector>

HWY_BEFORE_NAMESPACE();
namespace sgm {
namespace HWY_NAMESPACE {
void NormalsBlock(std::uint64_t seed, std::uint32_t step, std::uint32_t stream, std::uint32_t pair, std::uint32_t first,
                  std::size_t count, float* even, float* odd) {
  const DF df;
  const std::size_t lanes = hn::Lanes(df);
  for (std::size_t i = 0; i < count; i += lanes) {
    VF z0, z1;
    normals(seed, step, stream, pair, first + static_cast<std::uint32_t>(i), z0, z1);
    hn::StoreU(z0, df, even + i);
    hn::StoreU(z1, df, odd + i);
  }
}

void MixtureStep(const MixtureStepCoefficients& c, float* x, std::size_t stride, std::size_t first, std::size_t count) {
  const DF df;
  const std::size_t lanes = hn::Lanes(df);
  const auto d = static_cast<std::size_t>(c.dim);
  const auto k = static_cast<std::size_t>(c.components);
  // Per lane: the exponentiated logits of every component (k × lanes), then the new coordinates (d × lanes).
  thread_local std::vector<float> weight, next;
  weight.resize(k * lanes);
  next.resize(d * lanes);
  for (std::size_t i = first; i < first + count; i += lanes) {
    VF top = hn::Set(df, -HUGE_VALF);
    for (std::size_t j = 0; j < k; ++j) {
      const float* centre = c.centres + j * d;
      VF quad = hn::Zero(df);
      for (std::size_t m = 0; m < d; ++m) {
        const VF r = hn::Sub(hn::LoadU(df, x + m * stride + i), hn::Set(df, centre[m]));
        quad = hn::MulAdd(r, r, quad);
      }
      const VF logit =
          hn::NegMulAdd(hn::Set(df, 0.5f * c.inverse_variances[j]), quad, hn::Set(df, c.log_normalisers[j]));
      hn::StoreU(logit, df, weight.data() + j * lanes);
      top = hn::Max(top, logit);
    }
    VF total = hn::Zero(df);
    for (std::size_t j = 0; j < k; ++j) {
      const VF w = hn::Exp(df, hn::Sub(hn::LoadU(df, weight.data() + j * lanes), top));
      hn::StoreU(w, df, weight.data() + j * lanes);
      total = hn::Add(total, w);
    }
    // s_m = -Σ_j w_j (x_m - a μ_jm) / c_j / total; the update X ← A X + B s + C ξ.
    const VF score_scale = hn::Div(hn::Set(df, -c.step.score), total);
    for (std::size_t m = 0; m < d; ++m) {
      const VF xm = hn::LoadU(df, x + m * stride + i);
      VF sum = hn::Zero(df);
      for (std::size_t j = 0; j < k; ++j) {
        const VF r = hn::Sub(xm, hn::Set(df, c.centres[j * d + m]));
        sum =
            hn::MulAdd(hn::Mul(r, hn::Set(df, c.inverse_variances[j])), hn::LoadU(df, weight.data() + j * lanes), sum);
      }
      hn::StoreU(hn::MulAdd(score_scale, sum, hn::Mul(hn::Set(df, c.step.state), xm)), df, next.data() + m * lanes);
    }
    add_noise_and_store(c.step, d, next.data(), x, stride, i);
  }
}

}  // namespace HWY_NAMESPACE
}  // namespace sgm
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace sgm {

HWY_EXPORT(MixtureStep);
HWY_EXPORT(NormalsBlock);

void mixture_step(const MixtureStepCoefficients& c, float* x, std::size_t stride, std::size_t first,
                  std::size_t count) {
  HWY_DYNAMIC_DISPATCH(MixtureStep)(c, x, stride, first, count);
}

void mixture_step_normals(std::uint64_t seed, std::uint32_t step, std::uint32_t stream, std::uint32_t pair,
                          std::uint32_t first, std::size_t count, float* even, float* odd) {
  HWY_DYNAMIC_DISPATCH(NormalsBlock)(seed, step, stream, pair, first, count, even, odd);
}

std::vector<std::int64_t> mixture_step_targets() {
  std::vector<std::int64_t> targets;
#if HWY_IDE || ((HWY_TARGETS & (HWY_TARGETS - 1)) == 0)
  targets.push_back(HWY_STATIC_TARGET);  // one compiled target (WebAssembly): no run-time choice
#else
  for (std::int64_t t : hwy::SupportedAndGeneratedTargets()) targets.push_back(t);
#endif
  return targets;
}

std::string mixture_step_target_name() {
#if HWY_IDE || ((HWY_TARGETS & (HWY_TARGETS - 1)) == 0)
  return hwy::TargetName(HWY_STATIC_TARGET);
#else
  return hwy::TargetName(hwy::SupportedTargets() & HWY_TARGETS & -(hwy::SupportedTargets() & HWY_TARGETS));
#endif
}

}  // namespace sgm
#endif  // HWY_ONCE
