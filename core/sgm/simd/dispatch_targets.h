#pragma once
// The Highway targets every float32 kernel TU (simd/*.cpp) compiles, included before any Highway header. Targets not
// worth their compile time are left out (SSSE3: SSE4 serves the same CPUs a little faster; AVX3_DL: AVX-512
// extensions the kernels do not use). The portable fallback is SCALAR under GCC < 12.3 (Highway marks EMU128 broken
// there) and EMU128 otherwise (the scalar WebAssembly module).
#ifndef HWY_DISABLED_TARGETS
#define HWY_DISABLED_TARGETS (HWY_SSSE3 | HWY_AVX3_DL)
#endif
