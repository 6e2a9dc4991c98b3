#!/usr/bin/env bash
# Style checks of citykb's own C++ code.
#   scripts/lint.sh --format   clang-format, as .clang-format says (fast; scripts/test.sh runs it)
#   scripts/lint.sh --tidy     clang-tidy, as .clang-tidy says, on src/ (needs build/compile_commands.json;
#                              several minutes on 2 cores: run by hand)
#   scripts/lint.sh --fix      rewrite the files in place with clang-format
set -euo pipefail
cd "$(dirname "$0")/.."
files() { git ls-files 'src/*.cc' 'src/*.h' 'tests/cpp/*.cc' 'tests/cpp/*.h' 'tests/fuzz/*.cc' 'bench/*.cc' 'bench/*.h'; }
case "${1:---format}" in
  --format) files | xargs clang-format --dry-run -Werror ;;
  --fix) files | xargs clang-format -i ;;
  --tidy)
    [ -f build/compile_commands.json ] || { echo "run scripts/setup.sh first (build/compile_commands.json)"; exit 2; }
    git ls-files 'src/*.cc' | xargs -P "$(nproc)" -n 4 clang-tidy -p build --quiet ;;
  *) echo "usage: scripts/lint.sh [--format|--tidy|--fix]"; exit 2 ;;
esac
