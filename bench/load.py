"""A bounded load run: ``count`` operations from ``concurrency`` threads, each with its own HTTP client (with
keep-alive, or a new connection per request), timing each operation and the server's CPU over the run."""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

import httpx

from bench.flows import FlowError
from bench.servers import Server

WARM_UP = 30  # node's JIT needs a few dozen operations before its cost settles


@dataclass(frozen=True)
class Result:
    provider: str
    operation: str
    concurrency: int
    keep_alive: bool
    count: int
    failures: int
    ops_per_s: float
    p50_ms: float
    p99_ms: float
    server_cpu_ms_per_op: float
    first_failure: str | None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _client(keep_alive: bool) -> httpx.Client:
    limits = httpx.Limits(max_keepalive_connections=10 if keep_alive else 0)
    return httpx.Client(limits=limits, timeout=30)


def run(
    server: Server,
    provider: str,
    operation: str,
    op: Callable[[httpx.Client], None],
    *,
    count: int,
    concurrency: int,
    keep_alive: bool,
) -> Result:
    with _client(keep_alive) as warm:
        for _ in range(WARM_UP):
            op(warm)
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    remaining = iter(range(count))

    def worker() -> None:
        with _client(keep_alive) as http:
            while True:
                with lock:
                    if next(remaining, None) is None:
                        return
                start = time.perf_counter()
                try:
                    op(http)
                except (FlowError, httpx.HTTPError, KeyError) as exc:
                    with lock:
                        failures.append(f"{type(exc).__name__}: {exc}")
                    continue
                with lock:
                    latencies.append(time.perf_counter() - start)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    cpu_before, wall_before = server.cpu(), time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall, cpu = time.perf_counter() - wall_before, server.cpu() - cpu_before
    ordered = sorted(latencies) or [0.0]
    return Result(
        provider=provider,
        operation=operation,
        concurrency=concurrency,
        keep_alive=keep_alive,
        count=count,
        failures=len(failures),
        ops_per_s=round(len(latencies) / wall, 1),
        p50_ms=round(statistics.median(ordered) * 1000, 2),
        p99_ms=round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000, 2),
        server_cpu_ms_per_op=round(cpu * 1000 / count, 3),
        first_failure=failures[0] if failures else None,
    )
