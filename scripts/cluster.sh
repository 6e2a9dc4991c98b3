#!/usr/bin/env bash
# A citykb cluster on one machine: a writer publishing its index with
# xapian-replicate-server, read replicas (citykb serve --follow) whose index
# is kept by xapian-replicate and whose store follows the writer's change
# log, and haproxy in front (deploy/cluster/haproxy.cfg). docs/cluster.md.
#   scripts/cluster.sh up       start it; the last line printed is the load balancer's URL
#   scripts/cluster.sh status   each process and its /api/health
#   scripts/cluster.sh down     stop it (the data directories are kept)
# Environment:
#   CITYKB_CLUSTER_PORT  load balancer port (default 8090); the writer and the
#                        replicas take the ports after it
#   CITYKB_CLUSTER_DIR   run directory: data, logs, pids (default /tmp/citykb-cluster)
#   CITYKB_REPLICAS      number of replicas (default 2)
#   CITYKB_MAX_LAG       sequences a replica may be behind before haproxy takes it out (default 50)
#   CITYKB_INDEX_CHANGESETS  index revisions the writer keeps as changesets for
#                        xapian-replicate (default 100); a replica further behind gets a full copy
#   CITYKB_REPLICATE_INTERVAL  seconds xapian-replicate waits between polls of the writer (default 1)
#   CITYKB_ADMIN_TOKEN   the writer's token (default: a random one, kept in the run directory)
#   CITYKB_BIN           the citykb binary (default build/citykb); CITYKB_CORPUS (default corpus/)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUN="${CITYKB_CLUSTER_DIR:-/tmp/citykb-cluster}"
PORT="${CITYKB_CLUSTER_PORT:-8090}"
REPLICAS="${CITYKB_REPLICAS:-2}"
MAX_LAG="${CITYKB_MAX_LAG:-50}"
BIN="${CITYKB_BIN:-$ROOT/build/citykb}"
CORPUS="${CITYKB_CORPUS:-$ROOT/corpus}"
CHANGESETS="${CITYKB_INDEX_CHANGESETS:-100}"
INTERVAL="${CITYKB_REPLICATE_INTERVAL:-1}"
WRITER_PORT=$((PORT + 1))
# xapian-replicate-server listens after the replicas.
REPLICATE_PORT=$((PORT + REPLICAS + 2))

health() { curl -s --max-time 2 "http://127.0.0.1:$1/api/health${2:-}" || true; echo; }

# Waits until http://127.0.0.1:$1/api/health$2 answers 200 (at most $3
# seconds; gives up when the process of pid file $4, if given, has exited).
wait_ok() {
  local i
  for ((i = 0; i < $3 * 10; i++)); do
    [ -n "${4:-}" ] && ! alive "$4" && return 1
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$1/api/health${2:-}")" = 200 ] && return 0
    sleep 0.1
  done
  return 1
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2> /dev/null; }

# Starts a process in its own session (a signal to ours never reaches it), recording its pid.
start() {
  local name="$1"
  shift
  setsid "$@" > "$RUN/$name.log" 2>&1 < /dev/null &
  echo $! > "$RUN/$name.pid"
}

fail() {
  echo "error: $1" >&2
  down
  exit 1
}

up() {
  [ -x "$BIN" ] || { echo "error: no citykb binary at $BIN (build it, or set CITYKB_BIN)" >&2; exit 1; }
  command -v haproxy > /dev/null || { echo "error: haproxy is not installed (scripts/setup.sh --tests)" >&2; exit 1; }
  command -v xapian-replicate-server > /dev/null ||
    { echo "error: xapian-replicate-server is not installed (Debian package xapian-tools)" >&2; exit 1; }
  mkdir -p "$RUN"
  if alive "$RUN/writer.pid"; then echo "error: a cluster is already running in $RUN (scripts/cluster.sh down)" >&2; exit 1; fi
  local token="${CITYKB_ADMIN_TOKEN:-}"
  if [ -z "$token" ]; then
    [ -s "$RUN/token" ] || head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$RUN/token"
    token="$(cat "$RUN/token")"
    echo "admin token (generated): $RUN/token" >&2
  fi
  echo "$PORT" > "$RUN/port"
  echo "$REPLICAS" > "$RUN/replicas"
  echo "$REPLICATE_PORT" > "$RUN/replicate_port"
  CITYKB_ADMIN_TOKEN="$token" start writer "$BIN" serve --data "$RUN/writer" --port "$WRITER_PORT" \
    --web "$ROOT/web" --corpus "$CORPUS" --publish-changesets "$CHANGESETS"
  wait_ok "$WRITER_PORT" "" 300 "$RUN/writer.pid" || fail "the writer did not start; see $RUN/writer.log"
  echo "writer   http://127.0.0.1:$WRITER_PORT" >&2
  # The writer's index ($RUN/writer/xapian) is published as "xapian". These
  # tools kill their whole process group on SIGTERM: each runs in its own
  # session (start uses setsid).
  start replicate-server xapian-replicate-server -I 127.0.0.1 -p "$REPLICATE_PORT" "$RUN/writer"
  echo "xapian-replicate-server 127.0.0.1:$REPLICATE_PORT" >&2
  local servers="" i
  for ((i = 1; i <= REPLICAS; i++)); do
    local p=$((WRITER_PORT + i))
    mkdir -p "$RUN/replica$i"
    # -r 0: apply each changeset at once (the default waits 30 s for readers).
    start "replicate$i" xapian-replicate -h 127.0.0.1 -p "$REPLICATE_PORT" -m xapian -i "$INTERVAL" -r 0 \
      "$RUN/replica$i/xapian"
    env -u CITYKB_ADMIN_TOKEN setsid "$BIN" serve --follow "http://127.0.0.1:$WRITER_PORT" --data "$RUN/replica$i" \
      --replicated-index "$RUN/replica$i/xapian" --port "$p" --web "$ROOT/web" > "$RUN/replica$i.log" 2>&1 < /dev/null &
    echo $! > "$RUN/replica$i.pid"
    servers+="    server replica$i 127.0.0.1:$p check inter 500ms fall 2 rise 2"$'\n'
  done
  for ((i = 1; i <= REPLICAS; i++)); do
    wait_ok $((WRITER_PORT + i)) "?max_lag=0" 300 "$RUN/replica$i.pid" ||
      fail "replica $i did not catch up; see $RUN/replica$i.log and $RUN/replicate$i.log"
    echo "replica$i http://127.0.0.1:$((WRITER_PORT + i))" >&2
  done
  local cfg
  cfg="$(cat "$ROOT/deploy/cluster/haproxy.cfg")"
  cfg="${cfg//@BIND@/127.0.0.1:$PORT}"
  cfg="${cfg//@WRITER@/127.0.0.1:$WRITER_PORT}"
  cfg="${cfg//@MAX_LAG@/$MAX_LAG}"
  cfg="${cfg//@REPLICAS@/${servers%$'\n'}}"
  printf '%s\n' "$cfg" > "$RUN/haproxy.cfg"
  haproxy -c -q -f "$RUN/haproxy.cfg" || fail "haproxy rejects $RUN/haproxy.cfg"
  start haproxy haproxy -db -f "$RUN/haproxy.cfg"
  wait_ok "$PORT" "" 30 "$RUN/haproxy.pid" || fail "haproxy did not start; see $RUN/haproxy.log"
  echo "http://127.0.0.1:$PORT"
}

stop_pid() {
  local f="$1" pid i
  [ -f "$f" ] || return 0
  pid="$(cat "$f")"
  if kill -0 "$pid" 2> /dev/null; then
    kill -TERM "$pid" 2> /dev/null || true
    for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2> /dev/null && kill -KILL "$pid" 2> /dev/null || true
  fi
  rm -f "$f"
}

down() {
  [ -d "$RUN" ] || return 0
  stop_pid "$RUN/haproxy.pid"
  local f
  for f in "$RUN"/replica[0-9]*.pid "$RUN"/replicate[0-9]*.pid; do [ -e "$f" ] && stop_pid "$f"; done
  stop_pid "$RUN/replicate-server.pid"
  stop_pid "$RUN/writer.pid"
  echo "stopped (data kept in $RUN)" >&2
}

status() {
  [ -f "$RUN/port" ] || { echo "no cluster in $RUN"; exit 1; }
  local port wp n i code=0
  port="$(cat "$RUN/port")"
  wp=$((port + 1))
  n="$(cat "$RUN/replicas")"
  for name in haproxy writer replicate-server $(seq -f 'replicate%g' 1 "$n") $(seq -f 'replica%g' 1 "$n"); do
    if alive "$RUN/$name.pid"; then
      case "$name" in
        haproxy) echo "haproxy  up    http://127.0.0.1:$port" ;;
        writer) echo "writer   up    $(health "$wp")" ;;
        replicate-server) echo "replicate-server up    xapian-replicate-server 127.0.0.1:$(cat "$RUN/replicate_port")" ;;
        replicate*) echo "$name up    xapian-replicate into $RUN/replica${name#replicate}/xapian" ;;
        *) i="${name#replica}"; echo "$name up    $(health $((wp + i)))" ;;
      esac
    else
      echo "$name down"
      code=1
    fi
  done
  exit "$code"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: scripts/cluster.sh up|down|status" >&2; exit 2 ;;
esac
