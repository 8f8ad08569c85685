#!/usr/bin/env bash
# The installed tree, away from the build folder: `cmake --install` into a temporary prefix lays
# out bin/, share/viddhana/ (dashboard, analytics data) and the systemd units, which
# `systemd-analyze verify` accepts; the binary holds no path of the source tree; `viddhana run`
# started from another folder serves the installed dashboard and the installed hardware table,
# mines onto a regtest pair and pays; every metric an alert rule or a Grafana panel queries is in
# its /metrics; a backup taken while mining restores into a fresh deployment with the same
# blocks, balances and payments; SIGTERM stops it gracefully (miners get client.reconnect).
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

prefix=$scratch/prefix
cmake --install "$VIDDHANA_BUILD_DIR" --prefix "$prefix" >"$scratch/install.log" || fail "cmake --install"
viddhana=$prefix/bin/viddhana
for f in bin/viddhana share/viddhana/web/index.html share/viddhana/analytics/hardware.json \
  share/viddhana/examples/viddhana.yaml lib/systemd/system/viddhana.service \
  lib/systemd/system/viddhana-stratum.service lib/systemd/system/viddhana-ledger.service \
  lib/systemd/system/viddhana-api.service lib/systemd/system/viddhana-web.service \
  lib/systemd/system/viddhana-ai.service; do
  [ -e "$prefix/$f" ] || fail "the installed tree has no $f"
done
if grep -q -a -F -e "$VIDDHANA_ROOT/web/dist" -e "$VIDDHANA_ROOT/src/analytics/data" "$viddhana"; then
  fail "the installed binary still names a folder of the source tree"
fi

note "systemd-analyze verify on the installed units"
out=$(systemd-analyze verify "$prefix"/lib/systemd/system/*.service 2>&1) || fail "systemd-analyze verify: $out"
[ -z "$out" ] || fail "systemd-analyze verify warned: $out"
grep -q "^ExecStart=$prefix/bin/viddhana stratum " "$prefix/lib/systemd/system/viddhana-stratum.service" ||
  fail "the stratum unit does not run the installed binary"

# The example configuration is valid apart from the machine it names.
"$viddhana" check-config --config "$prefix/share/viddhana/examples/viddhana.yaml" >/dev/null ||
  fail "the installed example configuration is invalid"

note "viddhana run from the installed tree"
start_regtest_pair "$scratch/nodes"
stratum_port=$(free_port) metrics_port=$(free_port) api_port=$(free_port) web_port=$(free_port)
ai_port=$(free_port)
mkdir -p "$scratch/run"
cat >"$scratch/run/pool.yaml" <<YAML
coin: litecoin
network: regtest
data_dir: $scratch/run/data
server: { host: 127.0.0.1, port: $stratum_port }
node: { rpc_url: "http://127.0.0.1:$NODE_A_RPC", rpc_user: $RPC_USER, rpc_password: $RPC_PASSWORD }
nodes:
  - { rpc_url: "http://127.0.0.1:$NODE_B_RPC", rpc_user: $RPC_USER, rpc_password: $RPC_PASSWORD }
pool: { address: $POOL_ADDRESS }
payments: { wallet: pool, interval: 1s, guard: false }
ledger: { unlocker_interval: 1s }
metrics: { host: 127.0.0.1, port: $metrics_port }
api: { host: 127.0.0.1, port: $api_port }
web: { host: 127.0.0.1, port: $web_port }
analytics: { host: 127.0.0.1, port: $ai_port }
YAML
cd "$scratch/run"
"$viddhana" run --config pool.yaml >"$scratch/pool.log" 2>&1 &
pool_pid=$!
on_exit "kill $pool_pid"
wait_until 60 "the pool's health" http_ok "http://127.0.0.1:$metrics_port/health"
wait_until 30 "the dashboard" http_ok "http://127.0.0.1:$web_port/"
cmp -s <(curl -s "http://127.0.0.1:$web_port/") "$prefix/share/viddhana/web/index.html" ||
  fail "the dashboard served is not the installed index.html"
advice=$(curl -s -X POST -H 'Content-Type: application/json' \
  -d '{"hashrate": 9.5e9, "hardware": "Antminer L7"}' "http://127.0.0.1:$ai_port/api/v1/optimize/worker")
[ "$(json_get "$advice" 'd["hardware"]["model"]')" = "Antminer L7" ] ||
  fail "the analytics service did not read the installed hardware table: $advice"

"$viddhana" miner --url "stratum+tcp://127.0.0.1:$stratum_port" --user "$MINER_ADDRESS.installed" \
  -p "x,d=0.01" --threads 1 >"$scratch/miner.log" 2>&1 &
miner_pid=$!
on_exit "kill $miner_pid"
api() { curl -s "http://127.0.0.1:$api_port$1"; }
count_of() { api "$1" | python3 -c "import json,sys; print(len(json.load(sys.stdin)['$2']))"; }
at_least() { [ "$(count_of "$1" "$2")" -ge "$3" ]; }
wait_until 120 "3 blocks in /api/blocks" at_least "/api/blocks" blocks 3
note "maturing the coinbases for payments"
node_cli "$NODE_A_RPC" generatetoaddress 101 "$POOL_ADDRESS" >/dev/null
wait_until 180 "a payment in /api/payouts" at_least "/api/payouts" payouts 1

note "every metric the alerts and dashboards query is exported"
api /api/stats/pool >/dev/null
curl -s "http://127.0.0.1:$web_port/blocks" >/dev/null
curl -s "http://127.0.0.1:$ai_port/health" >/dev/null
metrics=$(curl -s "http://127.0.0.1:$metrics_port/metrics")
missing=()
while read -r name; do
  grep -qE "^$name(\{| )" <<<"$metrics" || missing+=("$name")
done < <(python3 "$VIDDHANA_ROOT/tests/deploy/promql_metrics.py" \
  "$VIDDHANA_ROOT/deploy/prometheus/alerts.yml" "$VIDDHANA_ROOT"/deploy/grafana/*.json)
[ ${#missing[@]} -eq 0 ] || fail "queried but not exported: ${missing[*]}"
grep -q '^http_requests_total{server="api"' <<<"$metrics" || fail "no API request counted"

note "backup while mining, restore into a fresh deployment"
"$viddhana" backup --config pool.yaml --out "$scratch/backup.db" || fail "viddhana backup"
mkdir -p "$scratch/restored"
restored_api=$(free_port) restored_metrics=$(free_port)
sed -e "s|data_dir: .*|data_dir: $scratch/restored/data|" -e "s|port: $api_port|port: $restored_api|" \
  -e "s|port: $metrics_port|port: $restored_metrics|" pool.yaml >"$scratch/restored/pool.yaml"
"$viddhana" restore --config "$scratch/restored/pool.yaml" --from "$scratch/backup.db" || fail "viddhana restore"
if "$viddhana" restore --config "$scratch/restored/pool.yaml" --from "$scratch/backup.db" 2>/dev/null; then
  fail "restore over an existing store was not refused"
fi
"$viddhana" api --config "$scratch/restored/pool.yaml" >"$scratch/restored-api.log" 2>&1 &
restored_pid=$!
on_exit "kill $restored_pid"
wait_until 30 "the API on the restored store" http_ok "http://127.0.0.1:$restored_api/ready"
python3 "$VIDDHANA_ROOT/tests/deploy/compare_books.py" "http://127.0.0.1:$restored_api" \
  "http://127.0.0.1:$api_port" --expect-payments || fail "the restored books differ"
[ "$(curl -s "http://127.0.0.1:$restored_api/api/payouts" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["payouts"]))')" -ge 1 ] ||
  fail "the restored store has no payment"

note "SIGTERM: a graceful stop"
kill -TERM "$pool_pid"
stopped() { ! kill -0 "$pool_pid" 2>/dev/null; }
wait_until 60 "the pool to exit after SIGTERM" stopped
wait "$pool_pid" || fail "the pool exited with $? after SIGTERM"
grep -q "the pool asked to reconnect" "$scratch/miner.log" || fail "the miner got no client.reconnect"
note "installed tree: all checks passed"
