#!/usr/bin/env bash
# Runs the Azure CLI recipe of docs/simulator.md as a user pastes it: `SIMULATOR_SIGN_IN=on npm run
# simulator` in the background (default DATA_DIR, from the repository), then the block between the
# az-recipe markers, unchanged, in a new shell. Fails unless every command succeeds and the answers
# show the estate (VMs, the snapshot, the backup job, replication health), and unless ARM refuses a
# request without a token (401). Needs Debian's azure-cli (.ci/run installs it).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v az >/dev/null || { echo "az is not installed (apt-get install azure-cli)"; exit 1; }
echo "azure-cli $(az version --query '"azure-cli"' -o tsv 2>/dev/null)"

recipe=$(awk '/<!-- az-recipe:start -->/{on=1; next} /<!-- az-recipe:end -->/{on=0} on' docs/simulator.md | sed '/^```/d')
[ -n "$recipe" ] || { echo "docs/simulator.md has no az-recipe block"; exit 1; }

log=$(mktemp)
rm -f data/simulator-sign-in.env
SIMULATOR_SIGN_IN=on setsid npm run simulator >"$log" 2>&1 &
group=$!
cleanup() { kill -TERM -- "-$group" 2>/dev/null || true; rm -f "$log"; }
trap cleanup EXIT
for _ in $(seq 1 60); do
  [ -f data/simulator-sign-in.env ] && break
  sleep 1
done
[ -f data/simulator-sign-in.env ] || { echo "the simulator did not start"; cat "$log"; exit 1; }

out=$(bash -euo pipefail -c "$recipe" 2>&1) || { echo "$out"; echo "the recipe failed"; exit 1; }
echo "$out"
for expected in vm-web-01 vm-sql-01 'rehearsal-vm-web-01 *Succeeded' 'Backup *vm-web-01' 'vm-crm-01 *Normal'; do
  grep -Eq -- "$expected" <<<"$out" || { echo "the recipe's answers lack: $expected"; exit 1; }
done
if grep -q "$(sed -n 's/^export AZURE_CLIENT_SECRET=//p' data/simulator-sign-in.env)" "$log"; then
  echo "the simulator's log holds the principal's secret"
  exit 1
fi

status=$(curl -s -o /dev/null -w '%{http_code}' --cacert data/simulator-cert/ca.pem \
  'https://127.0.0.1:4443/subscriptions?api-version=2022-12-01')
[ "$status" = 401 ] || { echo "a request without a token got $status, not 401"; exit 1; }
echo "Azure CLI recipe: every command worked; unauthenticated ARM request: 401"
