// The float32 step with a tabulated score (tabulated_score_step.hpp), compiled once per Highway target as
// mixture_step.cpp is (the targets: dispatch_targets.h).
#include "sgm/simd/dispatch_targets.h"
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "sgm/simd/tabulated_score_step.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep

#include <hwy/highway.h>

#include "sgm/simd/step_noise-inl.h"
#include "sgm/simd/tabulated_score_step.hpp"

HWY_BEFORE_NAMESPACE();
namespace sgm {
namespace HWY_NAMESPACE {

// The cubic through the nodes j - 1 … j + 2 at x (tabulated_score_step.hpp): u = (x - lo)/h clamped to
// [1, nodes - 2], j = ⌊u⌋ kept in [1, nodes - 3] so that the four nodes exist.
HWY_INLINE VF interpolated_score(const TabulatedScoreStepCoefficients& c, VF x) {
  const DF df;
  const DI di;
  const VF u =
      hn::Min(hn::Max(hn::Mul(hn::Sub(x, hn::Set(df, c.lo)), hn::Set(df, c.inverse_spacing)), hn::Set(df, 1.0f)),
              hn::Set(df, static_cast<float>(c.nodes - 2)));
  const auto j = hn::Min(hn::Max(hn::ConvertTo(di, hn::Floor(u)), hn::Set(di, 1)), hn::Set(di, c.nodes - 3));
  const VF t = hn::Sub(u, hn::ConvertTo(df, j));
  const VF one = hn::Set(df, 1.0f), two = hn::Set(df, 2.0f);
  const VF t_plus = hn::Add(t, one), t_minus = hn::Sub(t, one), t_minus_two = hn::Sub(t, two);
  const VF w0 = hn::Mul(hn::Set(df, -1.0f / 6.0f), hn::Mul(hn::Mul(t, t_minus), t_minus_two));
  const VF w1 = hn::Mul(hn::Set(df, 0.5f), hn::Mul(hn::Mul(t_plus, t_minus), t_minus_two));
  const VF w2 = hn::Mul(hn::Set(df, -0.5f), hn::Mul(hn::Mul(t_plus, t), t_minus_two));
  const VF w3 = hn::Mul(hn::Set(df, 1.0f / 6.0f), hn::Mul(hn::Mul(t_plus, t), t_minus));
  const float* s = c.scores;
  const auto one_index = hn::Set(di, 1);
  VF sum = hn::Mul(w0, hn::GatherIndex(df, s, hn::Sub(j, one_index)));
  sum = hn::MulAdd(w1, hn::GatherIndex(df, s, j), sum);
  sum = hn::MulAdd(w2, hn::GatherIndex(df, s, hn::Add(j, one_index)), sum);
  return hn::MulAdd(w3, hn::GatherIndex(df, s, hn::Add(j, hn::Set(di, 2))), sum);
}

void TabulatedScoreStep(const TabulatedScoreStepCoefficients& c, float* x, std::size_t stride, std::size_t first,
                        std::size_t count) {
  coordinatewise_step(c.step, static_cast<std::size_t>(c.dim), x, stride, first, count,
                      [&](VF xm) { return interpolated_score(c, xm); });
}

}  // namespace HWY_NAMESPACE
}  // namespace sgm
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace sgm {

HWY_EXPORT(TabulatedScoreStep);

void tabulated_score_step(const TabulatedScoreStepCoefficients& c, float* x, std::size_t stride, std::size_t first,
                          std::size_t count) {
  HWY_DYNAMIC_DISPATCH(TabulatedScoreStep)(c, x, stride, first, count);
}

}  // namespace sgm
#endif  // HWY_ONCE
