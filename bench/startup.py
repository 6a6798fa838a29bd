"""What starting the mock costs, the figure CI pays thousands of times a day:

    .venv/bin/python -m bench.startup [--runs N] [--apps N]

- ``import``: wall and CPU of ``python -c "import mock_provider"`` in a fresh interpreter (minus a bare
  ``python -c pass`` measured alongside, which is the interpreter's own start-up and site imports);
- ``bankid-mock``: from ``python -m mock_provider`` starting on a fresh data directory (store created and
  migrated, CA and keys made) and on the same directory again (store already at head) to its first 200 on the
  discovery document, polled every 5 ms over plain HTTP;
- ``create_app``: one in-process target (``create_app`` over an in-memory store), the cost the test suite and
  a many-target conformance run pay per target.

Each figure is the median of ``--runs``; the load average is printed before and after, since on a shared
machine only figures measured in the same sitting compare.
"""

from __future__ import annotations

import argparse
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DISCOVERY = "/auth/realms/current/.well-known/openid-configuration"
POLL_SECONDS = 0.005
DEADLINE_SECONDS = 60.0


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _python(code: str) -> tuple[float, float]:
    """Wall and CPU seconds of a fresh interpreter running ``code``."""
    cpu, start = _children_cpu(), time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start, _children_cpu() - cpu


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _status(port: int) -> int | None:
    """The status of one GET of the discovery document, or ``None`` while nothing answers."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            sock.sendall(f"GET {DISCOVERY} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
            head = sock.recv(64)
    except OSError:
        return None
    parts = head.split(b" ", 2)
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None


def _serve_until_ready(data_dir: Path) -> float:
    """Seconds from ``python -m mock_provider`` starting to its first 200 on discovery."""
    port = _free_port()
    command = [sys.executable, "-m", "mock_provider", "--port", str(port), "--data-dir", str(data_dir)]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - start < DEADLINE_SECONDS:
            if process.poll() is not None:
                raise SystemExit(f"the mock exited with {process.returncode} before it answered")
            if _status(port) == 200:
                return time.perf_counter() - start
            time.sleep(POLL_SECONDS)
        raise SystemExit(f"the mock did not answer within {DEADLINE_SECONDS} s")
    finally:
        process.terminate()
        process.wait(timeout=10)


def _create_app_seconds(apps: int) -> list[float]:
    from mock_provider import ClientConfig, Config, create_app

    client = ClientConfig(client_id="bench", client_secret="bench-secret-0123456789", redirect_uris=("https://x/cb",))
    config = Config(clients=(client,))
    create_app(config)  # the first app pays the per-process work (template store, compiled statements)
    times = []
    for _ in range(apps):
        start = time.perf_counter()
        create_app(config)
        times.append(time.perf_counter() - start)
    return times


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.startup", description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--apps", type=int, default=30)
    args = parser.parse_args(argv)
    print(f"load before: {_load()}  ({os.cpu_count()} cores)")
    bare = [_python("pass") for _ in range(args.runs)]
    imported = [_python("import mock_provider") for _ in range(args.runs)]
    bare_wall, bare_cpu = (statistics.median(x) for x in zip(*bare, strict=True))
    wall, cpu = (statistics.median(x) for x in zip(*imported, strict=True))
    print(
        f"import mock_provider: wall {wall - bare_wall:.3f} s, cpu {cpu - bare_cpu:.3f} s (interpreter alone: wall "
        f"{bare_wall:.3f} s)"
    )
    with tempfile.TemporaryDirectory(prefix="bankid-startup-") as scratch:
        fresh = [_serve_until_ready(Path(scratch) / f"fresh-{i}") for i in range(args.runs)]
        again = [_serve_until_ready(Path(scratch) / "fresh-0") for _ in range(args.runs)]
    print(
        f"bankid-mock to first 200 on discovery: fresh data dir {statistics.median(fresh):.3f} s, "
        f"existing {statistics.median(again):.3f} s"
    )
    apps = _create_app_seconds(args.apps)
    print(f"create_app (in-memory store): median {statistics.median(apps) * 1000:.1f} ms of {args.apps}")
    print(f"load after:  {_load()}")


if __name__ == "__main__":
    main()
