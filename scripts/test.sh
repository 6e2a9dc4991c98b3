#!/usr/bin/env bash
# Builds citykb with its tests and runs every test: the C++ suites (CTest),
# the corpus checks, the browser tests (Node.js + Debian's Chromium), the
# command line, crash safety, hostile input, load, the benchmark's smoke run,
# then sanitizer builds and fuzzing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests
echo "== style: clang-format (.clang-format)"
scripts/lint.sh --format
echo "== style: clang-tidy (.clang-tidy) on the files changed since main"
scripts/lint.sh --tidy-changed
echo "== C++ tests (ctest)"
ctest --test-dir build --output-on-failure -j"$(nproc)" --timeout 300
echo "== corpus tests"
node --test tests/corpus/
if [ -d tests/browser ]; then
  echo "== browser tests"
  node --test --test-concurrency=1 tests/browser/
fi
echo "== relevance against the peer engines: citykb ahead of MiniSearch and SQLite FTS5 (bench/relevance/)"
relevance_out="$(mktemp -d)"
node bench/relevance/compare.mjs --check --out "$relevance_out"
rm -rf "$relevance_out"
echo "== command line (tests/cli/)"
node --test tests/cli/
echo "== crash safety: writes, SIGKILL, restart, many times over (tests/durability/)"
node --test tests/durability/
echo "== hostile requests, security defaults, slow clients (tests/hostile/)"
node --test --test-concurrency=1 tests/hostile/
echo "== the same hostile catalogue behind the shipped proxy (deploy/proxy/, haproxy)"
CITYKB_BEHIND_PROXY=1 node --test --test-concurrency=1 tests/hostile/hostile.test.mjs
echo "== load with a SIGKILL and restart mid-run, short form (tests/load/)"
node --test tests/load/
echo "== cluster: writer, xapian-replicate, 2 read replicas, haproxy; 50 writes, identical answers, consistency, full copy, kills, wrk (tests/cluster/)"
node --test --test-concurrency=1 tests/cluster/
echo "== benchmark, S profile as a correctness smoke run: answers checked, timings not (bench/run.sh)"
CITYKB_BUILD_DIR=build bench/run.sh S --smoke
# Sanitizer builds compile the library again (a few minutes each on 2 cores):
# CITYKB_SANITIZERS=0 skips them and the fuzzing.
if [ "${CITYKB_SANITIZERS:-1}" = 1 ]; then
  sanitized_build() {  # DIR SANITIZERS TARGET...
    local dir="$1" sanitize="$2"
    shift 2
    cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" \
      -DCITYKB_SANITIZE="$sanitize" -DCITYKB_WERROR=OFF -DCITYKB_BENCH=OFF -DBUILD_TESTING=ON > /dev/null
    cmake --build "$dir" -j"$(nproc)" --target "$@"
  }
  echo "== C++ tests and hostile requests with AddressSanitizer + UBSan (build-asan/)"
  sanitized_build build-asan address,undefined citykb_tests citykb
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1" UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
  ctest --test-dir build-asan --output-on-failure -j"$(nproc)" --timeout 900
  CITYKB_BIN=build-asan/citykb node --test --test-concurrency=1 tests/hostile/hostile.test.mjs
  echo "== concurrency and HTTP tests with ThreadSanitizer (build-tsan/)"
  sanitized_build build-tsan thread citykb_tests
  TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/tests/load/tsan.supp" build-tsan/tests/citykb_tests "[concurrency],[http]"
  echo "== fuzzing, short form (tests/fuzz/run.sh)"
  tests/fuzz/run.sh "${CITYKB_FUZZ_SECONDS:-20}"
fi
echo "all tests passed"
