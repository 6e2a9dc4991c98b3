#!/usr/bin/env bash
# Builds citykb with its tests and runs every test: the C++ suites (CTest),
# the corpus checks and the browser tests (Node.js + Debian's Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests
echo "== C++ tests (ctest)"
ctest --test-dir build --output-on-failure -j"$(nproc)" --timeout 300
echo "== corpus tests"
node --test tests/corpus/
if [ -d tests/browser ]; then
  echo "== browser tests"
  node --test --test-concurrency=1 tests/browser/
fi
echo "all tests passed"
