#!/usr/bin/env bash
# Installs whatever the project needs and this machine lacks: Debian packages (when run as root; otherwise prints the
# exact command) and the npm packages of the committed lock file. Idempotent and quiet when nothing is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# emscripten + Embind: WebAssembly builds; libeigen3-dev, nlohmann-json3-dev, doctest-dev: C++ libraries;
# wabt: wasm-objdump for inspecting SIMD code; chromium: the browser test and the demo; clang-format: the C++ house
# style (scripts/lint.sh); python3-numpy: the NumPy kernel of `npm run bench`; clang-14, libclang-rt-14-dev,
# libfuzzer-14-dev: the sanitizer build and the fuzz targets (scripts/build.sh sanitize); libhwy-dev: Google Highway,
# the float32 SIMD kernels (core/sgm/simd/); ninja-build: every build (it compiles the tests while the libraries they
# link are still compiling, which make does not).
APT_PACKAGES=(cmake ninja-build g++ emscripten libeigen3-dev nlohmann-json3-dev doctest-dev wabt chromium clang-format
  python3-numpy clang-14 libclang-rt-14-dev libfuzzer-14-dev libhwy-dev)

missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  install=(apt-get install -y -q --no-install-recommends "${missing[@]}")
  if [ "$(id -u)" = 0 ]; then
    echo "[setup] installing Debian packages: ${missing[*]}"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive "${install[@]}"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    echo "[setup] installing Debian packages with sudo: ${missing[*]}"
    sudo apt-get update -q
    sudo DEBIAN_FRONTEND=noninteractive "${install[@]}"
  else
    echo "[setup] missing Debian packages: ${missing[*]}" >&2
    echo "[setup] install them as root, then run the command again:" >&2
    echo "    sudo apt-get update && sudo ${install[*]}" >&2
    exit 1
  fi
fi

# npm packages, exactly as locked. Playwright must never download a browser: the tests use Debian's chromium.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[setup] installing npm packages from package-lock.json"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi
