"""The benchmark, in one sitting (start it with ``bench/compare.sh``):

1. side by side: our mock (served by ``bankid-mock``, default workers) against node ``oidc-provider`` and
   ``oidc-provider-mock``: full code flow and client_credentials, concurrency 1 and 8, with and without
   keep-alive;
2. growth: our mock with an empty store, 1k and 10k clients, and 100k grants;
3. soak: 2 workers, no keep-alive, 1,000 full flows.

Writes ``bench/results/<stamp>.json`` and ``.md`` (ratios ours/peer of server CPU per operation). Loopback only,
every loop bounded.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx

from bench import flows, growth, servers
from bench.load import Result, run
from bench.report import markdown

RESULTS = Path(__file__).parent / "results"
Operation = tuple[str, Callable[[httpx.Client], None]]


def _shape(full: bool) -> list[tuple[int, bool]]:
    return [(1, True), (1, False), (8, True), (8, False)] if full else [(1, True)]


def _matrix(
    server: servers.Server, provider: str, operations: list[Operation], counts: dict[str, int], full: bool
) -> Iterator[Result]:
    for operation, op in operations:
        for concurrency, keep_alive in _shape(full):
            result = run(
                server, provider, operation, op, count=counts[operation], concurrency=concurrency, keep_alive=keep_alive
            )
            print(json.dumps(result.as_dict()), file=sys.stderr)
            yield result


def _ours_ops(driver: flows.Driver) -> list[Operation]:
    assert driver.client_credentials is not None
    return [("code_flow", driver.code_flow), ("client_credentials", driver.client_credentials)]


def side_by_side(counts: dict[str, int], *, full: bool) -> list[Result]:
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="bench-ours-") as tmp, servers.ours(Path(tmp)) as server:
        results += _matrix(server, "ours", _ours_ops(flows.ours(server.base_url)), counts, full)
    with servers.node_oidc_provider() as server:
        node = {fmt: flows.node(server.base_url, fmt) for fmt in ("opaque", "jwt-es256", "jwt-rs256")}
        operations: list[Operation] = [("code_flow", node["opaque"].code_flow)]
        for fmt, driver in node.items():
            assert driver.client_credentials is not None
            operations.append((f"client_credentials ({fmt})", driver.client_credentials))
        cc_counts = {**counts, **{name: counts["client_credentials"] for name, _ in operations[1:]}}
        results += _matrix(server, "node-oidc-provider", operations, cc_counts, full)
    if servers.oidc_provider_mock_installed():
        with servers.oidc_provider_mock() as server:
            ops: list[Operation] = [("code_flow", flows.oidc_provider_mock(server.base_url).code_flow)]
            results += _matrix(server, "oidc-provider-mock", ops, counts, full)
    return results


def growth_runs(counts: dict[str, int]) -> list[Result]:
    """Our mock with more and more data in the store; the cost per operation should not move."""
    results: list[Result] = []
    for label, fill in growth.STAGES:
        with tempfile.TemporaryDirectory(prefix="bench-growth-") as tmp:
            fill(Path(tmp))
            with servers.ours(Path(tmp)) as server:
                results += _matrix(server, f"ours, {label}", _ours_ops(flows.ours(server.base_url)), counts, False)
    return results


def soak(count: int) -> Result:
    with tempfile.TemporaryDirectory(prefix="bench-soak-") as tmp, servers.ours(Path(tmp), workers=2) as server:
        driver = flows.ours(server.base_url)
        result = run(
            server, "ours, 2 workers", "code_flow", driver.code_flow, count=count, concurrency=8, keep_alive=False
        )
    print(json.dumps(result.as_dict()), file=sys.stderr)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--flows", type=int, default=200, help="code flows per measurement")
    parser.add_argument("--tokens", type=int, default=600, help="client_credentials tokens per measurement")
    parser.add_argument("--soak", type=int, default=1000, help="flows in the 2-worker, no-keep-alive run")
    parser.add_argument("--only", choices=("compare", "growth", "soak"), action="append")
    args = parser.parse_args(argv)
    counts = {"code_flow": args.flows, "client_credentials": args.tokens}
    sections = args.only or ["compare", "growth", "soak"]
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    report: dict[str, Any] = {"stamp": stamp, "machine": _machine(), "counts": counts}
    if "compare" in sections:
        report["compare"] = [r.as_dict() for r in side_by_side(counts, full=True)]
    if "growth" in sections:
        report["growth"] = [r.as_dict() for r in growth_runs(counts)]
    if "soak" in sections:
        report["soak"] = soak(args.soak).as_dict()
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{stamp}.json").write_text(json.dumps(report, indent=2) + "\n")
    text = markdown(report)
    (RESULTS / f"{stamp}.md").write_text(text)
    print(text)
    failures = sum(r["failures"] for s in ("compare", "growth") for r in report.get(s, []))
    return 1 if failures or report.get("soak", {}).get("failures") else 0


def _machine() -> dict[str, Any]:
    import os

    return {"python": platform.python_version(), "cpus": os.cpu_count(), "load": os.getloadavg()}


if __name__ == "__main__":
    raise SystemExit(main())
