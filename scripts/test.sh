#!/usr/bin/env bash
# `npm test`: installs what is missing, builds native and WebAssembly, and runs every test suite; then the sanitizer
# build (clang, ASan + UBSan) runs a named subset of the tests and each fuzz target for 15 s (a long campaign: docs/development.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "[test] house style: clang-format and eslint (scripts/lint.sh)"
bash scripts/lint.sh
bash scripts/build.sh all
echo "[test] C++ core (doctest): build/native/sgm_tests"
./build/native/sgm_tests
echo "[test] node: the page's DOM-free modules (state, URL, plans, stability, views; tests/web)"
node --test tests/web/
echo "[test] node: both WebAssembly builds against the native CLI"
node --test tests/node/
echo "[test] browser: the page in Debian's chromium under the strict CSP"
node --test tests/browser/
echo "[test] AddressSanitizer + UBSan: the tests of tests/sanitizer_subset.txt and the CLI (scripts/sanitize.sh)"
bash scripts/build.sh sanitize
bash scripts/sanitize.sh
echo "[test] fuzz targets: regression inputs, then 15 s each (scripts/fuzz.sh)"
bash scripts/fuzz.sh all 15
