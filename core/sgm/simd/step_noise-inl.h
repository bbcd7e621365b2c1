// Per-target code every float32 kernel shares (float32_step.hpp): the counter-based normals ξ and the end of a step,
// A X + B s + C ξ stored back. Included by each kernel's foreach_target TU once per Highway target, so its guard
// toggles with HWY_TARGET_TOGGLE (Highway's convention for -inl headers) instead of #pragma once. Named .h, like
// dispatch_targets.h, because it is no concept header: only the kernel TUs include it, never the umbrella sgm.hpp.
//
// Noise: the same Philox4x32-10 block as the double generator (rng.hpp) for (particle, step k, coordinate pair,
// stream StepNoise), and Box–Muller on float32 uniforms made from the top 24 bits of the block's words 0 and 2
// (the double generator takes 53 bits of words 0–1 and 2–3): ξ equals the double path's normal up to float rounding
// and the ≤ 2^-24 change of the uniforms (tests/core/simd/mixture_step_test.cpp bounds the difference).
#if defined(SGM_SIMD_STEP_NOISE_INL_H) == defined(HWY_TARGET_TOGGLE)
#ifdef SGM_SIMD_STEP_NOISE_INL_H
#undef SGM_SIMD_STEP_NOISE_INL_H
#else
#define SGM_SIMD_STEP_NOISE_INL_H
#endif

#include <hwy/contrib/math/math-inl.h>
#include <hwy/highway.h>

#include "sgm/simd/float32_step.hpp"

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

// The end of a step for the lanes' particles [i, i + lanes) (whose noise is that of particles c.first_particle + i, …):
// `next` holds A x + B s (d × lanes, coordinate m at
// next[m * lanes]); adds C ξ and stores the result to x (coordinate m of particle i at x[m * stride + i]).
HWY_INLINE void add_noise_and_store(const Float32AffineStep& c, std::size_t d, float* next, float* x,
                                    std::size_t stride, std::size_t i) {
  const DF df;
  const std::size_t lanes = hn::Lanes(df);
  if (c.noise != 0.0f) {
    const VF scale = hn::Set(df, c.noise);
    for (std::size_t m = 0; m < d; m += 2) {
      VF z0, z1;
      normals(c.seed, c.step, c.stream, static_cast<std::uint32_t>(m / 2),
              c.first_particle + static_cast<std::uint32_t>(i), z0, z1);
      float* n0 = next + m * lanes;
      hn::StoreU(hn::MulAdd(scale, z0, hn::LoadU(df, n0)), df, n0);
      if (m + 1 < d) hn::StoreU(hn::MulAdd(scale, z1, hn::LoadU(df, n0 + lanes)), df, n0 + lanes);
    }
  }
  for (std::size_t m = 0; m < d; ++m) hn::StoreU(hn::LoadU(df, next + m * lanes), df, x + m * stride + i);
}

}  // namespace HWY_NAMESPACE
}  // namespace sgm
HWY_AFTER_NAMESPACE();

#endif  // SGM_SIMD_STEP_NOISE_INL_H toggle
