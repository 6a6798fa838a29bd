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


@dataclass(frozen=True)
class Sample:
    """One bounded burst of operations against one server."""

    count: int
    latencies: list[float]
    failures: list[str]
    wall: float
    cpu: float


def measure(
    server: Server, op: Callable[[httpx.Client], None], *, count: int, concurrency: int, keep_alive: bool
) -> Sample:
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
    return Sample(count, latencies, failures, time.perf_counter() - wall_before, server.cpu() - cpu_before)


def warm_up(op: Callable[[httpx.Client], None]) -> None:
    with _client(True) as http:
        for _ in range(WARM_UP):
            op(http)


def summarise(provider: str, operation: str, concurrency: int, keep_alive: bool, samples: list[Sample]) -> Result:
    """CPU per operation is the median over the interleaved rounds: a burst of someone else's work on the
    machine disturbs one round, not the figure."""
    latencies = sorted(x for s in samples for x in s.latencies) or [0.0]
    failures = [f for s in samples for f in s.failures]
    ok = sum(len(s.latencies) for s in samples)
    return Result(
        provider=provider,
        operation=operation,
        concurrency=concurrency,
        keep_alive=keep_alive,
        count=sum(s.count for s in samples),
        failures=len(failures),
        ops_per_s=round(ok / sum(s.wall for s in samples), 1),
        p50_ms=round(statistics.median(latencies) * 1000, 2),
        p99_ms=round(latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000, 2),
        server_cpu_ms_per_op=round(statistics.median(s.cpu * 1000 / s.count for s in samples), 3),
        first_failure=failures[0] if failures else None,
    )
