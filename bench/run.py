"""The benchmark, in one sitting (start it with ``bench/compare.sh``):

1. side by side: our mock (served by ``bankid-mock``, default workers) against node ``oidc-provider`` and
   ``oidc-provider-mock``: full code flow and client_credentials, concurrency 1 and 8, with and without
   keep-alive;
2. growth: our mock with an empty store, 1k and 10k clients, and 100k grants;
3. soak: 2 workers, no keep-alive, 1,000 full flows;
4. servers (only with ``--only servers``): the HTTP server layer alone, each candidate server serving a two-byte
   app and our app's ``/health`` and discovery (``bench/servers_alone.py``).

``--also-gunicorn`` adds our mock served as it was until 2026-12-01 (gunicorn gthread, 2 workers x 4 threads) to
the side-by-side run, so the server's share shows against the same peers in the same sitting.

All servers of a section run at once and are measured in interleaved rounds (ours, peer, peer, ours, ...), so
a burst of other work on a shared machine lands on every provider alike; CPU per operation is the median over
rounds. Writes ``bench/results/<stamp>.json`` and ``.md`` (ratios ours/peer). Loopback only, every loop bounded.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from bench import flows, growth, servers, servers_alone
from bench.load import Result, Sample, measure, summarise, warm_up
from bench.report import markdown

RESULTS = Path(__file__).parent / "results"
SHAPES = [(1, True), (1, False), (8, True), (8, False)]


@dataclass(frozen=True)
class Entry:
    """One provider doing one operation."""

    provider: str
    operation: str
    server: servers.Server
    op: Callable[[httpx.Client], None]


def interleaved(entries: list[Entry], *, count: int, rounds: int, shapes: list[tuple[int, bool]]) -> Iterator[Result]:
    for entry in entries:
        warm_up(entry.op)
    per_round = max(1, count // rounds)
    for concurrency, keep_alive in shapes:
        samples: dict[int, list[Sample]] = {i: [] for i in range(len(entries))}
        for _ in range(rounds):
            for i, entry in enumerate(entries):
                samples[i].append(
                    measure(entry.server, entry.op, count=per_round, concurrency=concurrency, keep_alive=keep_alive)
                )
        for i, entry in enumerate(entries):
            result = summarise(entry.provider, entry.operation, concurrency, keep_alive, samples[i])
            print(json.dumps(result.as_dict()), file=sys.stderr)
            yield result


def side_by_side(counts: dict[str, int], rounds: int, *, also_gunicorn: bool = False) -> list[Result]:
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-ours-")))
        ours_server = stack.enter_context(servers.ours(tmp))
        node_server = stack.enter_context(servers.node_oidc_provider())
        ours = flows.ours(ours_server.base_url)
        assert ours.client_credentials is not None
        code = [Entry("ours", "code_flow", ours_server, ours.code_flow)]
        tokens = [Entry("ours", "client_credentials", ours_server, ours.client_credentials)]
        for fmt in ("opaque", "jwt-es256", "jwt-rs256"):
            node = flows.node(node_server.base_url, fmt)
            assert node.client_credentials is not None
            tokens.append(
                Entry("node-oidc-provider", f"client_credentials ({fmt})", node_server, node.client_credentials)
            )
        code.append(
            Entry("node-oidc-provider", "code_flow", node_server, flows.node(node_server.base_url, "opaque").code_flow)
        )
        if also_gunicorn:
            gunicorn_server = stack.enter_context(
                servers.ours(Path(tmp) / "gunicorn", server="gunicorn", workers=2, threads=4)
            )
            on_gunicorn = flows.ours(gunicorn_server.base_url)
            assert on_gunicorn.client_credentials is not None
            code.append(Entry("ours on gunicorn", "code_flow", gunicorn_server, on_gunicorn.code_flow))
            tokens.append(
                Entry("ours on gunicorn", "client_credentials", gunicorn_server, on_gunicorn.client_credentials)
            )
        postgres = os.environ.get("BENCH_POSTGRES_URL")
        if postgres:
            # The same mock on the PostgreSQL backend (a fresh database on that server), for the backend's cost.
            database = stack.enter_context(servers.fresh_postgres_database(postgres))
            pg_server = stack.enter_context(servers.ours(Path(tmp) / "pg", database_url=database))
            pg = flows.ours(pg_server.base_url)
            assert pg.client_credentials is not None
            code.append(Entry("ours on PostgreSQL", "code_flow", pg_server, pg.code_flow))
            tokens.append(Entry("ours on PostgreSQL", "client_credentials", pg_server, pg.client_credentials))
        if servers.oidc_provider_mock_installed():
            peer = stack.enter_context(servers.oidc_provider_mock())
            code.append(
                Entry("oidc-provider-mock", "code_flow", peer, flows.oidc_provider_mock(peer.base_url).code_flow)
            )
        results = list(interleaved(code, count=counts["code_flow"], rounds=rounds, shapes=SHAPES))
        results += interleaved(tokens, count=counts["client_credentials"], rounds=rounds, shapes=SHAPES)
    return results


def growth_runs(counts: dict[str, int], rounds: int) -> list[Result]:
    """Our mock with more and more data in the store, all stages served at once; the cost should not move."""
    with ExitStack() as stack:
        code: list[Entry] = []
        tokens: list[Entry] = []
        for label, fill in growth.STAGES:
            tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-growth-")))
            fill(tmp)
            server = stack.enter_context(servers.ours(tmp))
            driver = flows.ours(server.base_url)
            assert driver.client_credentials is not None
            code.append(Entry(f"ours, {label}", "code_flow", server, driver.code_flow))
            tokens.append(Entry(f"ours, {label}", "client_credentials", server, driver.client_credentials))
        results = list(interleaved(code, count=counts["code_flow"], rounds=rounds, shapes=[(1, True)]))
        results += interleaved(tokens, count=counts["client_credentials"], rounds=rounds, shapes=[(1, True)])
    return results


def soak(count: int) -> Result:
    with tempfile.TemporaryDirectory(prefix="bench-soak-") as tmp, servers.ours(Path(tmp), workers=2) as server:
        driver = flows.ours(server.base_url)
        sample = measure(server, driver.code_flow, count=count, concurrency=8, keep_alive=False)
    result = summarise("ours, 2 workers", "code_flow", 8, False, [sample])
    print(json.dumps(result.as_dict()), file=sys.stderr)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--flows", type=int, default=300, help="code flows per provider and shape")
    parser.add_argument("--tokens", type=int, default=1000, help="client_credentials tokens per provider and shape")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds the counts are split into")
    parser.add_argument("--soak", type=int, default=1000, help="flows in the 2-worker, no-keep-alive run")
    parser.add_argument("--only", choices=("compare", "growth", "soak", "servers"), action="append")
    parser.add_argument("--also-gunicorn", action="store_true", help="also our mock on gunicorn, side by side")
    parser.add_argument("--requests", type=int, default=1000, help="requests per server and shape (servers)")
    args = parser.parse_args(argv)
    counts = {"code_flow": args.flows, "client_credentials": args.tokens}
    sections = args.only or ["compare", "growth", "soak"]
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    report: dict[str, Any] = {"stamp": stamp, "machine": _machine(), "counts": counts, "rounds": args.rounds}
    report["command"] = "bench/compare.sh " + " ".join(argv if argv is not None else sys.argv[1:])
    if "compare" in sections:
        report["compare"] = [r.as_dict() for r in side_by_side(counts, args.rounds, also_gunicorn=args.also_gunicorn)]
    if "growth" in sections:
        report["growth"] = [r.as_dict() for r in growth_runs(counts, args.rounds)]
    if "soak" in sections:
        report["soak"] = soak(args.soak).as_dict()
    if "servers" in sections:
        alone = servers_alone.run(None, servers_alone.DEFAULT_OPERATIONS, args.requests, args.rounds)
        report["servers"] = [r.as_dict() for r in alone]
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{stamp}.json").write_text(json.dumps(report, indent=2) + "\n")
    text = markdown(report)
    (RESULTS / f"{stamp}.md").write_text(text)
    print(text)
    failures = sum(r["failures"] for s in ("compare", "growth", "servers") for r in report.get(s, []))
    return 1 if failures or report.get("soak", {}).get("failures") else 0


def _machine() -> dict[str, Any]:
    return {"python": platform.python_version(), "cpus": os.cpu_count(), "load": os.getloadavg()}


if __name__ == "__main__":
    raise SystemExit(main())
