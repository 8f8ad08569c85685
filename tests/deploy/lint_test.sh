#!/usr/bin/env bash
# The deployment files are well-formed: shellcheck on every script, yamllint on every YAML file
# (compose, Kubernetes, Prometheus), the Grafana dashboards parse as JSON with unique panel ids,
# and every alert names its runbook section in docs/operations.md.
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
cd "$VIDDHANA_ROOT"

scripts=(deploy/base-image deploy/build-images deploy/containers/postgres/postgres-entrypoint
  deploy/containers/litecoind/litecoin-node tests/deploy/*.sh)
shellcheck -x -P SCRIPTDIR "${scripts[@]}" || fail "shellcheck"

yamllint -c tests/deploy/yamllint.yaml deploy/ || fail "yamllint"

python3 - <<'PY' || fail "Grafana dashboards"
import glob, json, sys
bad = 0
for path in sorted(glob.glob("deploy/grafana/*.json")):
    board = json.load(open(path))
    ids = [p["id"] for p in board["panels"]]
    if len(ids) != len(set(ids)) or not board.get("uid") or not board.get("title"):
        print(f"{path}: panel ids not unique, or no uid/title"); bad = 1
    for p in board["panels"]:
        if p["type"] != "row" and not p.get("targets"):
            print(f"{path}: panel {p['title']!r} queries nothing"); bad = 1
sys.exit(bad)
PY

python3 - <<'PY' || fail "runbooks"
import re, sys, yaml
doc = open("docs/operations.md").read()
anchors = {re.sub(r"[^a-z0-9 -]", "", h.strip().lower()).replace(" ", "-")
           for h in re.findall(r"^#+ (.*)$", doc, re.M)}
bad = 0
for group in yaml.safe_load(open("deploy/prometheus/alerts.yml"))["groups"]:
    for rule in group["rules"]:
        runbook = rule["annotations"].get("runbook", "")
        anchor = runbook.split(":")[0].split("#")[-1] if "#" in runbook else ""
        if not runbook.startswith("docs/operations.md#") or anchor != rule["alert"].lower() or anchor not in anchors:
            print(f"{rule['alert']}: runbook {runbook!r} has no section in docs/operations.md"); bad = 1
sys.exit(bad)
PY
note "lint: all checks passed"
