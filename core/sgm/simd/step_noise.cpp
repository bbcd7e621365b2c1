// The float32 step noise as a buffer (step_noise.hpp), compiled once per Highway target as mixture_step.cpp is (the
// targets: dispatch_targets.h).
#include "sgm/simd/dispatch_targets.h"
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "sgm/simd/step_noise.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep

#include <hwy/highway.h>

#include "sgm/simd/step_noise-inl.h"
#include "sgm/simd/step_noise.hpp"

HWY_BEFORE_NAMESPACE();
namespace sgm {
namespace HWY_NAMESPACE {

// Two vectors of particles per call of normals: two independent Philox chains the core overlaps (as the kernels do).
void StepNoise(const Float32AffineStep& key, int dim, float* xi, std::size_t stride, std::size_t first,
               std::size_t count) {
  constexpr std::size_t U = 2;
  const DF df;
  const std::size_t lanes = hn::Lanes(df);
  const auto d = static_cast<std::size_t>(dim);
  for (std::size_t i = first; i < first + count; i += U * lanes)
    for (std::size_t m = 0; m < d; m += 2) {
      VF z0[U], z1[U];
      normals<U>(key.seed, key.step, key.stream, static_cast<std::uint32_t>(m / 2),
                 key.first_particle + static_cast<std::uint32_t>(i), z0, z1);
      for (std::size_t u = 0; u < U; ++u) {
        hn::StoreU(z0[u], df, xi + m * stride + i + u * lanes);
        if (m + 1 < d) hn::StoreU(z1[u], df, xi + (m + 1) * stride + i + u * lanes);
      }
    }
}

}  // namespace HWY_NAMESPACE
}  // namespace sgm
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace sgm {

HWY_EXPORT(StepNoise);

void step_noise(const Float32AffineStep& key, int dim, float* xi, std::size_t stride, std::size_t first,
                std::size_t count) {
  HWY_DYNAMIC_DISPATCH(StepNoise)(key, dim, xi, stride, first, count);
}

}  // namespace sgm
#endif  // HWY_ONCE
