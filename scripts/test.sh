#!/usr/bin/env bash
# `npm test`: installs what is missing, builds native and WebAssembly, and runs every test suite. The sanitizer build
# and the fuzz targets are `npm run sanitize` (docs/development.md, "Sanitizers and fuzzing": they do not fit CI's
# 25 minutes on top of this yet).
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
