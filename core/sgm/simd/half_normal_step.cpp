// The float32 half-normal product step (half_normal_step.hpp), compiled once per Highway target as mixture_step.cpp is
// (the targets: dispatch_targets.h).
#include "sgm/simd/dispatch_targets.h"
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "sgm/simd/half_normal_step.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep

#include <hwy/highway.h>

#include "sgm/simd/half_normal_step.hpp"
#include "sgm/simd/step_noise-inl.h"

HWY_BEFORE_NAMESPACE();
namespace sgm {
namespace HWY_NAMESPACE {

// erfcx(u) = e^{u²} erfc(u) for u ≥ 0: t exp(poly(t)), t = 1 / (1 + u/2) (Numerical Recipes' erfcc without its
// e^{-u²} factor; half_normal_step.hpp).
HWY_INLINE VF scaled_erfc(DF df, VF u) {
  const VF t = hn::Div(hn::Set(df, 1.0f), hn::MulAdd(hn::Set(df, 0.5f), u, hn::Set(df, 1.0f)));
  VF poly = hn::Set(df, 0.17087277f);
  for (float coefficient : {-0.82215223f, 1.48851587f, -1.13520398f, 0.27886807f, -0.18628806f, 0.09678418f,
                            0.37409196f, 1.00002368f, -1.26551223f})
    poly = hn::MulAdd(poly, t, hn::Set(df, coefficient));
  return hn::Mul(t, hn::Exp(df, poly));
}

// ln Φ(z) and ρ(z) = φ(z)/Φ(z), each tail by its own form (half_normal_step.hpp).
HWY_INLINE void normal_cdf(DF df, VF z, VF& log_cdf, VF& pdf_over_cdf) {
  constexpr float kInvSqrtTwo = 0.70710678118654752f, kSqrtTwoOverPi = 0.79788456080286536f;
  constexpr float kInvSqrtTwoPi = 0.39894228040143268f;
  const VF half = hn::Set(df, 0.5f);
  const VF erfcx = scaled_erfc(df, hn::Mul(hn::Abs(z), hn::Set(df, kInvSqrtTwo)));
  const VF gaussian = hn::Exp(df, hn::Neg(hn::Mul(half, hn::Mul(z, z))));  // e^{-z²/2}
  // z ≤ 0
  const VF lower_log = hn::NegMulAdd(half, hn::Mul(z, z), hn::Log(df, hn::Mul(half, erfcx)));
  const VF lower_ratio = hn::Div(hn::Set(df, kSqrtTwoOverPi), erfcx);
  // z > 0
  const VF upper_tail = hn::Mul(half, hn::Mul(erfcx, gaussian));  // 1 - Φ(z)
  const VF upper_log = hn::Log1p(df, hn::Neg(upper_tail));
  const VF upper_ratio = hn::Div(hn::Mul(hn::Set(df, kInvSqrtTwoPi), gaussian), hn::Sub(hn::Set(df, 1.0f), upper_tail));
  const auto positive = hn::Gt(z, hn::Zero(df));
  log_cdf = hn::IfThenElse(positive, upper_log, lower_log);
  pdf_over_cdf = hn::IfThenElse(positive, upper_ratio, lower_ratio);
}

void NormalCdfBlock(const float* z, std::size_t count, float* log_cdf, float* pdf_over_cdf) {
  const DF df;
  for (std::size_t i = 0; i < count; i += hn::Lanes(df)) {
    VF l, r;
    normal_cdf(df, hn::LoadU(df, z + i), l, r);
    hn::StoreU(l, df, log_cdf + i);
    hn::StoreU(r, df, pdf_over_cdf + i);
  }
}

void HalfNormalStep(const HalfNormalStepCoefficients& c, float* x, std::size_t stride, std::size_t first,
                    std::size_t count) {
  const DF df;
  const VF shift = hn::Set(df, c.z_shift), slope = hn::Set(df, c.z_slope), tilt = hn::Set(df, c.tilt);
  coordinatewise_step(c.step, static_cast<std::size_t>(c.dim), x, stride, first, count, [&](VF xm) {
    VF log_plus, ratio_plus, log_minus, ratio_minus;
    normal_cdf(df, hn::MulAdd(slope, xm, shift), log_plus, ratio_plus);
    normal_cdf(df, hn::NegMulAdd(slope, xm, shift), log_minus, ratio_minus);
    // w+ - w- = tanh((ℓ+ - ℓ-)/2); w± = (1 ± tanh)/2.
    const VF gap = hn::MulAdd(tilt, xm, hn::Mul(hn::Set(df, 0.5f), hn::Sub(log_plus, log_minus)));
    const VF difference = hn::Tanh(df, gap);
    const VF w_plus = hn::Mul(hn::Set(df, 0.5f), hn::Add(hn::Set(df, 1.0f), difference));
    const VF w_minus = hn::Mul(hn::Set(df, 0.5f), hn::Sub(hn::Set(df, 1.0f), difference));
    return hn::MulAdd(
        hn::Set(df, c.drift), xm,
        hn::MulAdd(tilt, difference, hn::Mul(slope, hn::MulSub(w_plus, ratio_plus, hn::Mul(w_minus, ratio_minus)))));
  });
}

}  // namespace HWY_NAMESPACE
}  // namespace sgm
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace sgm {

HWY_EXPORT(HalfNormalStep);
HWY_EXPORT(NormalCdfBlock);

void half_normal_step(const HalfNormalStepCoefficients& c, float* x, std::size_t stride, std::size_t first,
                      std::size_t count) {
  HWY_DYNAMIC_DISPATCH(HalfNormalStep)(c, x, stride, first, count);
}

void half_normal_normal_cdf(const float* z, std::size_t count, float* log_cdf, float* pdf_over_cdf) {
  HWY_DYNAMIC_DISPATCH(NormalCdfBlock)(z, count, log_cdf, pdf_over_cdf);
}

}  // namespace sgm
#endif  // HWY_ONCE
