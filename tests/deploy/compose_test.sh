#!/usr/bin/env bash
# The compose deployment as an operator runs it, with podman: the images build from this
# checkout (the pool from the build folder's install tree, no compiling), `podman-compose up -d`
# brings up the guide's services and names, the guide's "Quick Health Check" lines pass, our
# miner mines through viddhana-stratum onto the regtest node, the block shows in viddhana-api's
# /api/blocks and on the dashboard page viddhana-web serves (headless Chromium), Prometheus
# scrapes every role with the deployment's own configuration and finds every target up, a
# PostgreSQL dump taken while mining restores into a fresh database with the same blocks,
# balances and payments, Stratum stopped with SIGTERM sends miners client.reconnect, and
# `down` then `up` keeps the ledger's data.
#
# Host ports are free ones picked here (STRATUM_PORT, API_PORT, ... see compose.yaml), on
# 127.0.0.1 only, so a pool someone runs on the guide's ports is not disturbed.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"

compose_dir=$VIDDHANA_ROOT/deploy/compose
project=viddhanatest
compose() { (cd "$compose_dir" && podman-compose -p "$project" "$@"); }

for name in viddhana-postgres viddhana-redis viddhana-stratum viddhana-api viddhana-web viddhana-ai \
  viddhana-ledger viddhana-litecoind viddhana-litecoind-peer viddhana-prometheus; do
  if podman container exists "$name"; then
    fail "a container named $name already exists (another compose deployment?): stop it first"
  fi
done

note "building the images"
BUILD_DIR=$VIDDHANA_BUILD_DIR "$VIDDHANA_ROOT/deploy/build-images" || fail "deploy/build-images failed"

# Secrets come from secrets.env at run time, never from the image.
image_env=$(podman image inspect -f '{{range .Config.Env}}{{println .}}{{end}}' localhost/viddhana:latest)
[[ "$image_env" != *PASSWORD* && "$image_env" != *JWT_SECRET* ]] || fail "the image's environment holds a secret"
secret=$(sed -n 's/^POSTGRES_PASSWORD=//p' "$compose_dir/secrets.env")
if podman run --rm --entrypoint /bin/grep localhost/viddhana:latest -rqsF "$secret" /opt/viddhana /app /etc; then
  fail "the image holds the database password"
fi

export HOST_ADDRESS=127.0.0.1
STRATUM_PORT=$(free_port) STRATUM_METRICS_PORT=$(free_port) API_PORT=$(free_port)
WEB_PORT=$(free_port) AI_PORT=$(free_port) POSTGRES_PORT=$(free_port) REDIS_PORT=$(free_port)
PROMETHEUS_PORT=$(free_port)
export STRATUM_PORT STRATUM_METRICS_PORT API_PORT WEB_PORT AI_PORT POSTGRES_PORT REDIS_PORT PROMETHEUS_PORT

# Unnamed volumes of the containers (VOLUME paths nothing was mounted on): removed last, after
# `down` (clean-up steps run in reverse order).
remove_anonymous_volumes() {
  # shellcheck disable=SC2086 # a list of volume names
  [ -z "${anon_volumes:-}" ] || podman volume rm -f $anon_volumes
}
on_exit remove_anonymous_volumes
note_anonymous_volumes() {
  # shellcheck disable=SC2046 # container names
  anon_volumes="${anon_volumes:-} $(anonymous_volumes $(podman ps -a --filter label=io.podman.compose.project=$project --format '{{.Names}}') viddhana-restore-api viddhana-restore-postgres | tr '\n' ' ')"
}
on_exit "cd '$compose_dir' && podman-compose -p $project down -v"
on_exit "podman rm -f viddhana-restore-postgres viddhana-restore-api; podman volume rm -f viddhana-restore-pg"
note "podman-compose up -d"
compose up -d >"$scratch/compose-up.log" 2>&1 || { tail -n 40 "$scratch/compose-up.log"; fail "compose up failed"; }

dump_logs() {
  for c in viddhana-litecoind viddhana-ledger viddhana-stratum viddhana-api viddhana-web viddhana-ai; do
    podman logs --tail 30 "$c" >"$scratch/$c.log" 2>&1 || true
  done
  echo "[$test_name] container logs in $scratch"
}
on_exit dump_logs
on_exit note_anonymous_volumes

# ---- the guide's names and ports
for name in viddhana-postgres viddhana-redis viddhana-stratum viddhana-api viddhana-web viddhana-ai \
  viddhana-ledger viddhana-litecoind viddhana-litecoind-peer; do
  [ "$(podman inspect -f '{{.State.Running}}' "$name" 2>/dev/null)" = true ] || fail "$name is not running"
done
published() { [ "$(podman port "$1" "$2/tcp")" = "127.0.0.1:$3" ]; }
published viddhana-stratum 3333 "$STRATUM_PORT" || fail "viddhana-stratum does not publish 3333"
published viddhana-stratum 9090 "$STRATUM_METRICS_PORT" || fail "viddhana-stratum does not publish its metrics"
published viddhana-api 4444 "$API_PORT" || fail "viddhana-api does not publish 4444"
published viddhana-web 3004 "$WEB_PORT" || fail "viddhana-web does not publish 3004"
published viddhana-ai 8000 "$AI_PORT" || fail "viddhana-ai does not publish 8000"
published viddhana-postgres 5432 "$POSTGRES_PORT" || fail "viddhana-postgres does not publish 5432"
published viddhana-redis 6379 "$REDIS_PORT" || fail "viddhana-redis does not publish 6379"
[ "$(podman exec viddhana-stratum id -un)" = viddhana ] || fail "the pool does not run as its own user"

note "waiting for every role to be healthy"
wait_until 120 "viddhana-stratum /health" http_ok "http://127.0.0.1:$STRATUM_METRICS_PORT/health"
wait_until 120 "viddhana-api /health" http_ok "http://127.0.0.1:$API_PORT/health"
wait_until 60 "viddhana-web /" http_ok "http://127.0.0.1:$WEB_PORT/"
wait_until 60 "viddhana-ai /health" http_ok "http://127.0.0.1:$AI_PORT/health"
for c in viddhana-stratum viddhana-ledger viddhana-api viddhana-web viddhana-ai viddhana-postgres viddhana-redis; do
  wait_until 60 "the HEALTHCHECK of $c" podman healthcheck run "$c"
done

# ---- the guide's Quick Health Check, as written (ports: the ones published here)
note "the guide's health check lines"
guide_line() { # guide_line EXPECTED COMMAND: runs a line of the guide, its output must hold EXPECTED
  local out
  out=$(bash -c "$2" 2>&1) || true
  [[ "$out" == *"$1"* ]] || fail "guide line: $2 printed: $out"
  echo "$out" | tail -n 1
}
guide_line " API OK" "curl -s http://localhost:$API_PORT/health && echo ' API OK'"
guide_line " Stratum OK" "curl -s http://localhost:$STRATUM_METRICS_PORT/health && echo ' Stratum OK'"
guide_line "Web OK" "curl -s http://localhost:$WEB_PORT > /dev/null && echo 'Web OK'"
# `docker exec` through podman's Docker-compatible API when a docker CLI is installed;
# otherwise the same commands through podman exec.
docker_exec=(podman exec)
if command -v docker >/dev/null && [[ "$(docker --version 2>/dev/null)" == Docker* ]]; then
  sock=$scratch/podman.sock
  podman system service --time=0 "unix://$sock" &
  service_pid=$!
  on_exit "kill $service_pid"
  wait_until 30 "podman's Docker API socket" test -S "$sock"
  export DOCKER_HOST=unix://$sock
  docker_exec=(docker exec)
fi
if [ "${docker_exec[0]}" = docker ]; then
  [[ "$(docker ps --format "table {{.Names}}\t{{.Status}}")" == *$'\n'"viddhana-redis "* ]] || fail "docker ps"
fi
[ "$("${docker_exec[@]}" viddhana-redis redis-cli ping)" = PONG ] || fail "redis-cli ping"
[[ "$("${docker_exec[@]}" viddhana-postgres pg_isready -U viddhana)" == *"accepting connections"* ]] ||
  fail "pg_isready -U viddhana"
[ "$("${docker_exec[@]}" viddhana-postgres psql -U viddhana -d viddhana_pool -tAc "SELECT 1")" = 1 ] ||
  fail "psql -U viddhana -d viddhana_pool"
unset DOCKER_HOST

# ---- mining through viddhana-stratum
miner_address=rltc1qqsr80sqhlvx3fdxxlrs9fzwpnnxgqhf2hf7sjy
"$VIDDHANA_BUILD_DIR/viddhana" miner --url "stratum+tcp://127.0.0.1:$STRATUM_PORT" \
  --user "$miner_address.compose" -p "x,d=0.01" --threads 1 >"$scratch/miner.log" 2>&1 &
miner_pid=$!
on_exit "kill $miner_pid"
node_height() { podman exec viddhana-litecoind litecoin-node cli getblockcount; }
start_height=$(node_height)
blocks_by_miner() {
  curl -s "http://127.0.0.1:$API_PORT/api/blocks?limit=100" |
    python3 -c 'import json,sys; print(sum(1 for b in json.load(sys.stdin)["blocks"] if b.get("finder","").startswith(sys.argv[1])))' "$miner_address"
}
has_blocks() { [ "$(blocks_by_miner)" -ge "$1" ]; }
note "mining: waiting for blocks in /api/blocks"
wait_until 180 "a block by the miner in viddhana-api's /api/blocks" has_blocks 2
[ "$(node_height)" -gt "$start_height" ] || fail "the node's height did not move"
# Blocks come twice a second on regtest, so the page shows newer ones than any hash read before:
# the check is that the page lists blocks, and that one of them is in /api/blocks, found by our
# miner, and on the node.
note "the dashboard's blocks page shows the blocks"
shown_hash=
dashboard_shows_blocks() {
  local dom api_blocks h
  dom=$(chromium --headless=new --no-sandbox --disable-gpu --virtual-time-budget=15000 \
    --user-data-dir="$scratch/chromium" --dump-dom "http://localhost:$WEB_PORT/blocks" 2>/dev/null)
  api_blocks=$(curl -s "http://127.0.0.1:$API_PORT/api/blocks?limit=100" |
    python3 -c 'import json,sys; [print(b["hash"]) for b in json.load(sys.stdin)["blocks"] if b["finder"] == sys.argv[1]]' "$miner_address")
  while read -r h; do
    if [ -n "$h" ] && grep -qx "$h" <<<"$api_blocks"; then
      shown_hash=$h
      return 0
    fi
  done < <(grep -o 'data-hash="[0-9a-f]\{64\}"' <<<"$dom" | cut -d'"' -f2)
  return 1
}
wait_until 120 "a block of /api/blocks on the dashboard's /blocks page" dashboard_shows_blocks
node_hash=$(podman exec viddhana-litecoind litecoin-node cli getblockheader "$shown_hash" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["hash"])')
[ "$node_hash" = "$shown_hash" ] || fail "block $shown_hash shown on the dashboard is not on the node"

# ---- Prometheus: the deployment's scrape configuration, every target up
note "Prometheus: every target up"
all_targets_up() {
  curl -s "http://127.0.0.1:$PROMETHEUS_PORT/api/v1/targets" | python3 -c '
import json, sys
t = json.load(sys.stdin)["data"]["activeTargets"]
roles = {x["labels"]["role"] for x in t if x["health"] == "up"}
sys.exit(0 if len(t) == 5 and roles == {"stratum", "ledger", "api", "web", "analytics"} else 1)'
}
wait_until 120 "all 5 scrape targets up in Prometheus" all_targets_up
rules_loaded() {
  curl -s "http://127.0.0.1:$PROMETHEUS_PORT/api/v1/rules" |
    python3 -c 'import json,sys; g=json.load(sys.stdin)["data"]["groups"]; sys.exit(0 if sum(len(x["rules"]) for x in g) >= 13 else 1)'
}
rules_loaded || fail "Prometheus did not load the alert rules"

# ---- PostgreSQL backup while mining, restored into a fresh database
note "maturing the coinbases so the ledger pays"
podman exec viddhana-litecoind litecoin-node cli generatetoaddress 101 "$(grep ^POOL_ADDRESS= "$compose_dir/.env" | cut -d= -f2)" >/dev/null
paid() {
  [ "$(curl -s "http://127.0.0.1:$API_PORT/api/payouts" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["payouts"]))')" -ge 1 ]
}
wait_until 180 "a payment in viddhana-api's /api/payouts" paid
note "pg_dump while mining, pg_restore into a fresh PostgreSQL"
podman exec viddhana-postgres pg_dump -U viddhana -Fc viddhana_pool >"$scratch/pool.dump" || fail "pg_dump"
network=$(podman inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}}' viddhana-postgres)
podman run -d --name viddhana-restore-postgres --network "$network" -v viddhana-restore-pg:/var/lib/postgresql/data \
  -e POSTGRES_DB=viddhana_pool -e POSTGRES_USER=viddhana -e POSTGRES_PASSWORD=restore-secret \
  localhost/viddhana-postgres:15 >/dev/null
wait_until 60 "the fresh PostgreSQL" podman exec viddhana-restore-postgres pg_isready -q -h 127.0.0.1
podman exec -i viddhana-restore-postgres pg_restore -U viddhana -d viddhana_pool --no-owner \
  <"$scratch/pool.dump" || fail "pg_restore"
restore_api_port=$(free_port)
podman run -d --name viddhana-restore-api --network "$network" -p "127.0.0.1:$restore_api_port:4444" \
  -v "$compose_dir/viddhana.yaml:/app/configs/config.yaml:ro,z" --env-file "$compose_dir/secrets.env" \
  -e VIDDHANA_POSTGRES_HOST=viddhana-restore-postgres -e VIDDHANA_POSTGRES_PASSWORD=restore-secret \
  -e VIDDHANA_REDIS_HOST=viddhana-redis -e VIDDHANA_NETWORK=regtest \
  -e VIDDHANA_POOL_ADDRESS=rltc1qmp0m7pz9gswh0aysmdv56lq067sg5d40vucf03 \
  -e VIDDHANA_NODE_RPC_URL=http://viddhana-litecoind:19443 \
  -e VIDDHANA_NODES_0_RPC_URL=http://viddhana-litecoind-peer:19443 \
  localhost/viddhana-api:latest >/dev/null
wait_until 60 "the API on the restored database" http_ok "http://127.0.0.1:$restore_api_port/ready"
python3 "$VIDDHANA_ROOT/tests/deploy/compare_books.py" "http://127.0.0.1:$restore_api_port" \
  "http://127.0.0.1:$API_PORT" --expect-payments || fail "the restored books differ from the pool's"

# ---- graceful stop: miners are told to reconnect
note "SIGTERM to Stratum: the miner gets client.reconnect"
podman stop -t 30 viddhana-stratum >/dev/null
grep -q "the pool asked to reconnect" "$scratch/miner.log" || fail "the miner got no client.reconnect"
podman start viddhana-stratum >/dev/null

# ---- down, then up: the ledger's data stays (volumes)
blocks_before=$(blocks_by_miner)
kill "$miner_pid"
note "podman-compose down, then up -d"
note_anonymous_volumes
compose down >"$scratch/compose-down.log" 2>&1 || fail "compose down failed"
podman container exists viddhana-api && fail "compose down left viddhana-api"
compose up -d >"$scratch/compose-up2.log" 2>&1 || fail "compose up (again) failed"
wait_until 120 "viddhana-api /health after up" http_ok "http://127.0.0.1:$API_PORT/health"
[ "$(blocks_by_miner)" -ge "$blocks_before" ] || fail "blocks were lost across down/up"
[ "$(node_height)" -gt "$start_height" ] || fail "the node's chain was lost across down/up"
note "compose deployment: all checks passed"
