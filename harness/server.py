"""Starting ``bankid-mock`` as a real process on a free loopback port, for the HTTP target.

The mock's own serving API (``mock_provider.running``) knows its command line; this module only adds what the
harness needs (clients from data, the admin token as a ``Secret``, an unstartable mock as inconclusive).
It is driven exactly like BankID's CURRENT (TLS verified against the mock CA it writes), which proves the
in-process results are not an artefact of the WSGI transport.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from harness.rules.errors import Inconclusive
from harness.secret import Secret
from mock_provider.running import MockStartError, free_port, serve_in_process

STARTUP_TIMEOUT = 30.0


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
    """``bankid-mock`` over TLS on loopback, through the mock's own serving API (``mock_provider.running``)."""
    token = secrets.token_urlsafe(24)
    try:
        running = serve_in_process(
            data_dir=data_dir,
            clients_file=clients_file,
            faults=faults,
            quirks=quirks,
            port=port,
            admin_token=token,
            startup_timeout=STARTUP_TIMEOUT,
        )
    except MockStartError as exc:
        raise Inconclusive(f"mock server did not start: {exc}") from exc
    assert running.process is not None and running.ca_file is not None and running.log_file is not None
    return ServedMock(running.base_url, running.ca_file, Secret(token), running.process, data_dir, running.log_file)


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


__all__ = ["STARTUP_TIMEOUT", "ServedMock", "free_port", "log_tail", "served_mock", "start", "stop"]
