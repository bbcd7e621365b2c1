#!/usr/bin/env bash
# Builds what is stale: `native` (CLI, tests, benchmarks), `wasm` (SIMD and scalar modules, copied to
# web/public/wasm/), `web` (the documents rendered into web/public/docs/, then the page into web/dist/), or `all`
# (the default).
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
jobs=$(nproc)

build_native() {
  echo "[build] native (build/native)"
  [ -f build/native/CMakeCache.txt ] || cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/native -j"$jobs"
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
    [ -f "$dir/CMakeCache.txt" ] || emcmake cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release -DSGM_WASM_SIMD=$simd \
      "-DCMAKE_CROSSCOMPILING_EMULATOR=node;--no-experimental-fetch" >/dev/null
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
  all) build_native; build_wasm; build_web ;;
  *) echo "usage: scripts/build.sh [native|wasm|web|all]" >&2; exit 2 ;;
esac
