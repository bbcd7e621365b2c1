#!/usr/bin/env bash
# House style, checked in `npm test`: the umbrella header lists every core header (scripts/umbrella.sh), C++ follows
# .clang-format (clang-format 14, Debian), JavaScript eslint.config.js. `bash scripts/lint.sh --fix` rewrites the files instead of failing.
set -euo pipefail
cd "$(dirname "$0")/.."
# Tracked files and new ones not yet added (not the ignored), as they are on disk.
mapfile -t cpp < <(git ls-files --cached --others --exclude-standard '*.cpp' '*.hpp' | sort -u | while read -r f; do [ -f "$f" ] && echo "$f"; done)
if [ "${1:-}" = --fix ]; then
  bash scripts/umbrella.sh
  clang-format -i "${cpp[@]}"
  npx --no-install eslint --fix .
else
  bash scripts/umbrella.sh --check
  clang-format --dry-run --Werror "${cpp[@]}"
  npx --no-install eslint .
fi
echo "[lint] ${#cpp[@]} C++ files formatted; JavaScript clean"
