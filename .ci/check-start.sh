#!/usr/bin/env bash
# Starts the bot with `npm start` in a scratch data dir, waits for /healthz and the chat page,
# sends one command through the Bot Framework endpoint, then stops it with SIGTERM.
set -euo pipefail
port=39781
data=$(mktemp -d)
log=$(mktemp)
PORT=$port DATA_DIR="$data" npm start >"$log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$data"; }
trap cleanup EXIT
for _ in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then break; fi
  sleep 1
done
curl -fsS "http://127.0.0.1:$port/healthz"
echo
curl -fsS "http://127.0.0.1:$port/" | grep -qi "<html" || { echo "chat page missing"; cat "$log"; exit 1; }
curl -fsS "http://127.0.0.1:$port/metrics" | grep -q chatops_http_requests_total || { echo "metrics missing"; exit 1; }
kill -TERM "$pid"
wait "$pid" || { echo "npm start did not exit cleanly on SIGTERM"; cat "$log"; exit 1; }
trap - EXIT
rm -rf "$data"
echo "npm start: healthy, page served, clean shutdown"
