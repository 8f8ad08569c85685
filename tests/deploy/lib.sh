# Shared by the deployment tests (sourced): failing loudly, waiting on conditions with a deadline
# (never a fixed sleep as synchronisation), free loopback ports, podman settings for this kind of
# machine, a Litecoin regtest node pair on loopback, and clean-up of everything a test started.
# shellcheck shell=bash disable=SC2034
# (variables set here are read by the tests that source it)

set -euo pipefail
VIDDHANA_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export VIDDHANA_ROOT
export CONTAINERS_CONF=${CONTAINERS_CONF:-$VIDDHANA_ROOT/tests/deploy/containers.conf}
test_name=$(basename "$0" .sh)

fail() {
  echo "FAIL [$test_name]: $*" >&2
  exit 1
}
note() { echo "[$test_name] $*"; }

# wait_until SECONDS DESCRIPTION COMMAND...: polls COMMAND until it succeeds; fails the test at
# the deadline, naming what was awaited.
wait_until() {
  local seconds=$1 what=$2
  shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      fail "timed out after ${seconds}s waiting for: $what"
    fi
    sleep 0.5 # the polling interval; the condition above is what the test waits on
  done
}

# free_port: a TCP port nothing listens on now (the kernel's pick on loopback).
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# http_status URL: the HTTP status code (000 when nothing answers).
http_status() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$1" || true; }
http_ok() { [ "$(http_status "$1")" = 200 ]; }

# A scratch directory removed at exit (kept with VIDDHANA_KEEP_TEST_DIRS=1), and clean-up steps
# run in reverse order at exit.
cleanup_steps=()
on_exit() { cleanup_steps+=("$*"); }
run_cleanup() {
  local rc=$? i
  for ((i = ${#cleanup_steps[@]} - 1; i >= 0; i--)); do
    eval "${cleanup_steps[$i]}" >/dev/null 2>&1 || true
  done
  if [ -n "${scratch:-}" ]; then
    if [ -n "${VIDDHANA_KEEP_TEST_DIRS:-}" ] || [ "$rc" -ne 0 ]; then
      echo "[$test_name] test directory kept: $scratch"
    else
      rm -rf "$scratch" || echo "[$test_name] could not remove $scratch entirely"
    fi
  fi
  exit "$rc"
}
trap run_cleanup EXIT
scratch=$(mktemp -d "/tmp/viddhana-$test_name.XXXXXX")

# The build folder under test (CTest passes it), holding the viddhana binary.
VIDDHANA_BUILD_DIR=${VIDDHANA_BUILD_DIR:-$VIDDHANA_ROOT/build}

# start_regtest_pair DIR: two litecoind -regtest nodes on free loopback ports, B connected to A,
# a wallet "pool" on A with the pool's address (POOL_ADDRESS) and a miner's (MINER_ADDRESS), one
# block mined so A leaves initial block download. Sets NODE_A_RPC, NODE_B_RPC, RPC_USER,
# RPC_PASSWORD and defines node_cli.
start_regtest_pair() {
  local dir=$1
  RPC_USER=viddhana
  RPC_PASSWORD=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
  local a_p2p b_p2p
  a_p2p=$(free_port) NODE_A_RPC=$(free_port) b_p2p=$(free_port) NODE_B_RPC=$(free_port)
  mkdir -p "$dir/a" "$dir/b"
  local common=(-regtest -daemon -listen=1 -bind=127.0.0.1 -rpcbind=127.0.0.1
    -rpcallowip=127.0.0.1 -rpcuser="$RPC_USER" -rpcpassword="$RPC_PASSWORD" -fallbackfee=0.0001)
  litecoind "${common[@]}" -datadir="$dir/a" -port="$a_p2p" -rpcport="$NODE_A_RPC" >/dev/null
  on_exit "stop_node $NODE_A_RPC '$dir/a'"
  litecoind "${common[@]}" -datadir="$dir/b" -port="$b_p2p" -rpcport="$NODE_B_RPC" \
    -connect="127.0.0.1:$a_p2p" >/dev/null
  on_exit "stop_node $NODE_B_RPC '$dir/b'"
  wait_until 60 "litecoind A answering RPC" node_cli "$NODE_A_RPC" getblockcount
  wait_until 60 "litecoind B answering RPC" node_cli "$NODE_B_RPC" getblockcount
  node_cli "$NODE_A_RPC" createwallet pool >/dev/null
  POOL_ADDRESS=$(node_cli "$NODE_A_RPC" -rpcwallet=pool getnewaddress pool bech32)
  MINER_ADDRESS=$(node_cli "$NODE_A_RPC" -rpcwallet=pool getnewaddress miner bech32)
  node_cli "$NODE_A_RPC" generatetoaddress 1 "$POOL_ADDRESS" >/dev/null
  wait_until 60 "node B following A" node_height_at_least "$NODE_B_RPC" 1
}
node_height_at_least() { [ "$(node_cli "$1" getblockcount)" -ge "$2" ]; }
# stop_node RPC_PORT DATADIR: asks the node to stop and waits until its process has gone, so
# nothing writes into the directory while it is removed.
stop_node() {
  local pid
  pid=$(cat "$2/regtest/litecoind.pid" 2>/dev/null || true)
  node_cli "$1" stop >/dev/null 2>&1 || true
  [ -n "$pid" ] && wait_until 60 "litecoind $pid to exit" node_gone "$pid"
}
node_gone() { ! kill -0 "$1" 2>/dev/null; }
node_cli() {
  local port=$1
  shift
  litecoin-cli -regtest -rpcport="$port" -rpcuser="$RPC_USER" -rpcpassword="$RPC_PASSWORD" "$@"
}

# json_get JSON PYTHON_EXPR: evaluates EXPR on the parsed document `d` (python3 is on every
# machine that runs podman-compose).
json_get() { python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(eval(sys.argv[2]))' "$1" "$2"; }

# anonymous_volumes CONTAINER...: the unnamed volumes (an image's VOLUME that nothing was
# mounted on) of these containers, which removing the containers leaves behind.
anonymous_volumes() {
  local c
  for c in "$@"; do
    podman inspect -f '{{range .Mounts}}{{if eq .Type "volume"}}{{println .Name}}{{end}}{{end}}' "$c" 2>/dev/null |
      grep -E '^[0-9a-f]{64}$' || true
  done
}
