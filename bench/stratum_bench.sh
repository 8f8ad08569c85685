#!/usr/bin/env bash
# Stratum server benchmarks on this machine: starts stratum_bench_server (SYNTHETIC mainnet-like
# template) and drives it with stratum_load. Usage:
#   bench/stratum_bench.sh BUILD_DIR throughput [--coin bitcoin|litecoin] [stratum_load throughput options]
#   bench/stratum_bench.sh BUILD_DIR connections [--coin ...] [stratum_load connections options]
# Examples:
#   bench/stratum_bench.sh build throughput --coin bitcoin --connections 200 --in-flight 32
#   bench/stratum_bench.sh build connections --connections 15000 --rounds 5
#
# On a machine shared with other work, BENCH_PRIORITY=1 runs the benchmark in a scheduling group of
# its own at nice -15 (needs root), so the figures measure the server rather than the neighbours.
set -euo pipefail
if [[ "${BENCH_PRIORITY:-0}" == 1 && "${BENCH_PRIORITY_SET:-0}" != 1 ]]; then
    export BENCH_PRIORITY_SET=1
    exec setsid --wait bash -c 'echo -15 > /proc/self/autogroup && exec nice -n -15 "$0" "$@"' "$0" "$@"
fi
build=${1:?build directory}
mode=${2:?throughput or connections}
shift 2
coin=bitcoin
server_args=()
load_args=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --coin) coin=$2; shift 2 ;;
        --server-threads) server_args+=(--threads "$2"); shift 2 ;;
        --difficulty) server_args+=(--difficulty "$2"); shift 2 ;;
        *) load_args+=("$1"); shift ;;
    esac
done
out=$(mktemp)
"$build/bench/stratum_bench_server" --coin "$coin" "${server_args[@]}" >"$out" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -f "$out"' EXIT
for _ in $(seq 1 100); do
    grep -q '^pid ' "$out" && break
    sleep 0.1
done
line=$(grep '^pid ' "$out")
echo "server: $line"
port=$(awk '{print $4}' <<<"$line")
control=$(awk '{print $6}' <<<"$line")
sources=20
if [[ "$mode" == connections ]]; then
    "$build/bench/stratum_load" --port "$port" --server-pid "$server" --coin "$coin" \
        --sources "$sources" connections --control-port "$control" "${load_args[@]}"
else
    "$build/bench/stratum_load" --port "$port" --server-pid "$server" --coin "$coin" \
        --sources 4 throughput "${load_args[@]}"
fi
