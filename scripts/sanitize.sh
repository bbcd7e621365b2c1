#!/usr/bin/env bash
# `npm test`'s sanitizer and fuzzing step (also `npm run sanitize`), on the sanitizer build (clang, AddressSanitizer +
# UndefinedBehaviorSanitizer, `scripts/build.sh sanitize`; docs/development.md, "Sanitizers and fuzzing"):
#   tests  the C++ tests of tests/sanitizer_subset.txt, then the sanitized CLI (`sgm list`, `sgm inspect` on every
#          example experiment);
#   every fuzz target of scripts/fuzz.sh (fuzz/*_fuzz.cpp and the page's URL parser): its committed regression inputs,
#          then SECONDS of fuzzing (default 60).
# The jobs run side by side, as many at a time as there are cores, each into build/sanitize-logs/JOB.log. Any
# sanitizer report, failing test or fuzzing finding fails the step, and the failing job's log is printed.
#   scripts/sanitize.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
build=build/sanitize
logs=build/sanitize-logs
export ASAN_OPTIONS=detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
rm -rf "$logs"
mkdir -p "$logs"

sanitized_tests() {
  "$build/sgm_tests"
  "$build/sgm" list --json >/dev/null
  "$build/sgm" list --markdown >/dev/null
  for example in examples/*.json; do
    # Experiments only: not sweeps, training documents (a "batch") or weights files (a "format").
    grep -qE '"(sweep|batch|format)"' "$example" || "$build/sgm" inspect "$example" >/dev/null
  done
}

# run_job JOB: `tests` or a fuzz target's name; its output goes to its log, a line says how it ended.
run_job() {
  local job=$1 log=$logs/$1.log
  if { if [ "$job" = tests ]; then sanitized_tests; else bash scripts/fuzz.sh "$job" "$seconds"; fi; } >"$log" 2>&1; then
    echo "[sanitize] $job: passed ($(tail -1 "$log"))"
  else
    echo "[sanitize] $job: FAILED, the end of $log:"
    tail -60 "$log"
    return 1
  fi
}
export -f run_job sanitized_tests
export build logs seconds

targets="$(cd fuzz && ls ./*_fuzz.cpp | sed 's|^\./||; s|_fuzz\.cpp$||') url"
echo "[sanitize] $(nproc) at a time: the tests of tests/sanitizer_subset.txt and the CLI; ${seconds} s of fuzzing per target:" \
  $targets
# The tests take longest (about two minutes), so they start first.
printf '%s\n' tests $targets | xargs -P "$(nproc)" -I{} bash -c 'run_job {}' || {
  echo "[sanitize] FAILED (above)" >&2
  exit 1
}
echo "[sanitize] no sanitizer report, no fuzzing finding"
