#!/usr/bin/env bash
# Builds what is stale: `native` (CLI and tests), `bench` (the native benchmarks), `wasm` (SIMD and scalar modules, copied to
# web/public/wasm/), `web` (the documents rendered into web/public/docs/, then the page into web/dist/), or `all`
# (the default); and `sanitize` (clang with ASan + UBSan: CLI, tests and the fuzz targets, build/sanitize). Every C++
# build treats warnings as errors (SGM_WERROR).
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
jobs=$(nproc)

# configure DIR [CMAKE_ARGS...]: configures DIR unless it is already configured for Ninja with warnings as errors
# (a directory configured otherwise, e.g. for make, is configured afresh: a generator cannot be changed in place).
configure() {
  local dir=$1
  shift
  if ! grep -qs '^SGM_WERROR:BOOL=ON$' "$dir/CMakeCache.txt" || ! grep -qs '^CMAKE_GENERATOR:INTERNAL=Ninja$' "$dir/CMakeCache.txt"; then
    rm -rf "$dir/CMakeCache.txt" "$dir/CMakeFiles"
    "$@" -S . -B "$dir" -G Ninja -DSGM_WERROR=ON >/dev/null
  fi
}

build_native() {
  echo "[build] native (build/native)"
  configure build/native cmake -DCMAKE_BUILD_TYPE=Release
  cmake --build build/native -j"$jobs" --target sgm sgm_tests
}

build_bench() {
  echo "[build] native benchmarks (build/native)"
  configure build/native cmake -DCMAKE_BUILD_TYPE=Release
  cmake --build build/native -j"$jobs" --target sgm sgm_bench sgm_metrics_bench
}

build_sanitize() {
  # docs/development.md, "Sanitizers and fuzzing": -O0 -gline-tables-only, every sanitizer report fatal, the same objects for the
  # tests and the fuzz targets.
  echo "[build] clang++-14 with AddressSanitizer + UndefinedBehaviorSanitizer, fuzz targets (build/sanitize)"
  configure build/sanitize cmake -DCMAKE_CXX_COMPILER=clang++-14 -DSGM_SANITIZE=ON
  cmake --build build/sanitize -j"$jobs"
}

build_wasm() {
  # emcc's acorn-based optimiser needs Debian's node module dir (docs/development.md, pitfall 1).
  export NODE_PATH=/usr/share/nodejs
  mkdir -p web/public/wasm
  for variant in simd scalar; do
    local dir=build/wasm-$variant simd=ON
    [ "$variant" = scalar ] && simd=OFF
    echo "[build] WebAssembly, $variant ($dir)"
    # The default emulator flag --experimental-wasm-threads is refused by Node 20 (pitfall 4).
    configure "$dir" emcmake cmake -DCMAKE_BUILD_TYPE=Release -DSGM_WASM_SIMD=$simd \
      "-DCMAKE_CROSSCOMPILING_EMULATOR=node;--no-experimental-fetch"
    cmake --build "$dir" -j"$jobs"
    cp -u "$dir/sgm-$variant.mjs" "$dir/sgm-$variant.wasm" web/public/wasm/
  done
}

build_web() {
  echo "[build] page (web/dist)"
  node scripts/render-docs.mjs
  npx --no-install vite build --logLevel warn
}

case "$what" in
  native) build_native ;;
  wasm) build_wasm ;;
  web) build_web ;;
  sanitize) build_sanitize ;;
  bench) build_bench ;;
  all) build_native; build_wasm; build_web ;;
  *) echo "usage: scripts/build.sh [native|wasm|web|all|sanitize|bench]" >&2; exit 2 ;;
esac
