#!/usr/bin/env bash
# API benchmark with wrk on a month of a simulated pool: starts a throw-away PostgreSQL (or uses
# the one given with --postgres-url), fills it with bench/tools/api_dataset unless the dataset is
# already there, starts `viddhana api` on it, and runs wrk against GET /api/stats/pool and the
# miner routes (/api/miners/{address}, /workers, /hashrate; addresses rotate over the miners
# mining now). Everything it started is stopped on exit.
#
#   bench/api_wrk.sh [--viddhana build/viddhana] [--dataset-tool build/bench/api_dataset]
#                    [--data-dir DIR] [--postgres-url URL] [--regenerate] [--clean]
#                    [--miners 1000] [--days 30] [--share-interval 60] [--blocks-per-day 24]
#                    [--wrk-threads 2] [--connections 32] [--duration 20s] [--api-threads 2]
#                    [--routes pool,miner,workers,hashrate]
#
# The throw-away server keeps its files in --data-dir (default /tmp/viddhana-api-wrk), so a second
# run reuses the dataset (generated with the options of its first run, which it remembers) after
# bringing it up to the present with api_dataset --top-up; --clean removes the files at the end.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
viddhana=$root/build/viddhana
tool=$root/build/bench/api_dataset
data_dir=${TMPDIR:-/tmp}/viddhana-api-wrk
postgres_url=
regenerate=0
clean=0
gen_args=()
wrk_threads=2
connections=32
duration=20s
api_threads=2
routes=pool,miner,workers,hashrate
while [[ $# -gt 0 ]]; do
    case "$1" in
        --viddhana) viddhana=$2; shift 2 ;;
        --dataset-tool) tool=$2; shift 2 ;;
        --data-dir) data_dir=$2; shift 2 ;;
        --postgres-url) postgres_url=$2; shift 2 ;;
        --regenerate) regenerate=1; shift ;;
        --clean) clean=1; shift ;;
        --miners | --days | --share-interval | --blocks-per-day | --payment-interval | --seed)
            gen_args+=("$1" "$2"); shift 2 ;;
        --wrk-threads) wrk_threads=$2; shift 2 ;;
        --connections) connections=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        --api-threads) api_threads=$2; shift 2 ;;
        --routes) routes=$2; shift 2 ;;
        -h | --help) sed -n '2,15p' "$0"; exit 0 ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
done
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }
[[ -x $viddhana ]] || { echo "no executable viddhana at $viddhana (--viddhana PATH)" >&2; exit 1; }

pg_bin=/usr/lib/postgresql/15/bin
started_pg=0
api_pid=
cleanup() {
    if [[ -n $api_pid ]]; then
        kill "$api_pid" 2>/dev/null || true
        wait "$api_pid" 2>/dev/null || true
    fi
    if [[ $started_pg == 1 ]]; then
        runuser -u postgres -- "$pg_bin/pg_ctl" -D "$data_dir/pg" -m fast -w stop >/dev/null || true
    fi
    if [[ $clean == 1 ]]; then rm -rf "$data_dir"; fi
}
trap cleanup EXIT

free_port() {
    local p
    while :; do
        p=$((20000 + RANDOM % 40000))
        [[ -z $(ss -Htln "sport = :$p") ]] && { echo "$p"; return; }
    done
}

# Polls a command until it succeeds or the deadline (seconds) passes.
wait_for() {
    local deadline=$((SECONDS + $1)) what=$2
    shift 2
    until "$@" >/dev/null 2>&1; do
        if ((SECONDS >= deadline)); then
            echo "timed out waiting for $what" >&2
            return 1
        fi
        sleep 0.2
    done
}

mkdir -p "$data_dir"
marker=$data_dir/dataset.env
if [[ -z $postgres_url ]]; then
    # A server of our own, as the integration tests run it: PostgreSQL refuses to run as root, so
    # its files belong to the postgres user and its tools run through runuser.
    chown postgres: "$data_dir"
    if [[ $regenerate == 1 ]]; then rm -rf "$data_dir/pg" "$marker"; fi
    if [[ ! -d $data_dir/pg ]]; then
        rm -f "$marker"
        runuser -u postgres -- "$pg_bin/initdb" -D "$data_dir/pg" -A trust -U postgres -E UTF8 \
            --locale=C.UTF-8 --no-sync >"$data_dir/initdb.log"
    fi
    pg_port=$(free_port)
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$data_dir/pg" -l "$data_dir/postgres.log" -w \
        -t 60 -o "-p $pg_port -k $data_dir -c listen_addresses=127.0.0.1 -c fsync=off \
        -c synchronous_commit=off -c max_connections=200 -c shared_buffers=512MB" start >/dev/null
    started_pg=1
    admin="host=127.0.0.1 port=$pg_port user=postgres dbname=postgres"
    if [[ -z $(psql "$admin" -Atc "SELECT 1 FROM pg_roles WHERE rolname = 'viddhana'") ]]; then
        psql "$admin" -qc "CREATE ROLE viddhana LOGIN PASSWORD 'viddhana'"
        psql "$admin" -qc "CREATE DATABASE viddhana OWNER viddhana"
    fi
    postgres_url=postgresql://viddhana:viddhana@127.0.0.1:$pg_port/viddhana
    echo "postgresql: $postgres_url (files in $data_dir/pg)"
fi

shares=$(psql "$postgres_url" -Atc "SELECT count(*) FROM shares" 2>/dev/null || echo 0)
if [[ $regenerate == 1 || $shares == 0 || ! -f $marker ]]; then
    [[ $shares == 0 ]] || { echo "the database holds shares but no $marker: give an empty one" >&2; exit 1; }
    [[ -x $tool ]] || { echo "no dataset tool at $tool (--dataset-tool PATH)" >&2; exit 1; }
    echo "generating: $tool --postgres $postgres_url ${gen_args[*]}"
    "$tool" --postgres "$postgres_url" --addresses "$data_dir/addresses.txt" "${gen_args[@]}" \
        | tee "$data_dir/generate.log"
    start_ms=$(sed -n 's/^dataset start_ms=//p' "$data_dir/generate.log")
    {
        echo "start_ms=$start_ms"
        echo "gen_args=(${gen_args[*]})"
    } >"$marker"
    analyze=1
else
    # shellcheck source=/dev/null
    source "$marker"
    echo "reusing the dataset in $postgres_url ($shares shares; options: ${gen_args[*]})"
    # Bring it up to now, so the last minutes hold shares as they would on a running pool.
    "$tool" --postgres "$postgres_url" --addresses "$data_dir/addresses.txt" --top-up \
        --start-ms "$start_ms" "${gen_args[@]}" | tee "$data_dir/top-up.log"
    analyze=0
fi
if [[ $analyze == 1 ]]; then
    # Fresh tables: statistics for the planner and visibility maps for index-only scans.
    psql "$postgres_url" -qc "VACUUM ANALYZE miners, workers, shares, hashrate_worker_minute, \
        hashrate_miner_minute, hashrate_pool_minute, blocks, rounds, round_credits, \
        balance_changes, payments"
fi

echo "rows per table:"
for t in miners workers shares hashrate_worker_minute hashrate_miner_minute hashrate_pool_minute \
    blocks rounds round_credits balance_changes payments; do
    printf '  %-24s %s\n' "$t" "$(psql "$postgres_url" -Atc "SELECT count(*) FROM $t")"
done
echo "  database size            $(psql "$postgres_url" -Atc \
    "SELECT pg_size_pretty(pg_database_size(current_database()))")"

api_port=$(free_port)
mkdir -p "$data_dir/api"
cat >"$data_dir/api/viddhana.yaml" <<EOF
coin: litecoin
network: regtest
data_dir: $data_dir/api
pool:
  address: rltc1qgfpyysjzgfpyysjzgfpyysjzgfpyysjzzfd7ms  # the dataset's fee account
node:
  rpc_url: http://127.0.0.1:9
postgres:
  url: $postgres_url
ledger:
  share_retention: 0
metrics:
  enabled: false
api:
  host: 127.0.0.1
  port: $api_port
  threads: $api_threads
  cache_ttl_ms: 5000
  rate_limit_per_minute: 1000000
  access_log: false
log:
  level: warn
EOF
"$viddhana" api --config "$data_dir/api/viddhana.yaml" >"$data_dir/api/api.log" 2>&1 &
api_pid=$!
base=http://127.0.0.1:$api_port
api_up() { kill -0 "$api_pid" && curl -sf "$base/api/stats/pool"; }
if ! wait_for 60 "the API on port $api_port" api_up; then
    tail -20 "$data_dir/api/api.log" >&2
    exit 1
fi
echo "viddhana api: pid $api_pid, $base, $api_threads threads"
address=$(head -1 "$data_dir/addresses.txt")
curl -sf "$base/api/miners/$address" >/dev/null || {
    echo "GET /api/miners/$address failed:" >&2
    curl -s "$base/api/miners/$address" >&2
    exit 1
}

lua=$data_dir/rotate_addresses.lua
cat >"$lua" <<'EOF'
-- Each request asks for the next miner of the list (a different start per thread).
local addresses, suffix, n = {}, "", 0
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("offset", counter * 7919)
end
function init(args)
  for line in io.lines(args[1]) do addresses[#addresses + 1] = line end
  suffix = args[2] or ""
  n = offset or 0
end
function request()
  n = n + 1
  return wrk.format("GET", "/api/miners/" .. addresses[n % #addresses + 1] .. suffix)
end
EOF

run_wrk() {
    local name=$1
    shift
    echo
    echo "== $name: wrk -t$wrk_threads -c$connections -d$duration --latency $*"
    echo "   load average: $(cut -d' ' -f1-3 /proc/loadavg)"
    local out
    out=$(wrk -t"$wrk_threads" -c"$connections" -d"$duration" --latency "$@")
    echo "$out"
    if grep -q "Non-2xx" <<<"$out"; then echo "WARNING: some answers were not 2xx" >&2; fi
}
IFS=, read -ra wanted <<<"$routes"
echo "miners mining now: $(wc -l <"$data_dir/addresses.txt") addresses rotated"
for r in "${wanted[@]}"; do
    case "$r" in
        pool) run_wrk "GET /api/stats/pool" "$base/api/stats/pool" ;;
        miner) run_wrk "GET /api/miners/{address}" -s "$lua" "$base" -- \
            "$data_dir/addresses.txt" ;;
        workers) run_wrk "GET /api/miners/{address}/workers" -s "$lua" "$base" -- \
            "$data_dir/addresses.txt" /workers ;;
        hashrate) run_wrk "GET /api/miners/{address}/hashrate" -s "$lua" "$base" -- \
            "$data_dir/addresses.txt" /hashrate ;;
        *) echo "unknown route $r" >&2 ;;
    esac
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
