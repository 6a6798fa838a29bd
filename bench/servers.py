"""Starting each provider as a real server on a free loopback port, and reading the CPU time its whole process
tree (gunicorn master and workers, node) has used from ``/proc``: on a shared machine the server's own CPU per
operation is a steadier figure than wall-clock throughput, which other people's work disturbs.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
PEERS = ROOT / ".bench-peers"
TICKS = os.sysconf("SC_CLK_TCK")
BENCH_CLIENTS = """
[[clients]]
client_id = "bench-bankid-current"
client_secret = "bench-secret"
redirect_uris = ["https://rp.example.no/callback"]
scopes = ["openid", "profile"]
display_name = "Bench Nettbutikk AS"
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _stat(pid: int) -> tuple[int, float]:
    """(parent pid, CPU seconds in user and kernel mode) of one live process."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICKS


def tree_cpu(root: int) -> float:
    """CPU seconds used so far by ``root`` and every live descendant."""
    stats: dict[int, tuple[int, float]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stats[int(entry)] = _stat(int(entry))
            except (OSError, IndexError):
                continue  # exited while we looked
    members, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, (ppid, _) in stats.items() if ppid == parent and pid not in members]
        members.update(children)
        frontier.extend(children)
    return sum(_precise_cpu(pid, stats[pid][1]) for pid in members if pid in stats)


def _precise_cpu(pid: int, ticks_cpu: float) -> float:
    """Nanosecond on-CPU time summed over the process's threads (``schedstat``), where the kernel keeps it;
    ``stat`` counts in 10 ms ticks, too coarse for sub-millisecond operations. The servers' worker threads live
    as long as the server, so no thread's time is lost by exiting."""
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
        total = sum(int(Path(f"/proc/{pid}/task/{t}/schedstat").read_text().split()[0]) for t in tasks) / 1e9
    except (OSError, ValueError, IndexError):
        return ticks_cpu
    return total if total > 0 else ticks_cpu


@dataclass(frozen=True)
class Server:
    name: str
    base_url: str
    process: subprocess.Popen[bytes]

    def cpu(self) -> float:
        return tree_cpu(self.process.pid)


def _wait_ready(url: str, process: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before {url} answered")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


@contextmanager
def running(name: str, command: list[str], base: str, ready_path: str, env: dict[str, str]) -> Iterator[Server]:
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, stdout=log, stderr=log, env={**os.environ, **env}, cwd=ROOT)
        try:
            _wait_ready(base + ready_path, process)
            yield Server(name, base, process)
        except RuntimeError:
            log.seek(0)
            sys.stderr.write(log.read().decode(errors="replace")[-4000:])
            raise
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def ours(
    data_dir: Path,
    *,
    workers: int | None = None,
    threads: int | None = None,
    database_url: str | None = None,
    server: str | None = None,
) -> Iterator[Server]:
    """``bankid-mock`` as an integrator runs it (default server, workers and threads unless told), over plain
    http."""
    port = free_port()
    data_dir.mkdir(parents=True, exist_ok=True)
    clients = data_dir / "bench-clients.toml"
    clients.write_text(BENCH_CLIENTS)
    command = [sys.executable, "-m", "mock_provider", "--port", str(port), "--data-dir", str(data_dir)]
    command += ["--clients", str(clients)]
    if workers is not None:
        command += ["--workers", str(workers)]
    if threads is not None:
        command += ["--threads", str(threads)]
    if database_url is not None:
        command += ["--database-url", database_url]
    if server is not None:
        command += ["--server", server]
    base = f"http://127.0.0.1:{port}"
    with running("ours", command, base, "/auth/realms/current/.well-known/openid-configuration", {}) as server:
        yield server


@contextmanager
def fresh_postgres_database(server_url: str) -> Iterator[str]:
    """A new database on the PostgreSQL server at ``server_url``, dropped afterwards; yields its URL."""
    import uuid

    import sqlalchemy as sa

    admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    name = f"bankid_mock_bench_{uuid.uuid4().hex[:10]}"
    with admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {name}")
    try:
        yield admin.url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE {name} WITH (FORCE)")
        admin.dispose()


@contextmanager
def node_oidc_provider() -> Iterator[Server]:
    port = free_port()
    script = ROOT / "bench" / "peers" / "oidc_provider.mjs"
    env = {"BENCH_NODE_PREFIX": str(PEERS / "node"), "NODE_ENV": "production"}
    base = f"http://127.0.0.1:{port}"
    with running(
        "node-oidc-provider", ["node", str(script), str(port)], base, "/.well-known/openid-configuration", env
    ) as server:
        yield server


@contextmanager
def oidc_provider_mock() -> Iterator[Server]:
    """One gunicorn worker: its grants live in process memory, so a second worker would not know the codes."""
    port = free_port()
    gunicorn = str(ROOT / ".bench-venv" / "bin" / "gunicorn")
    command = [
        gunicorn,
        "-w",
        "1",
        "-k",
        "gthread",
        "--threads",
        "4",
        "-b",
        f"127.0.0.1:{port}",
        "oidc_provider_mock:app()",
    ]
    base = f"http://127.0.0.1:{port}"
    env = {"AUTHLIB_INSECURE_TRANSPORT": "1"}
    with running("oidc-provider-mock", command, base, "/.well-known/openid-configuration", env) as server:
        yield server


def oidc_provider_mock_installed() -> bool:
    return (ROOT / ".bench-venv" / "bin" / "gunicorn").exists()
