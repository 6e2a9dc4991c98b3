#!/usr/bin/env bash
# Starts (up) or stops (down) citykb behind the shipped front proxy
# (deploy/proxy/haproxy.cfg, Debian's haproxy) on local ports.
#   scripts/proxy.sh up     citykb on 127.0.0.1:$CITYKB_PORT (8081), trusting the proxy,
#                           haproxy on $CITYKB_PROXY_BIND (127.0.0.1:8080)
#   scripts/proxy.sh down   stops both
#   scripts/proxy.sh status
# Other settings: CITYKB_BIN (build/citykb), CITYKB_DATA (index),
# CITYKB_PUBLIC_URL (http://<proxy address>), CITYKB_PROXY_RUN (where pids
# and logs go, /tmp/citykb-proxy-$USER). The admin token comes from
# $CITYKB_ADMIN_TOKEN as for `citykb serve`.
set -euo pipefail
cd "$(dirname "$0")/.."

run="${CITYKB_PROXY_RUN:-/tmp/citykb-proxy-${USER:-$(id -u)}}"
bin="${CITYKB_BIN:-build/citykb}"
port="${CITYKB_PORT:-8081}"
bind="${CITYKB_PROXY_BIND:-127.0.0.1:8080}"
haproxy="${HAPROXY_BIN:-/usr/sbin/haproxy}"

alive() { [ -f "$run/$1.pid" ] && kill -0 "$(cat "$run/$1.pid")" 2> /dev/null; }

stop() {
  for name in haproxy citykb; do
    if alive "$name"; then
      kill "$(cat "$run/$name.pid")"
      for _ in $(seq 50); do alive "$name" || break; sleep 0.2; done
      echo "stopped $name"
    fi
    rm -f "$run/$name.pid"
  done
}

case "${1:-}" in
  up)
    mkdir -p "$run"
    if alive citykb || alive haproxy; then echo "already running (scripts/proxy.sh down first)" >&2; exit 1; fi
    [ -x "$bin" ] || { echo "no citykb at $bin (build it first)" >&2; exit 1; }
    [ -x "$haproxy" ] || { echo "no haproxy at $haproxy (apt-get install haproxy)" >&2; exit 1; }
    "$bin" serve --host 127.0.0.1 --port "$port" --data "${CITYKB_DATA:-index}" --trusted-proxy 127.0.0.1 \
      --public-url "${CITYKB_PUBLIC_URL:-http://$bind}" > "$run/citykb.log" 2>&1 &
    echo $! > "$run/citykb.pid"
    for _ in $(seq 600); do
      grep -q "listening on" "$run/citykb.log" && break
      alive citykb || { cat "$run/citykb.log" >&2; exit 1; }
      sleep 0.2
    done
    export CITYKB_PROXY_BIND="$bind" CITYKB_UPSTREAM="127.0.0.1:$port" CITYKB_PROXY_DIR="$PWD/deploy/proxy"
    "$haproxy" -c -q -f deploy/proxy/haproxy.cfg
    "$haproxy" -db -f deploy/proxy/haproxy.cfg > "$run/haproxy.log" 2>&1 &
    echo $! > "$run/haproxy.pid"
    sleep 0.5
    alive haproxy || { cat "$run/haproxy.log" >&2; stop; exit 1; }
    echo "citykb on 127.0.0.1:$port behind haproxy on $bind (logs in $run)"
    ;;
  down) stop ;;
  status)
    for name in citykb haproxy; do
      if alive "$name"; then echo "$name running (pid $(cat "$run/$name.pid"))"; else echo "$name stopped"; fi
    done
    ;;
  *)
    echo "usage: scripts/proxy.sh up|down|status" >&2
    exit 2
    ;;
esac
