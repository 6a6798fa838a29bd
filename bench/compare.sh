#!/usr/bin/env bash
# Runs bench/flows.py for this mock and for the peer (oidc-provider-mock, in its own venv so its pins do
# not touch ours) back to back on the same machine, and prints ops/s and the ratio ours/peer.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .bench-venv/bin/python ] || { python3 -m venv .bench-venv && .bench-venv/bin/pip install -q oidc-provider-mock httpx; }
ours=$(.venv/bin/python bench/flows.py ours)
peer=$(.bench-venv/bin/python bench/flows.py peer)
python3 - "$ours" "$peer" <<'PY'
import json, sys
ours, peer = (json.loads(a) for a in sys.argv[1:])
print(f"{'operation':<20}{'ours ops/s':>12}{'peer ops/s':>12}{'ours/peer':>11}")
for op in ours:
    if op == "provider":
        continue
    p = peer.get(op)
    ratio = f"{ours[op] / p:.2f}" if p else "-"
    print(f"{op:<20}{ours[op]:>12}{(p or '-'):>12}{ratio:>11}")
PY
