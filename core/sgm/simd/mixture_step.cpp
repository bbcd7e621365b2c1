// The float32 mixture step (mixture_step.hpp), compiled once per Highway target: foreach_target.h re-includes this
// file with HWY_TARGET set to each target in turn, and HWY_EXPORT/HWY_DYNAMIC_DISPATCH pick the best one at run time.
// Targets not worth their compile time are left out (SSSE3: SSE4 serves the same CPUs a little faster; AVX3_DL:
// AVX-512 extensions this kernel does not use). The portable fallback is SCALAR under GCC < 12.3 (Highway marks
// EMU128 broken there) and EMU128 otherwise (the scalar WebAssembly module).
#ifndef HWY_DISABLED_TARGETS
#define HWY_DISABLED_TARGETS (HWY_SSSE3 | HWY_AVX3_DL)
#endif
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "sgm/simd/mixture_step.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep

#include <hwy/contrib/math/math-inl.h>
#include <hwy/highway.h>

#include "sgm/simd/mixture_step.hpp"

#include <cmath>
#include <vector>

HWY_BEFORE_NAMESPACE();
namespace sgm {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

using DF = hn::ScalableTag<float>;
using DU = hn::RebindToUnsigned<DF>;
using DI = hn::RebindToSigned<DF>;
using VF = hn::Vec<DF>;
using VU = hn::Vec<DU>;

// Philox4x32-10 constants (Salmon et al. 2011), as in rng.cpp.
constexpr std::uint32_t kPhiloxM0 = 0xD2511F53u;
constexpr std::uint32_t kPhiloxM1 = 0xCD9E8D57u;
constexpr std::uint32_t kPhiloxW0 = 0x9E3779B9u;
constexpr std::uint32_t kPhiloxW1 = 0xBB67AE85u;
constexpr float kTwoPi = 6.283185307179586f;

// The 64-bit product M·a of every 32-bit lane, as its high and low words: MulEven multiplies the even lanes into
// 64-bit lanes; the odd lanes are shifted down first (little-endian lane order, as on x86 and WebAssembly). The
// one-lane SCALAR target has no 64-bit lanes: there the product is taken directly.
HWY_INLINE void multiply_high_low(DU du, VU a, std::uint32_t multiplier, VU& high, VU& low) {
#if HWY_TARGET == HWY_SCALAR
  const std::uint64_t product = std::uint64_t{multiplier} * hn::GetLane(a);
  high = hn::Set(du, static_cast<std::uint32_t>(product >> 32));
  low = hn::Set(du, static_cast<std::uint32_t>(product));
#else
  const hn::Repartition<std::uint64_t, DU> d64;
  const VU m = hn::Set(du, multiplier);
  const auto even = hn::MulEven(a, m);
  const auto odd = hn::MulEven(hn::BitCast(du, hn::ShiftRight<32>(hn::BitCast(d64, a))), m);
  low = hn::OddEven(hn::BitCast(du, hn::ShiftLeft<32>(odd)), hn::BitCast(du, even));
  high = hn::OddEven(hn::BitCast(du, odd), hn::BitCast(du, hn::ShiftRight<32>(even)));
#endif
}

// Float in (0, 1) from the top 24 bits of a word: ((w >> 8) + ½) 2^-24.
HWY_INLINE VF open_unit(VU word) {
  const DF df;
  const DI di;
  return hn::Mul(hn::Add(hn::ConvertTo(df, hn::BitCast(di, hn::ShiftRight<8>(word))), hn::Set(df, 0.5f)),
                 hn::Set(df, 0x1.0p-24f));
}

// Box–Muller on the Philox block of counter {particle, step, pair, stream} and key {seed low, seed high}: lane l is
// particle `first + l`.
HWY_INLINE void normals(std::uint64_t seed, std::uint32_t step, std::uint32_t stream, std::uint32_t pair,
                        std::uint32_t first, VF& even, VF& odd) {
  const DF df;
  const DU du;
  VU c0 = hn::Add(hn::Iota(du, 0), hn::Set(du, first));
  VU c1 = hn::Set(du, step), c2 = hn::Set(du, pair), c3 = hn::Set(du, stream);
  std::uint32_t k0 = static_cast<std::uint32_t>(seed), k1 = static_cast<std::uint32_t>(seed >> 32);
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      k0 += kPhiloxW0;
      k1 += kPhiloxW1;
    }
    VU hi0, lo0, hi1, lo1;
    multiply_high_low(du, c0, kPhiloxM0, hi0, lo0);
    multiply_high_low(du, c2, kPhiloxM1, hi1, lo1);
    const VU next0 = hn::Xor(hn::Xor(hi1, c1), hn::Set(du, k0));
    const VU next2 = hn::Xor(hn::Xor(hi0, c3), hn::Set(du, k1));
    c0 = next0;
    c1 = lo1;
    c2 = next2;
    c3 = lo0;
  }
  const VF radius = hn::Sqrt(hn::Mul(hn::Set(df, -2.0f), hn::Log(df, open_unit(c0))));
  const VF angle = hn::Mul(hn::Set(df, kTwoPi), open_unit(c2));
  even = hn::Mul(radius, hn::Cos(df, angle));
  odd = hn::Mul(radius, hn::Sin(df, angle));
}

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
    const VF score_scale = hn::Div(hn::Set(df, -c.score), total);
    for (std::size_t m = 0; m < d; ++m) {
      const VF xm = hn::LoadU(df, x + m * stride + i);
      VF sum = hn::Zero(df);
      for (std::size_t j = 0; j < k; ++j) {
        const VF r = hn::Sub(xm, hn::Set(df, c.centres[j * d + m]));
        sum =
            hn::MulAdd(hn::Mul(r, hn::Set(df, c.inverse_variances[j])), hn::LoadU(df, weight.data() + j * lanes), sum);
      }
      hn::StoreU(hn::MulAdd(score_scale, sum, hn::Mul(hn::Set(df, c.state), xm)), df, next.data() + m * lanes);
    }
    if (c.noise != 0.0f) {
      const VF scale = hn::Set(df, c.noise);
      for (std::size_t m = 0; m < d; m += 2) {
        VF z0, z1;
        normals(c.seed, c.step, c.stream, static_cast<std::uint32_t>(m / 2), static_cast<std::uint32_t>(i), z0, z1);
        float* n0 = next.data() + m * lanes;
        hn::StoreU(hn::MulAdd(scale, z0, hn::LoadU(df, n0)), df, n0);
        if (m + 1 < d) hn::StoreU(hn::MulAdd(scale, z1, hn::LoadU(df, n0 + lanes)), df, n0 + lanes);
      }
    }
    for (std::size_t m = 0; m < d; ++m) hn::StoreU(hn::LoadU(df, next.data() + m * lanes), df, x + m * stride + i);
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
