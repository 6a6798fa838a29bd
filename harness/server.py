"""Starting ``python -m mock_provider`` as a real process on a free loopback port, for the HTTP target.

It is driven exactly like BankID's CURRENT (TLS verified against the mock CA it writes), which proves the
in-process results are not an artefact of the WSGI transport.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.evidence import Evidence
from harness.http import HttpSession, Limits
from harness.rules.errors import Inconclusive
from harness.secret import Secret

STARTUP_TIMEOUT = 30.0
LOG_NAME = "mock-provider.log"


@dataclass(frozen=True)
class ServedMock:
    base_url: str
    ca_file: Path
    admin_token: Secret
    process: subprocess.Popen[bytes]
    data_dir: Path
    log_file: Path

    @property
    def discovery_url(self) -> str:
        return f"{self.base_url}/auth/realms/current/.well-known/openid-configuration"

    @property
    def admin_url(self) -> str:
        return f"{self.base_url}/admin"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _toml(clients: list[dict[str, Any]]) -> str:
    lines: list[str] = []
    for client in clients:
        lines.append("[[clients]]")
        jwks = client.get("jwks")
        for key, value in client.items():
            if key != "jwks" and value is not None:
                lines.append(f"{key} = {json.dumps(value)}")
        if jwks:
            # An inline table keeps the JWKS as data; JSON strings are valid TOML basic strings.
            lines.append(f"jwks = {{ keys = [{', '.join(_inline(k) for k in jwks['keys'])}] }}")
        lines.append("")
    return "\n".join(lines)


def _inline(table: dict[str, Any]) -> str:
    return "{ " + ", ".join(f"{json.dumps(k)} = {json.dumps(v)}" for k, v in table.items()) + " }"


@contextmanager
def served_mock(
    *clients: dict[str, Any],
    faults: tuple[str, ...] = (),
    quirks: tuple[str, ...] = (),
    data_dir: Path | None = None,
    port: int | None = None,
) -> Iterator[ServedMock]:
    with tempfile.TemporaryDirectory(prefix="bankid-mock-") as tmp:
        directory = data_dir or Path(tmp)
        clients_file = Path(tmp) / "clients.toml"
        clients_file.write_text(_toml(list(clients)), encoding="utf-8")
        clients_file.chmod(0o600)
        served = start(directory, clients_file, faults=faults, quirks=quirks, port=port)
        try:
            yield served
        finally:
            stop(served)


def start(
    data_dir: Path,
    clients_file: Path | None,
    *,
    faults: tuple[str, ...] = (),
    quirks: tuple[str, ...] = (),
    port: int | None = None,
) -> ServedMock:
    port = port or free_port()
    token = secrets.token_urlsafe(24)
    command = [
        sys.executable,
        "-m",
        "mock_provider",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--tls",
        "--data-dir",
        str(data_dir),
        "--workers",
        "2",
    ]
    if clients_file is not None:
        command += ["--clients", str(clients_file)]
    for fault in faults:
        command += ["--fault", fault]
    for quirk in quirks:
        command += ["--quirk", quirk]
    # The token travels in the environment, not argv, so it does not show in process listings.
    env = {**os.environ, "MOCK_PROVIDER_ADMIN_TOKEN": token}
    # The log goes to a file, never to a pipe: a pipe nobody reads fills after ~64 KB and then every worker
    # blocks on its next log line, so the server stops answering.
    log_file = data_dir / LOG_NAME
    with os.fdopen(os.open(log_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600), "ab") as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
    served = ServedMock(f"https://127.0.0.1:{port}", data_dir / "ca.pem", Secret(token), process, data_dir, log_file)
    _wait_until_ready(served)
    return served


def _wait_until_ready(served: ServedMock) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if served.process.poll() is not None:
            raise Inconclusive(f"mock server exited with {served.process.returncode}: {log_tail(served)}")
        if served.ca_file.exists():
            try:
                # This loop is the retry: the seam's own retries would only slow the polling down.
                limits = Limits(timeout=2, retries=0)
                with HttpSession(
                    transport=None, verify=str(served.ca_file), evidence=Evidence(), limits=limits
                ) as http:
                    if http.get(served.discovery_url).status == 200:
                        return
            except Inconclusive:
                pass
        time.sleep(0.1)
    stop(served)
    raise Inconclusive(f"mock server did not answer within {STARTUP_TIMEOUT} s")


def stop(served: ServedMock) -> None:
    if served.process.poll() is None:
        served.process.terminate()
        try:
            served.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            served.process.kill()
            served.process.wait(timeout=5)


def log_tail(served: ServedMock, size: int = 2000) -> str:
    """The end of the server's log (its stdout and stderr), for an error message."""
    try:
        with served.log_file.open("rb") as log:
            log.seek(max(0, log.seek(0, os.SEEK_END) - size))
            return log.read().decode(errors="replace")
    except OSError:
        return ""
