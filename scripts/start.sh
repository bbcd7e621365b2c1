#!/usr/bin/env bash
# `npm start`: installs what is missing, builds the WebAssembly modules and the page when stale, and serves the page
# on localhost under the strict Content-Security-Policy of vite.config.js. Vite prints the URL (http://127.0.0.1:5173/
# unless that port is taken, in which case it takes the next free one and prints that).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh wasm
bash scripts/build.sh web
echo "[start] serving the demo; open the URL below (Ctrl-C stops it)"
exec npx --no-install vite preview
