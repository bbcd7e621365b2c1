#!/usr/bin/env bash
# `npm test`: installs what is missing, builds native, WebAssembly and the sanitizer build, and runs every test suite,
# then the sanitized tests and a minute of each fuzz target (docs/development.md, "Sanitizers and fuzzing").
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "[test] house style: clang-format and eslint (scripts/lint.sh)"
bash scripts/lint.sh
bash scripts/build.sh all
bash scripts/build.sh sanitize
echo "[test] C++ core (doctest): build/native/sgm_tests"
./build/native/sgm_tests
echo "[test] node: the page's DOM-free modules (state, URL, plans, stability, views; tests/web)"
node --test tests/web/
echo "[test] node: both WebAssembly builds against the native CLI"
node --test tests/node/
echo "[test] browser: the page in Debian's chromium under the strict CSP"
node --test tests/browser/
echo "[test] sanitizers and fuzzing: clang ASan + UBSan tests, each fuzz target for 60 s (scripts/sanitize.sh)"
bash scripts/sanitize.sh 60
