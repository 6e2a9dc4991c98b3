#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) in build-fuzz/ and
# runs each one for a bounded time on its seeds in tests/fuzz/corpus/<target>/.
#   tests/fuzz/run.sh            20 s per target (what CI runs)
#   tests/fuzz/run.sh 1800       the long run: 30 minutes per target
#   tests/fuzz/run.sh 60 fuzz_bundle   one target
# New inputs found go to build-fuzz/corpus/<target>/ (kept between runs),
# crashes to build-fuzz/artifacts/. Exits non-zero on any finding. The seed is
# fixed (CITYKB_FUZZ_SEED, default 1) so that a CI run can be replayed.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-20}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(fuzz_text fuzz_query fuzz_bundle fuzz_params fuzz_record)

CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" -DCITYKB_FUZZ=ON -DCITYKB_SANITIZE=address,undefined \
  -DCITYKB_WERROR=OFF -DCITYKB_BENCH=OFF -DBUILD_TESTING=ON > /dev/null
cmake --build build-fuzz -j"$(nproc)" --target citykb_fuzz

symbolizer=$(command -v llvm-symbolizer || ls /usr/lib/llvm-*/bin/llvm-symbolizer 2>/dev/null | head -1 || true)
export ASAN_SYMBOLIZER_PATH="${symbolizer}"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
mkdir -p build-fuzz/artifacts
total=0
for t in "${targets[@]}"; do
  mkdir -p "build-fuzz/corpus/$t"
  dict=()
  [ -f "tests/fuzz/$t.dict" ] && dict=(-dict="tests/fuzz/$t.dict")
  log="build-fuzz/$t.log"
  # The first corpus directory receives new inputs; the seeds stay as they are.
  if ! "build-fuzz/tests/fuzz/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
      -print_final_stats=1 -seed="${CITYKB_FUZZ_SEED:-1}" -artifact_prefix="build-fuzz/artifacts/$t-" "${dict[@]}" \
      "build-fuzz/corpus/$t" "tests/fuzz/corpus/$t" > "$log" 2>&1; then
    tail -n 60 "$log"
    echo "FINDING: $t (input in build-fuzz/artifacts/)"
    exit 1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
  echo "$t: ${runs:-?} executions in ${seconds} s, ${cov:-cov: ?}, no finding"
  total=$((total + ${runs:-0}))
done
echo "fuzzing: $total executions, no finding"
