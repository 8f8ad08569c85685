#!/usr/bin/env bash
# The Kubernetes manifests run under `podman kube play` and a miner mines through them: the
# images are built (as for compose), tests/deploy/kubernetes/podman_adapter.js renders the
# manifests for podman 4.3 (StatefulSets and Services have no podman equivalent there: see the
# adapter's header), the pods come up on their own podman network, the regtest node pair gives
# work, our miner mines through the Stratum pod's port, and the block shows in the API pod's
# /api/blocks. Ports are free ones on 127.0.0.1.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
tools=$VIDDHANA_ROOT/tests/deploy/kubernetes
"$tools/install-node-modules" || fail "npm ci in tests/deploy/kubernetes"

note "building the images"
BUILD_DIR=$VIDDHANA_BUILD_DIR "$VIDDHANA_ROOT/deploy/build-images" || fail "deploy/build-images failed"

stratum_port=$(free_port) api_port=$(free_port)
node "$tools/podman_adapter.js" "$VIDDHANA_ROOT/deploy/kubernetes" "$scratch" \
  "viddhana-stratum:3333=$stratum_port" "viddhana-api:4444=$api_port" || fail "rendering for podman"
network=viddhana-kube-test
podman network exists "$network" && fail "a podman network $network exists already (another run?)"
podman network create "$network" >/dev/null
on_exit "podman network rm -f $network"
on_exit "podman kube down '$scratch/pods.yaml'; podman volume rm -f viddhana-config data-viddhana-postgres data-viddhana-redis data-viddhana-litecoind data-viddhana-litecoind-peer data-viddhana-ledger"
note "podman kube play"
podman kube play --network "$network" --configmap "$scratch/configmaps.yaml" "$scratch/pods.yaml" \
  >"$scratch/play.log" 2>&1 || { tail -n 30 "$scratch/play.log"; fail "podman kube play"; }
dump_logs() {
  for c in $(podman ps -a --filter "network=$network" --format '{{.Names}}'); do
    podman logs --tail 40 "$c" >"$scratch/$c.log" 2>&1 || true
  done
}
on_exit dump_logs

wait_until 180 "the API pod ready" http_ok "http://127.0.0.1:$api_port/ready"
stratum_ready() { podman exec viddhana-stratum-viddhana curl -fsS -o /dev/null http://127.0.0.1:9090/health; }
wait_until 180 "the Stratum pod healthy" stratum_ready
[ "$(podman exec viddhana-stratum-viddhana sh -c 'cat /proc/1/environ /proc/*/environ 2>/dev/null | tr "\0" "\n" | grep -m1 ^VIDDHANA_SERVER_NODE_ID=')" = VIDDHANA_SERVER_NODE_ID=1 ] ||
  fail "the Stratum pod did not take its node id from its ordinal"

miner_address=rltc1qqsr80sqhlvx3fdxxlrs9fzwpnnxgqhf2hf7sjy
"$VIDDHANA_BUILD_DIR/viddhana" miner --url "stratum+tcp://127.0.0.1:$stratum_port" \
  --user "$miner_address.kube" -p "x,d=0.01" --threads 1 >"$scratch/miner.log" 2>&1 &
miner_pid=$!
on_exit "kill $miner_pid"
mined_block() {
  curl -s "http://127.0.0.1:$api_port/api/blocks?limit=100" |
    python3 -c 'import json,sys; sys.exit(0 if any(b["finder"] == sys.argv[1] for b in json.load(sys.stdin)["blocks"]) else 1)' "$miner_address"
}
wait_until 240 "a block by the miner in the API pod's /api/blocks" mined_block
note "kube play: all checks passed"
