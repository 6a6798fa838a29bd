"""The HTTP server layer alone: what each candidate WSGI server costs per request, with our app held fixed.

``bench/compare.sh --only servers`` (or ``.venv/bin/python -m bench.servers_alone``) starts every candidate on
a free loopback port, all at once, each serving ``bench.server_apps:both``, and measures in interleaved rounds
(as the side-by-side run does) the CPU of each server's whole process tree per request, read from ``/proc``:

- ``tiny GET`` / ``tiny POST``: a two-byte WSGI app (the POST reads a 200-byte form body): the server alone;
- ``health``: our real app's ``GET /health`` (one store round trip);
- ``discovery``: our real app's discovery document (no store);

at c=1 and c=8, with keep-alive and with a new connection per request (``--op code_flow`` and ``--op
client_credentials`` run the benchmark's full operations under each server too). Subtracting ``tiny`` from a full-flow
figure tells how much of it the server layer is. Candidates not installed (they go into the git-ignored
``.bench-servers/`` by ``bench/compare.sh``) are skipped with a note. Loopback only, every loop bounded.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from bench import flows, servers
from bench.load import Result, Sample, measure, summarise, warm_up

EXTRA = servers.ROOT / ".bench-servers"
SHAPES = [(1, True), (1, False), (8, True), (8, False)]
DISCOVERY = "/auth/realms/current/.well-known/openid-configuration"
FORM = {"grant_type": "client_credentials", "scope": "openid " + "x" * 150}


@dataclass(frozen=True)
class Candidate:
    """A server and how to start it on ``port``; ``needs`` is the module that must import for it to run."""

    name: str
    command: Callable[[int], list[str]]
    needs: str | None = None
    env: tuple[tuple[str, str], ...] = ()
    tls: Callable[[Path, Path], list[str]] | None = None  # its options for a certificate and key, if it has TLS


PY = sys.executable
APP = "bench.server_apps:both"


def _gunicorn(*extra: str) -> Callable[[int], list[str]]:
    def command(port: int) -> list[str]:
        base = [PY, "-m", "gunicorn", "-b", f"127.0.0.1:{port}", "--log-level", "warning"]
        return [*base, *extra, APP]

    return command


def _launch(name: str, *extra: str) -> Callable[[int], list[str]]:
    return lambda port: [PY, "-m", "bench.server_launch", name, str(port), *extra]


def _granian(*extra: str) -> Callable[[int], list[str]]:
    def command(port: int) -> list[str]:
        base = [PY, "-m", "granian", "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port)]
        return [*base, "--log-level", "warning", "--no-ws", "--http1-header-read-timeout", "60000", *extra, APP]

    return command


def _gunicorn_tls(cert: Path, key: Path) -> list[str]:
    return ["--certfile", str(cert), "--keyfile", str(key)]


def _granian_tls(cert: Path, key: Path) -> list[str]:
    return ["--ssl-certificate", str(cert), "--ssl-keyfile", str(key), "--ssl-protocol-min", "tls1.2"]


def _gthread(threads: int) -> tuple[str, ...]:
    return ("-k", "gthread", "-w", "2", "--threads", str(threads), "--keep-alive", "75")


def _granian_wsgi(threads: int, *extra: str, workers: int = 2) -> Callable[[int], list[str]]:
    return _granian("--workers", str(workers), "--blocking-threads", str(threads), "--http", "1", *extra)


# bankid-mock serves with granian, 1 worker x 4 threads (mock_provider/serve.py); until 2026-12-01 with gunicorn
# gthread 2 workers x 4 threads, keep-alive 75 s (now --server gunicorn).
CANDIDATES = [
    Candidate("granian 1x4 (bankid-mock default)", _granian_wsgi(4, workers=1), tls=_granian_tls),
    Candidate("granian 2x2", _granian_wsgi(2), tls=_granian_tls),
    Candidate("granian 2x1", _granian_wsgi(1), tls=_granian_tls),
    Candidate("granian 2x1, single-threaded runtime", _granian_wsgi(1, "--runtime-mode", "st"), tls=_granian_tls),
    Candidate("granian 2x4", _granian_wsgi(4), tls=_granian_tls),
    Candidate("granian 1x2", _granian_wsgi(2, workers=1), tls=_granian_tls),
    Candidate(
        "gunicorn gthread 2x4 (served until 2026-12)",
        _gunicorn(*_gthread(4), "--http-parser", "python"),
        tls=_gunicorn_tls,
    ),
    Candidate("gunicorn gthread 2x2", _gunicorn(*_gthread(2), "--http-parser", "python"), tls=_gunicorn_tls),
    Candidate("gunicorn gthread 2x1", _gunicorn(*_gthread(1), "--http-parser", "python"), tls=_gunicorn_tls),
    Candidate(
        "gunicorn gthread 2x4 + h1c parser",
        _gunicorn(*_gthread(4), "--http-parser", "fast"),
        "gunicorn_h1c",
        tls=_gunicorn_tls,
    ),
    Candidate("gunicorn sync 2 (no keep-alive)", _gunicorn("-k", "sync", "-w", "2"), tls=_gunicorn_tls),
    Candidate(
        "uwsgi 2x4 (thread per keep-alive connection)",
        _launch(
            "uwsgi",
            *("--module", APP, "--master", "--processes", "2", "--threads", "4"),
            *("--disable-logging", "--need-app", "--die-on-term", "--lazy-apps"),
        ),
        "pyuwsgi",
    ),
    Candidate("bjoern 2 (no TLS, no threads)", _launch("bjoern", "2"), "bjoern"),
    Candidate("pyruvate 4 threads (no TLS)", _launch("pyruvate", "4"), "pyruvate"),
    Candidate("waitress 4 threads (no TLS)", _launch("waitress", "4"), "waitress"),
]


def _tiny_get(base: str) -> Callable[[httpx.Client], None]:
    return lambda http: _ok(http.get(f"{base}/tiny"))


def _tiny_post(base: str) -> Callable[[httpx.Client], None]:
    return lambda http: _ok(http.post(f"{base}/tiny", data=FORM))


def _path(base: str, path: str) -> Callable[[httpx.Client], None]:
    return lambda http: _ok(http.get(f"{base}{path}"))


def _ok(response: httpx.Response) -> None:
    if response.status_code != 200:
        raise httpx.HTTPStatusError(f"{response.status_code}", request=response.request, response=response)


OPERATIONS: dict[str, Callable[[str], Callable[[httpx.Client], None]]] = {
    "tiny GET": _tiny_get,
    "tiny POST": _tiny_post,
    "health": lambda base: _path(base, "/health"),
    "discovery": lambda base: _path(base, DISCOVERY),
    "code_flow": lambda base: flows.ours(base).code_flow,
    "client_credentials": lambda base: _client_credentials(flows.ours(base)),
}
DEFAULT_OPERATIONS = ["tiny GET", "tiny POST", "health", "discovery"]


def _client_credentials(driver: flows.Driver) -> Callable[[httpx.Client], None]:
    assert driver.client_credentials is not None
    return driver.client_credentials


def available(candidate: Candidate) -> bool:
    if candidate.needs is None:
        return True
    import importlib.util

    sys_path = list(sys.path)
    sys.path.insert(0, str(EXTRA))
    try:
        return importlib.util.find_spec(candidate.needs) is not None
    finally:
        sys.path[:] = sys_path


@contextmanager
def started(candidate: Candidate, data_dir: Path, tls: tuple[Path, Path] | None) -> Iterator[servers.Server]:
    port = servers.free_port()
    base = f"{'https' if tls else 'http'}://127.0.0.1:{port}"
    env = {
        "PYTHONPATH": os.pathsep.join([str(servers.ROOT), str(EXTRA)]),
        "BENCH_MOCK_DATA_DIR": str(data_dir),
        "BENCH_MOCK_BASE_URL": base,
        **dict(candidate.env),
    }
    command = candidate.command(port)
    if tls is not None:
        assert candidate.tls is not None
        command += candidate.tls(*tls)
    with servers.running(candidate.name, command, base, "/health", env) as s:
        yield s


def prepare(data_dir: Path, *, tls: bool = False) -> tuple[Path, Path] | None:
    """Migrate the store and create the keys once, so the workers of every candidate only open them; with
    ``tls``, also the mock's server certificate and key, and ``ca.pem``, in ``data_dir``."""
    from bench.server_apps import mock_config
    from mock_provider.app import create_app
    from mock_provider.provider import EXTENSION
    from mock_provider.tls import write_server_tls

    app = create_app(mock_config(data_dir))
    pair = write_server_tls(data_dir, app) if tls else None
    app.extensions[EXTENSION].store.engine.dispose()
    return pair


def run(names: list[str] | None, operations: list[str], count: int, rounds: int, *, tls: bool = False) -> list[Result]:
    """With ``tls`` every candidate that has TLS serves https with one certificate from the mock CA (the clients
    trust it through ``SSL_CERT_FILE``, which httpx reads); the others are skipped."""
    chosen = [c for c in CANDIDATES if names is None or any(n in c.name for n in names)]
    results: list[Result] = []
    with ExitStack() as stack:
        certificate: tuple[Path, Path] | None = None
        if tls:
            tls_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-server-tls-")))
            certificate = prepare(tls_dir, tls=True)
            stack.callback(os.environ.pop, "SSL_CERT_FILE", None)
            os.environ["SSL_CERT_FILE"] = str(tls_dir / "ca.pem")
        running: list[servers.Server] = []
        for candidate in chosen:
            if not available(candidate):
                print(f"servers: {candidate.name}: {candidate.needs} not installed, skipped", file=sys.stderr)
                continue
            if tls and candidate.tls is None:
                print(f"servers: {candidate.name}: no TLS, skipped", file=sys.stderr)
                continue
            data_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-server-")))
            prepare(data_dir)
            running.append(stack.enter_context(started(candidate, data_dir, certificate)))
        for operation in operations:
            ops = [OPERATIONS[operation](server.base_url) for server in running]
            for op in ops:
                warm_up(op)
            per_round = max(1, count // rounds)
            for concurrency, keep_alive in SHAPES:
                samples: dict[int, list[Sample]] = {i: [] for i in range(len(running))}
                for _ in range(rounds):
                    for i, server in enumerate(running):
                        sample = measure(
                            server, ops[i], count=per_round, concurrency=concurrency, keep_alive=keep_alive
                        )
                        samples[i].append(sample)
                for i, server in enumerate(running):
                    name = f"{server.name}, TLS" if tls else server.name
                    result = summarise(name, operation, concurrency, keep_alive, samples[i])
                    print(json.dumps(result.as_dict()), file=sys.stderr)
                    results.append(result)
    return results


def markdown(results: list[dict[str, Any]], command: str) -> str:
    head = (
        f"Command: `{command}`. Server CPU ms per request from /proc (the server's whole process tree), "
        "median over interleaved rounds."
    )
    return "\n".join([head, "", *table(results)]) + "\n"


def table(results: list[dict[str, Any]]) -> list[str]:
    """One row per server and operation, one column per shape: server CPU ms per request (failures flagged)."""
    shapes = [f"c={c}, {'keep-alive' if k else 'new conn'}" for c, k in SHAPES]
    lines = [
        "| server | request | " + " | ".join(shapes) + " |",
        "|---|---|" + "---:|" * len(shapes),
    ]
    table: dict[tuple[str, str], dict[tuple[int, bool], dict[str, Any]]] = {}
    for r in results:
        table.setdefault((r["provider"], r["operation"]), {})[(r["concurrency"], r["keep_alive"])] = r
    for (provider, operation), row in sorted(table.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        cells = []
        for shape in SHAPES:
            r = row.get(shape)
            if r is None:
                cells.append("-")
            else:
                flag = f" ({r['failures']} failed)" if r["failures"] else ""
                cells.append(f"{r['server_cpu_ms_per_op']:.3f}{flag}")
        lines.append(f"| {provider} | {operation} | " + " | ".join(cells) + " |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=1000, help="requests per server, operation and shape")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--server", action="append", help="only candidates whose name contains this")
    parser.add_argument("--op", action="append", choices=list(OPERATIONS), help="only these requests")
    parser.add_argument("--tls", action="store_true", help="https with the mock CA (servers that have TLS)")
    args = parser.parse_args(argv)
    results = [
        r.as_dict() for r in run(args.server, args.op or DEFAULT_OPERATIONS, args.requests, args.rounds, tls=args.tls)
    ]
    command = "python -m bench.servers_alone " + " ".join(argv if argv is not None else sys.argv[1:])
    print(markdown(results, command))
    return 1 if any(r["failures"] for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
