#!/usr/bin/env bash
# The monitoring configuration: promtool accepts the scrape configuration and the alert rules,
# and the rules' unit tests pass (each alert fires when it should and is silent when it should
# not: deploy/prometheus/alerts_test.yml).
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
cd "$VIDDHANA_ROOT/deploy/prometheus"
promtool check config prometheus.yml || fail "promtool check config"
promtool check rules alerts.yml || fail "promtool check rules"
promtool test rules alerts_test.yml || fail "promtool test rules"
# Every alert has a unit test.
python3 - <<'PY' || fail "an alert without a unit test"
import sys, yaml
alerts = {r["alert"] for g in yaml.safe_load(open("alerts.yml"))["groups"] for r in g["rules"]}
tested = {t["alertname"] for case in yaml.safe_load(open("alerts_test.yml"))["tests"] for t in case["alert_rule_test"]}
fired = {t["alertname"] for case in yaml.safe_load(open("alerts_test.yml"))["tests"] for t in case["alert_rule_test"] if t.get("exp_alerts")}
missing = sorted((alerts - tested) | (alerts - fired))
print("alerts without a firing test:", missing) if missing else None
sys.exit(1 if missing else 0)
PY
note "prometheus rules: all checks passed"
