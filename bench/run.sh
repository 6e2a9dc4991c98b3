#!/usr/bin/env bash
# Runs the citykb benchmark in one command: installs the word lists and wrk
# if missing, builds citykb and the harness, generates the synthetic corpus
# of the profile under bench/out/ (kept between runs), then measures citykb
# against raw Xapian and SQLite FTS5 and writes bench/out/results-<profile>.json.
#
#   bench/run.sh [S|M|L|XL] [--smoke] [citykb_bench options...]
#
#   S = 2,000 documents, M = 20,000, L = 100,000, XL = 1,000,000.
#   --smoke   a quick correctness run (one round, short wrk runs, generator
#             determinism checked); fails on wrong answers, never on timings.
# Environment: CITYKB_BUILD_DIR (default build), CITYKB_BENCH_SEED (default 42).
set -euo pipefail
cd "$(dirname "$0")/.."

profile="${1:-S}"
[ $# -gt 0 ] && shift
case "$profile" in
  S) documents=2000 ;;
  M) documents=20000 ;;
  L) documents=100000 ;;
  XL) documents=1000000 ;;
  *) echo "usage: bench/run.sh [S|M|L|XL] [--smoke] [options]" >&2; exit 2 ;;
esac
smoke=0
extra=()
for arg in "$@"; do
  if [ "$arg" = "--smoke" ]; then smoke=1; else extra+=("$arg"); fi
done
build="${CITYKB_BUILD_DIR:-build}"
seed="${CITYKB_BENCH_SEED:-42}"
out=bench/out
mkdir -p "$out"

# What the benchmark needs beyond citykb's own build dependencies.
packages=(wfrench wamerican wrk)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" != 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

echo "== building in $build"
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE="${CITYKB_BUILD_TYPE:-RelWithDebInfo}" -DCITYKB_BENCH=ON > /dev/null
elif ! grep -q "CITYKB_BENCH:BOOL=ON" "$build/CMakeCache.txt"; then
  cmake -S . -B "$build" -DCITYKB_BENCH=ON > /dev/null
fi
cmake --build "$build" -j"$(nproc)" --target citykb citykb_bench citykb_bench_generate

# The corpus is generated once per profile and seed.
corpus="$out/corpus-$profile"
manifest="$corpus/bench-manifest.json"
if ! { grep -q "\"documents\": $documents," "$manifest" && grep -q "\"seed\": $seed," "$manifest"; } 2>/dev/null; then
  echo "== generating $corpus ($documents documents, seed $seed)"
  "$build/bench/citykb_bench_generate" --out "$corpus" --documents "$documents" --seed "$seed" --corpus corpus
fi

args=(--profile "$profile" --corpus "$corpus" --server "$build/citykb" --web web
      --wrk-script bench/wrk/rotate.lua --work "$out/work-$profile" --out "$out/results-$profile.json"
      --seed "$seed")
if [ "$smoke" = 1 ]; then
  echo "== checking that the generator is deterministic"
  again="$out/corpus-$profile-again"
  "$build/bench/citykb_bench_generate" --out "$again" --documents "$documents" --seed "$seed" --corpus corpus > /dev/null
  diff -rq "$corpus" "$again"
  rm -rf "$again"
  args+=(--smoke)
fi
echo "== running citykb_bench ${args[*]} ${extra[*]:-}"
"$build/bench/citykb_bench" "${args[@]}" "${extra[@]}"
