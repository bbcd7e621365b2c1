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
// Two vectors of particles per iteration: independent chains the core overlaps (one at a time, it waited on each
// logit's and each exponential's latency; the update ran 1.7× slower natively). D is the dimension when known at
// compile time (0: c.dim at run time), so that small dimensions keep the coordinates in registers. Every lane does
// the same operations in the same order whatever D.
constexpr std::size_t kVectorsPerIteration = 2;

template <std::size_t D>
void MixtureStepOfDimension(const MixtureStepCoefficients& c, float* x, std::size_t stride, std::size_t first,
                            std::size_t count) {
  constexpr std::size_t U = kVectorsPerIteration;
  const DF df;
  const std::size_t lanes = hn::Lanes(df);
  const std::size_t d = D != 0 ? D : static_cast<std::size_t>(c.dim);
  const auto k = static_cast<std::size_t>(c.components);
  // Per vector u: the exponentiated logits of every component (component j at weight[(j · U + u) · lanes]), then
  // the new coordinates (coordinate m at next[(u · d + m) · lanes]).
  thread_local std::vector<float> weight, next;
  weight.resize(k * U * lanes);
  next.resize(d * U * lanes);
  const VF state = hn::Set(df, c.step.state), minus_score = hn::Set(df, -c.step.score);
  for (std::size_t i = first; i < first + count; i += U * lanes) {
    VF top[U];
    for (std::size_t u = 0; u < U; ++u) top[u] = hn::Set(df, -HUGE_VALF);
    for (std::size_t j = 0; j < k; ++j) {
      const float* centre = c.centres + j * d;
      VF quad[U];
      for (std::size_t u = 0; u < U; ++u) quad[u] = hn::Zero(df);
      for (std::size_t m = 0; m < d; ++m) {
        const VF mean = hn::Set(df, centre[m]);
        for (std::size_t u = 0; u < U; ++u) {
          const VF r = hn::Sub(hn::LoadU(df, x + m * stride + i + u * lanes), mean);
          quad[u] = hn::MulAdd(r, r, quad[u]);
        }
      }
      const VF half_inverse = hn::Set(df, 0.5f * c.inverse_variances[j]);
      const VF normaliser = hn::Set(df, c.log_normalisers[j]);
      for (std::size_t u = 0; u < U; ++u) {
        const VF logit = hn::NegMulAdd(half_inverse, quad[u], normaliser);
        hn::StoreU(logit, df, weight.data() + (j * U + u) * lanes);
        top[u] = hn::Max(top[u], logit);
      }
    }
    VF total[U];
    for (std::size_t u = 0; u < U; ++u) total[u] = hn::Zero(df);
    for (std::size_t j = 0; j < k; ++j) {
      for (std::size_t u = 0; u < U; ++u) {
        float* w = weight.data() + (j * U + u) * lanes;
        const VF e = hn::Exp(df, hn::Sub(hn::LoadU(df, w), top[u]));
        hn::StoreU(e, df, w);
        total[u] = hn::Add(total[u], e);
      }
    }
    // s_m = -Σ_j w_j (x_m - a μ_jm) / c_j / total; the update X ← A X + B s + C ξ.
    VF score_scale[U];
    for (std::size_t u = 0; u < U; ++u) score_scale[u] = hn::Div(minus_score, total[u]);
    for (std::size_t m = 0; m < d; ++m) {
      VF xm[U], sum[U];
      for (std::size_t u = 0; u < U; ++u) {
        xm[u] = hn::LoadU(df, x + m * stride + i + u * lanes);
        sum[u] = hn::Zero(df);
      }
      for (std::size_t j = 0; j < k; ++j) {
        const VF mean = hn::Set(df, c.centres[j * d + m]), inverse = hn::Set(df, c.inverse_variances[j]);
        for (std::size_t u = 0; u < U; ++u)
          sum[u] = hn::MulAdd(hn::Mul(hn::Sub(xm[u], mean), inverse),
                              hn::LoadU(df, weight.data() + (j * U + u) * lanes), sum[u]);
      }
      for (std::size_t u = 0; u < U; ++u)
        hn::StoreU(hn::MulAdd(score_scale[u], sum[u], hn::Mul(state, xm[u])), df, next.data() + (u * d + m) * lanes);
    }
    add_noise_and_store<U>(c.step, d, next.data(), x, stride, i);
  }
}

void MixtureStep(const MixtureStepCoefficients& c, float* x, std::size_t stride, std::size_t first, std::size_t count) {
  switch (c.dim) {
    case 1:
      return MixtureStepOfDimension<1>(c, x, stride, first, count);
    case 2:
      return MixtureStepOfDimension<2>(c, x, stride, first, count);
    case 3:
      return MixtureStepOfDimension<3>(c, x, stride, first, count);
    default:
      return MixtureStepOfDimension<0>(c, x, stride, first, count);
  }
}

}  // namespace HWY_NAMESPACE
}  // namespace sgm
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace sgm {

HWY_EXPORT(MixtureStep);

void mixture_step(const MixtureStepCoefficients& c, float* x, std::size_t stride, std::size_t first,
                  std::size_t count) {
  HWY_DYNAMIC_DISPATCH(MixtureStep)(c, x, stride, first, count);
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
