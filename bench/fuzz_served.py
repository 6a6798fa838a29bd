"""Fuzz campaign over the SERVED mock (run by hand): ``python -m mock_provider`` on 127.0.0.1 with TLS and
its worker processes, every route of the app, N generated requests per route (the strategy of
``tests/mock_provider/test_never_500.py``). Counts answers of 5xx, tracebacks in bodies and in the server's log,
and error answers that are neither JSON nor HTML; exits 1 when any is non-zero.

    .venv/bin/python -m bench.fuzz_served --examples 2000 [--routes token,userinfo] [--out fuzz.json]

Nothing leaves the machine (loopback only) and the run is bounded by ``--examples``. Problems are printed as
method, path and status only: requests carry the admin token.
"""

from __future__ import annotations

import argparse
import json
import ssl
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import httpx
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from harness.server import ServedMock, served_mock
from mock_provider import Config, create_app
from tests.conftest import CLIENT_ID, CLIENT_SECRET, REDIRECT_URI
from tests.mock_provider.fuzzing import ADMIN, Route, problem, requests, routes


@dataclass
class RouteResult:
    route: str
    examples: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)


def fuzz_route(http: httpx.Client, served: ServedMock, route: Route, examples: int) -> RouteResult:
    result = RouteResult(f"{route[1]} {route[0]}")
    started = time.monotonic()

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.generate],  # count every example; a campaign records, it does not shrink
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        token, userinfo = served.admin_token.reveal(), served.base_url.replace("127.0.0.1", "localhost")
        request = data.draw(requests(route, served=True, admin_token=token, userinfo_base=userinfo))
        reply = http.request(**request)
        result.examples += 1
        result.statuses[reply.status_code] += 1
        why = problem(reply.status_code, reply.text, reply.headers.get("content-type", ""))
        if why is not None and len(result.problems) < 5:
            result.problems.append(f"{request['method']} {reply.request.url.path}: {why}")

    run()
    result.seconds = round(time.monotonic() - started, 1)
    return result


def log_tracebacks(served: ServedMock) -> int:
    return served.log_file.read_text(errors="replace").count("Traceback (most recent call last)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=2000, help="generated requests per route")
    parser.add_argument("--routes", default="", help="comma-separated substrings selecting routes (default: all)")
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    args = parser.parse_args(argv)
    selected = [r for r in routes(create_app(Config(admin_token=ADMIN))) if not args.routes or _matches(r, args.routes)]
    seeded = {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "redirect_uris": [REDIRECT_URI]}
    results: list[RouteResult] = []
    with served_mock(seeded) as served:
        verify = ssl.create_default_context(cafile=str(served.ca_file))
        with httpx.Client(base_url=served.base_url, verify=verify, timeout=30) as http:
            for route in selected:
                results.append(fuzz_route(http, served, route, args.examples))
                print(_line(results[-1]), flush=True)
        tracebacks = log_tracebacks(served)
    summary = _summary(results, tracebacks)
    print(json.dumps({k: v for k, v in summary.items() if k != "routes"}, indent=2))
    if args.out:
        args.out.write_text(json.dumps(summary, indent=2, default=list), encoding="utf-8")
    return 0 if summary["server_errors"] == summary["tracebacks"] == summary["other_problems"] == 0 else 1


def _matches(route: Route, selection: str) -> bool:
    return any(part in f"{route[1]} {route[0]}" for part in selection.split(","))


def _line(result: RouteResult) -> str:
    statuses = ", ".join(f"{s}: {n}" for s, n in sorted(result.statuses.items()))
    return f"{result.route:75} {result.examples:6} examples  5xx {result.server_errors}  ({statuses}) {result.seconds}s"


def _summary(results: list[RouteResult], log_tracebacks: int) -> dict[str, object]:
    problems = [p for r in results for p in r.problems]
    return {
        "target": "served mock (python -m mock_provider, granian 2 workers, TLS, 127.0.0.1)",
        "routes": [{**asdict(r), "statuses": dict(r.statuses)} for r in results],
        "route_count": len(results),
        "examples_per_route_min": min((r.examples for r in results), default=0),
        "examples_total": sum(r.examples for r in results),
        "server_errors": sum(r.server_errors for r in results),
        "tracebacks": log_tracebacks + sum("traceback" in p for p in problems),
        "other_problems": sum("status" not in p and "traceback" not in p for p in problems),
        "problems": problems,
    }


if __name__ == "__main__":
    sys.exit(main())
