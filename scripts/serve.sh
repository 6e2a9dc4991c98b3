#!/usr/bin/env bash
# Builds citykb and serves the shipped corpus at http://127.0.0.1:8080
# (data in index/; the first start loads corpus/). Extra arguments go to
# `citykb serve`, e.g. scripts/serve.sh --port 9000.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec build/citykb serve "$@"
