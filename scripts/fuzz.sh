#!/usr/bin/env bash
# Runs the fuzz targets of fuzz/ (docs/development.md, "Fuzzing"). A libFuzzer target (fuzz/TARGET_fuzz.cpp): first
# every committed regression input of the target (fuzz/regressions/TARGET/, each must pass), then SECONDS of fuzzing
# from the seed documents (examples/ and fuzz/corpus/TARGET/) with a dictionary generated from the registry
# (scripts/fuzz-dict.mjs). The target `url` is the page's URL parser, run through node (fuzz/url/run.mjs: a
# fast-check property for SECONDS at a fresh seed).
#   scripts/fuzz.sh TARGET|all SECONDS [LIBFUZZER_OPTION...]      e.g. scripts/fuzz.sh experiment 900 -jobs=1
# Needs `scripts/build.sh sanitize`. What the fuzzer learns is kept in build/fuzz/corpus/TARGET/ between runs. A
# crash, sanitizer report, uncaught exception, timeout (-timeout, seconds per input) or memory above -rss_limit_mb
# fails the run and leaves the input in build/fuzz/findings/TARGET/: fix it, then commit it to fuzz/regressions/TARGET/.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 2 ]; then
  echo "usage: scripts/fuzz.sh TARGET|all SECONDS [LIBFUZZER_OPTION...]" >&2
  exit 2
fi
what=$1 seconds=$2
shift 2
build=build/sanitize
if [ "$what" = all ]; then
  targets="$(cd fuzz && ls ./*_fuzz.cpp | sed 's|^\./||; s|_fuzz\.cpp$||') url"
else
  targets=$what
fi

mkdir -p build/fuzz
node scripts/fuzz-dict.mjs "$build/sgm" examples fuzz/corpus/* >build/fuzz/sgm.dict.$$
mv build/fuzz/sgm.dict.$$ build/fuzz/sgm.dict  # whole, also for a campaign started beside this one
# 10 s per input is far beyond any parse of a few KB. Fuzzing tries documents up to 4 KB (examples/ are ≤ 1 KB) at every
# length from the start; a regression input is replayed whole (libFuzzer would cut it to -max_len).
limits=(-timeout=10 -rss_limit_mb=2048)
fuzzing=(-max_len=4096 -len_control=0 -dict=build/fuzz/sgm.dict -print_final_stats=1)
for target in $targets; do
  if [ "$target" = url ]; then
    echo "[fuzz] url: ${seconds} s (the page's URL parser through node)"
    node fuzz/url/run.mjs "$seconds" "$build/sgm"
    continue
  fi
  binary=$build/${target}_fuzz
  [ -x "$binary" ] || { echo "[fuzz] no target $binary (scripts/build.sh sanitize; targets: fuzz/*_fuzz.cpp)" >&2; exit 2; }
  mkdir -p "build/fuzz/corpus/$target" "build/fuzz/findings/$target"
  regressions=(fuzz/regressions/"$target"/*)
  if [ -e "${regressions[0]}" ]; then
    echo "[fuzz] $target: replaying ${#regressions[@]} regression inputs (fuzz/regressions/$target)"
    "$binary" "${limits[@]}" "${regressions[@]}" >"build/fuzz/$target-regressions.log" 2>&1 ||
      { tail -40 "build/fuzz/$target-regressions.log" >&2; exit 1; }
  fi
  echo "[fuzz] $target: ${seconds} s (log: build/fuzz/$target.log)"
  "$binary" "${limits[@]}" "${fuzzing[@]}" -max_total_time="$seconds" -artifact_prefix="build/fuzz/findings/$target/" "$@" \
    "build/fuzz/corpus/$target" examples "fuzz/corpus/$target" >"build/fuzz/$target.log" 2>&1 ||
    { tail -60 "build/fuzz/$target.log" >&2; echo "[fuzz] $target: FOUND a failing input (above)" >&2; exit 1; }
  grep -E 'DONE' "build/fuzz/$target.log"
done
