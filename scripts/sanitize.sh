#!/usr/bin/env bash
# `npm test`'s sanitizer step: the C++ tests of the sanitizer build (clang, AddressSanitizer + UndefinedBehaviorSanitizer,
# `scripts/build.sh sanitize`) — the named subset of tests/sanitizer_subset.txt — and the sanitized CLI on every
# example experiment (`sgm inspect`, which builds the whole experiment without sampling, and `sgm list`). Any sanitizer report
# (memory error, leak, undefined behaviour) stops the program with a non-zero status and fails the step.
# docs/development.md, "Sanitizers and fuzzing".
set -euo pipefail
cd "$(dirname "$0")/.."
build=build/sanitize
export ASAN_OPTIONS=detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

echo "[sanitize] doctest, the files of tests/sanitizer_subset.txt: $build/sgm_tests"
"$build/sgm_tests"
echo "[sanitize] the CLI: sgm list, sgm inspect on examples/*.json"
"$build/sgm" list --json >/dev/null
"$build/sgm" list --markdown >/dev/null
for example in examples/*.json; do
  # Experiments only: not sweeps, training documents (a "batch") or weights files (a "format").
  grep -qE '"(sweep|batch|format)"' "$example" || "$build/sgm" inspect "$example" >/dev/null
done
echo "[sanitize] no sanitizer report"
