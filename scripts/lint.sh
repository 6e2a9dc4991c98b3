#!/usr/bin/env bash
# Style checks of citykb's own C++ code.
#   scripts/lint.sh --format   clang-format, as .clang-format says (fast; scripts/test.sh runs it)
#   scripts/lint.sh --tidy     clang-tidy, as .clang-tidy says, on src/ (needs build/compile_commands.json;
#                              several minutes on 2 cores: run by hand)
#   scripts/lint.sh --tidy-changed
#                              clang-tidy on the src/ files changed since the merge-base with main
#                              (CITYKB_TIDY_BASE to change it; on main itself: the last commit),
#                              at most 10 files (about a minute on 2 cores), warnings as errors (scripts/test.sh runs it)
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
  --tidy-changed)
    [ -f build/compile_commands.json ] || { echo "run scripts/setup.sh first (build/compile_commands.json)"; exit 2; }
    base="$(git merge-base HEAD "${CITYKB_TIDY_BASE:-main}" 2>/dev/null || git rev-parse HEAD)"
    [ "$base" = "$(git rev-parse HEAD)" ] && base="$(git rev-parse HEAD~1 2>/dev/null || echo "$base")"
    # The .cc files changed, and those beside a changed header.
    changed="$( { git diff --name-only --diff-filter=d "$base" -- 'src/*.cc';
                  git diff --name-only --diff-filter=d "$base" -- 'src/*.h' | sed 's/\.h$/.cc/'; } |
                sort -u | while read -r f; do if [ -f "$f" ]; then echo "$f"; fi; done | sed -n '1,10p')"
    if [ -z "$changed" ]; then echo "clang-tidy: no src/ file changed since ${base:0:12}"; exit 0; fi
    echo "clang-tidy on $(echo "$changed" | wc -l) file(s) changed since ${base:0:12}"
    echo "$changed" | xargs -P "$(nproc)" -n 1 clang-tidy -p build --quiet --warnings-as-errors='*' --extra-arg=-Wno-unknown-warning-option ;;
  *) echo "usage: scripts/lint.sh [--format|--tidy|--tidy-changed|--fix]"; exit 2 ;;
esac
