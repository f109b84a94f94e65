#!/usr/bin/env bash
# Starts the bot with `npm start` as a new user does, in a scratch data dir and its own process
# group, waits for /healthz and the chat page, then stops it the way a terminal (Ctrl-C) or a
# container runtime does: a signal to the whole group. Fails unless it shuts down cleanly.
set -euo pipefail
port=39781
data=$(mktemp -d)
log=$(mktemp)
PORT=$port DATA_DIR="$data" setsid npm start >"$log" 2>&1 &
group=$!
cleanup() { kill -KILL -- "-$group" 2>/dev/null || true; rm -rf "$data"; }
trap cleanup EXIT
for _ in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then break; fi
  sleep 1
done
curl -fsS "http://127.0.0.1:$port/healthz"
echo
curl -fsS "http://127.0.0.1:$port/" | grep -qi "<html" || { echo "chat page missing"; cat "$log"; exit 1; }
curl -fsS "http://127.0.0.1:$port/metrics" | grep -q chatops_http_requests_total || { echo "metrics missing"; exit 1; }
kill -TERM -- "-$group"
for _ in $(seq 1 30); do
  pgrep -g "$group" >/dev/null || break
  sleep 0.5
done
if pgrep -g "$group" >/dev/null; then echo "the bot did not stop within 15 s of SIGTERM"; cat "$log"; exit 1; fi
grep -q '"msg":"shutting down"' "$log" || { echo "no graceful shutdown logged"; cat "$log"; exit 1; }
if grep -q '"level":50' "$log"; then echo "errors were logged"; cat "$log"; exit 1; fi
echo "npm start: healthy, page and metrics served, graceful shutdown on SIGTERM"
