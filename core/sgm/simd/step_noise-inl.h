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
#include <vector>

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

// The 64-bit product M·a of every 32-bit lane, as its high and low words. On x86, MulEven multiplies the even lanes
// into 64-bit lanes; the odd lanes are shifted down first (little-endian lane order). The one-lane SCALAR target has
// no 64-bit lanes: there the product is taken directly. WebAssembly has widening multiplies of its own.
HWY_INLINE void multiply_high_low([[maybe_unused]] DU du, VU a, std::uint32_t multiplier, VU& high, VU& low) {
#if HWY_TARGET == HWY_SCALAR
  const std::uint64_t product = std::uint64_t{multiplier} * hn::GetLane(a);
  high = hn::Set(du, static_cast<std::uint32_t>(product >> 32));
  low = hn::Set(du, static_cast<std::uint32_t>(product));
#elif HWY_TARGET == HWY_WASM
  // WebAssembly: Highway's MulEven is an i64x2.mul, which V8 builds on x86-64 from three 32-bit multiplies; the
  // widening multiplies i64x2.extmul_{low,high}_i32x4_u are one each, and two shuffles take the words apart
  // (Philox's noise took 27 ns per particle and pair with MulEven, 20 ns with these, in node).
  const v128_t m = wasm_i32x4_splat(static_cast<std::int32_t>(multiplier));
  const v128_t lanes01 = wasm_u64x2_extmul_low_u32x4(a.raw, m), lanes23 = wasm_u64x2_extmul_high_u32x4(a.raw, m);
  low = VU{wasm_i32x4_shuffle(lanes01, lanes23, 0, 2, 4, 6)};
  high = VU{wasm_i32x4_shuffle(lanes01, lanes23, 1, 3, 5, 7)};
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

// Box–Muller on the Philox blocks of counters {particle, step, pair, stream} and key {seed low, seed high}: lane l of
// vector u is particle `first + u · lanes + l`. The U vectors are independent chains of ten rounds, interleaved so
// that the core overlaps them (one chain at a time left it waiting on each round's multiplies).
template <std::size_t U>
HWY_INLINE void normals(std::uint64_t seed, std::uint32_t step, std::uint32_t stream, std::uint32_t pair,
                        std::uint32_t first, VF* even, VF* odd) {
  const DF df;
  const DU du;
  const auto lanes = static_cast<std::uint32_t>(hn::Lanes(df));
  VU c0[U], c1[U], c2[U], c3[U];
  for (std::size_t u = 0; u < U; ++u) {
    c0[u] = hn::Add(hn::Iota(du, 0), hn::Set(du, first + static_cast<std::uint32_t>(u) * lanes));
    c1[u] = hn::Set(du, step);
    c2[u] = hn::Set(du, pair);
    c3[u] = hn::Set(du, stream);
  }
  std::uint32_t k0 = static_cast<std::uint32_t>(seed), k1 = static_cast<std::uint32_t>(seed >> 32);
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      k0 += kPhiloxW0;
      k1 += kPhiloxW1;
    }
    const VU key0 = hn::Set(du, k0), key1 = hn::Set(du, k1);
    for (std::size_t u = 0; u < U; ++u) {
      VU hi0, lo0, hi1, lo1;
      multiply_high_low(du, c0[u], kPhiloxM0, hi0, lo0);
      multiply_high_low(du, c2[u], kPhiloxM1, hi1, lo1);
      c0[u] = hn::Xor(hn::Xor(hi1, c1[u]), key0);
      c1[u] = lo1;
      c2[u] = hn::Xor(hn::Xor(hi0, c3[u]), key1);
      c3[u] = lo0;
    }
  }
  for (std::size_t u = 0; u < U; ++u) {
    const VF radius = hn::Sqrt(hn::Mul(hn::Set(df, -2.0f), hn::Log(df, open_unit(c0[u]))));
    const VF angle = hn::Mul(hn::Set(df, kTwoPi), open_unit(c2[u]));
    even[u] = hn::Mul(radius, hn::Cos(df, angle));
    odd[u] = hn::Mul(radius, hn::Sin(df, angle));
  }
}

// The end of a step for U vectors of particles, [i, i + U · lanes) (whose noise is that of particles
// c.first_particle + i, …): `next` holds A x + B s (coordinate m of vector u at next[(u · d + m) · lanes]); adds C ξ
// and stores the result to x (coordinate m of particle i at x[m · stride + i]).
template <std::size_t U>
HWY_INLINE void add_noise_and_store(const Float32AffineStep& c, std::size_t d, float* next, float* x,
                                    std::size_t stride, std::size_t i) {
  const DF df;
  const std::size_t lanes = hn::Lanes(df);
  if (c.noise != 0.0f) {
    const VF scale = hn::Set(df, c.noise);
    for (std::size_t m = 0; m < d; m += 2) {
      VF z0[U], z1[U];
      normals<U>(c.seed, c.step, c.stream, static_cast<std::uint32_t>(m / 2),
                 c.first_particle + static_cast<std::uint32_t>(i), z0, z1);
      for (std::size_t u = 0; u < U; ++u) {
        float* n0 = next + (u * d + m) * lanes;
        hn::StoreU(hn::MulAdd(scale, z0[u], hn::LoadU(df, n0)), df, n0);
        if (m + 1 < d) hn::StoreU(hn::MulAdd(scale, z1[u], hn::LoadU(df, n0 + lanes)), df, n0 + lanes);
      }
    }
  }
  for (std::size_t u = 0; u < U; ++u)
    for (std::size_t m = 0; m < d; ++m)
      hn::StoreU(hn::LoadU(df, next + (u * d + m) * lanes), df, x + m * stride + i + u * lanes);
}

// The step of a product target, whose score acts coordinate by coordinate: for the particles [first, first + count)
// (count a multiple of the lanes), X_m ← A X_m + B score_of(X_m) for every coordinate m, then the noise.
template <class ScoreOf>
HWY_INLINE void coordinatewise_step(const Float32AffineStep& c, std::size_t d, float* x, std::size_t stride,
                                    std::size_t first, std::size_t count, const ScoreOf& score_of) {
  const DF df;
  const std::size_t lanes = hn::Lanes(df);
  thread_local std::vector<float> next;  // A x + B s per coordinate (d × lanes)
  next.resize(d * lanes);
  const VF state = hn::Set(df, c.state), score = hn::Set(df, c.score);
  for (std::size_t i = first; i < first + count; i += lanes) {
    for (std::size_t m = 0; m < d; ++m) {
      const VF xm = hn::LoadU(df, x + m * stride + i);
      hn::StoreU(hn::MulAdd(score, score_of(xm), hn::Mul(state, xm)), df, next.data() + m * lanes);
    }
    add_noise_and_store<1>(c, d, next.data(), x, stride, i);
  }
}

}  // namespace HWY_NAMESPACE
}  // namespace sgm
HWY_AFTER_NAMESPACE();

#endif  // SGM_SIMD_STEP_NOISE_INL_H toggle
