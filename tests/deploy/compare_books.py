#!/usr/bin/env python3
"""Compares the books of a restored deployment with the pool's, both read through the API.

    compare_books.py RESTORED_API_URL ORIGINAL_API_URL [--expect-payments]

The backup was taken while the pool kept mining, so the original has moved on since: every block
and payment of the restored copy must be in the original with the same fields that never change
once written, and every balance change (append-only rows; a balance is their sum) of the
restored copy must be in the original, field for field, so every balance of the snapshot is the
pool's balance at that moment. The restored copy must hold
something (a block and a credit at least), or the comparison proves nothing.
"""
import json
import sys
import urllib.request


def get(base, path):
    with urllib.request.urlopen(base + path, timeout=10) as r:
        return json.load(r)


def every(base, path, key):
    rows, page = [], 0
    while True:
        sep = "&" if "?" in path else "?"
        got = get(base, f"{path}{sep}limit=100&page={page}&order=oldest")[key]
        rows += got
        if len(got) < 100:
            return rows
        page += 1


def main():
    restored, original = sys.argv[1], sys.argv[2]
    problems = []
    blocks = every(restored, "/api/blocks", "blocks")
    if not blocks:
        problems.append("the restored store has no block")
    for b in blocks:
        o = get(original, "/api/blocks/" + b["hash"])["block"]
        for field in ("height", "hash", "reward", "finder", "worker", "time", "scheme"):
            if o.get(field) != b.get(field):
                problems.append(f"block {b['hash']}: {field} {b.get(field)!r} != {o.get(field)!r}")
    original_payouts = {p["id"]: p for p in every(original, "/api/payouts", "payouts")}
    payouts = every(restored, "/api/payouts", "payouts")
    for p in payouts:
        o = original_payouts.get(p["id"])
        if o is None:
            problems.append(f"payment {p['id']} is not in the original")
            continue
        for field in ("miner", "address", "amount", "fee", "time"):
            if o[field] != p[field]:
                problems.append(f"payment {p['id']}: {field} {p[field]!r} != {o[field]!r}")
    miners = {b["finder"] for b in blocks} | {p["miner"] for p in payouts}
    credits = 0
    for m in sorted(miners):
        mine = every(restored, f"/api/miners/{m}/balance-changes", "changes")
        theirs = every(original, f"/api/miners/{m}/balance-changes", "changes")
        credits += len(mine)
        by_id = {c["id"]: c for c in theirs}
        for c in mine:
            if by_id.get(c["id"]) != c:
                problems.append(f"miner {m}: balance change {c['id']} differs or is missing: {c} / {by_id.get(c['id'])}")
    if credits == 0:
        problems.append("the restored store has no balance change")
    if "--expect-payments" in sys.argv and not payouts:
        problems.append("the restored store has no payment")
    for p in problems:
        print("MISMATCH:", p)
    print(f"compared {len(blocks)} blocks, {len(payouts)} payments, {credits} balance changes of {len(miners)} miners")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
