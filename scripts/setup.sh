#!/usr/bin/env bash
# Installs what citykb needs on Debian (only what is missing), then
# configures and builds it into build/. Quick when everything is present.
#   scripts/setup.sh            build the program
#   scripts/setup.sh --tests    also the test tools (Chromium, npm packages)
set -euo pipefail
cd "$(dirname "$0")/.."

with_tests=0
[ "${1:-}" = "--tests" ] && with_tests=1

packages=(g++ cmake make pkg-config libxapian-dev libcpp-httplib-dev libsqlite3-dev nlohmann-json3-dev
          catch2 libicu-dev libcli11-dev libspdlog-dev libfmt-dev zlib1g-dev
          wfrench wamerican wbritish)
if [ "$with_tests" = 1 ]; then
  packages+=(chromium xapian-tools sqlite3)
  # The front proxy the hostile suite runs citykb behind (deploy/proxy/), the
  # load balancer of scripts/cluster.sh and the load generator of its test.
  packages+=(haproxy wrk)
  # Node.js and npm from Debian, unless a Node.js with its own npm is there.
  command -v node > /dev/null || packages+=(nodejs)
  command -v npm > /dev/null || packages+=(npm)
  # Fuzzing (libFuzzer) and the sanitizer builds of scripts/test.sh.
  packages+=(clang libclang-rt-14-dev llvm)
  # The style check of scripts/test.sh (and scripts/lint.sh's clang-tidy).
  packages+=(clang-format clang-tidy)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" != 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ "$with_tests" = 1 ]; then
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
  fi
fi

build_type="${CITYKB_BUILD_TYPE:-RelWithDebInfo}"
# Our own test runs treat warnings as errors; a plain build (for packaging, say) does not.
cmake -S . -B build -DCMAKE_BUILD_TYPE="$build_type" -DBUILD_TESTING="$with_tests" -DCITYKB_WERROR="$with_tests" > /dev/null
cmake --build build -j"$(nproc)"
