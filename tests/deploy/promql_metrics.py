#!/usr/bin/env python3
"""Lists the metric names the alert rules and the Grafana dashboards query.

    promql_metrics.py RULES.yml DASHBOARD.json...

One name a line, sorted. Label matchers, label lists of by/without/on/ignoring, strings,
durations, functions (a name followed by "(") and PromQL keywords are not metric names; `up` is
Prometheus's own and is left out (the compose test checks every target is up).
"""
import json
import re
import sys

import yaml

KEYWORDS = {"and", "or", "unless", "by", "without", "on", "ignoring", "group_left",
            "group_right", "offset", "bool", "inf", "nan", "le"}


def expressions(paths):
    for path in paths:
        if path.endswith(".json"):
            board = json.load(open(path))
            for panel in board.get("panels", []):
                for target in panel.get("targets", []):
                    yield target["expr"]
            for var in board.get("templating", {}).get("list", []):
                query = var.get("query")
                if var.get("type") == "query" and isinstance(query, dict):
                    yield re.sub(r"label_values\(([^,]+),.*\)", r"\1", query["query"])
        else:
            for group in yaml.safe_load(open(path))["groups"]:
                for rule in group["rules"]:
                    yield rule["expr"]


def metric_names(expr):
    expr = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)          # strings
    expr = re.sub(r"\{[^}]*\}", "", expr)                    # label matchers
    expr = re.sub(r"\[[^\]]*\]", "", expr)                   # ranges
    expr = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", expr)
    expr = re.sub(r"\$\w+", " ", expr)                       # dashboard variables
    names = set()
    for m in re.finditer(r"[a-zA-Z_:][a-zA-Z0-9_:]*", expr):
        rest = expr[m.end():].lstrip()
        word = m.group(0)
        if rest.startswith("(") or word.lower() in KEYWORDS:
            continue
        if re.match(r"^\d", expr[max(0, m.start() - 1):m.start()] or " "):
            continue  # the unit of a number such as 1e9 or a duration
        names.add(word)
    return names


def main():
    names = set()
    for expr in expressions(sys.argv[1:]):
        names |= metric_names(expr)
    names.discard("up")
    print("\n".join(sorted(names)))


if __name__ == "__main__":
    main()
