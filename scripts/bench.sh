#!/usr/bin/env bash
# `npm run bench [-- --quick]`: builds what the benchmark needs (native Release, both WebAssembly builds), then runs
# bench/bench.mjs, which prints one table and writes build/bench.json (docs/benchmarks.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh bench
bash scripts/build.sh wasm
node bench/bench.mjs "$@"
