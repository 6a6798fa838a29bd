"""Serving the mock from Python: in a thread of this process, or as its own server process (granian or gunicorn).

Both calls return only once the mock answers (``GET /health``), and the handle they return stops it cleanly
(``stop()`` or ``with``). This is the one place that knows ``python -m mock_provider``'s command line: the
conformance harness and the integrators' pytest fixtures both start the mock through it.

>>> with serve_in_thread() as mock:          # doctest: +SKIP
...     httpx.get(mock.discovery_url()).json()["issuer"]
"""

from __future__ import annotations

import os
import secrets
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

import httpx
from werkzeug.serving import BaseWSGIServer, make_server

from mock_provider.config import ClientConfig, Config

HEALTH_PATH = "/health"
STARTUP_TIMEOUT = 30.0
LOG_FILE = "mock-provider.log"
ADMIN_TOKEN_ENV = "MOCK_PROVIDER_ADMIN_TOKEN"


class MockStartError(RuntimeError):
    """The mock did not come up; the message carries the tail of its log."""


@dataclass
class RunningMock:
    """A mock that answers at ``base_url`` until ``stop()``."""

    base_url: str
    data_dir: Path
    ca_file: Path | None
    admin_token: str | None
    log_file: Path | None = None
    config: Config | None = None
    process: subprocess.Popen[bytes] | None = None
    _stopper: Callable[[], None] = field(default=lambda: None, repr=False)
    _stopped: bool = field(default=False, repr=False)

    def issuer(self, realm: str = "current") -> str:
        return f"{self.base_url}/auth/realms/{realm}"

    def discovery_url(self, realm: str = "current") -> str:
        return f"{self.issuer(realm)}/.well-known/openid-configuration"

    @property
    def admin_url(self) -> str:
        return f"{self.base_url}/admin"

    @property
    def verify(self) -> ssl.SSLContext | bool:
        """What an httpx client passes as ``verify``: a context trusting the mock CA over https, else ``True``.

        (requests takes the bundle's path, ``ca_file``, instead.)
        """
        return ssl.create_default_context(cafile=str(self.ca_file)) if self.ca_file else True

    def stop(self) -> None:
        if not self._stopped:
            self._stopped = True
            self._stopper()

    def __enter__(self) -> RunningMock:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


class _Deferred:
    """A WSGI app whose target is set after the socket is bound, so the app knows its own port."""

    app: Callable[..., Iterable[bytes]] | None = None

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        assert self.app is not None, "served before the app was built"
        return self.app(environ, start_response)


def serve_in_thread(
    *,
    tls: bool = False,
    host: str = "127.0.0.1",
    port: int = 0,
    data_dir: Path | None = None,
    admin_token: str | None = None,
    **config: Any,
) -> RunningMock:
    """The mock on ``host:port`` (a free port by default) in a daemon thread of this process.

    ``config`` holds further ``Config`` fields (``clients``, ``users``, ``faults``, ``quirks``, ``clock``...).
    The store is a SQLite file in ``data_dir`` (a temporary directory, removed on ``stop()``, by default).
    """
    from mock_provider.app import create_app
    from mock_provider.tls import write_server_tls

    temporary = tempfile.TemporaryDirectory(prefix="bankid-mock-") if data_dir is None else None
    directory = _private_dir(Path(temporary.name) if temporary else data_dir)  # type: ignore[arg-type]
    deferred = _Deferred()
    server: BaseWSGIServer | None = None
    try:
        server = make_server(host, port, deferred, threaded=True)
        scheme = "https" if tls else "http"
        base_url = f"{scheme}://{host}:{server.server_port}"
        settings = Config.local(
            base_url,
            data_dir=directory,
            database_url=config.pop("database_url", None) or _sqlite_url(directory),
            admin_token=admin_token,
            **config,
        )
        app = create_app(settings)
        ca_file = None
        if tls:
            cert, key = write_server_tls(directory, app)
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(cert, key)
            server.socket = context.wrap_socket(server.socket, server_side=True)
            ca_file = directory / "ca.pem"
        deferred.app = app
    except BaseException:
        if server is not None:
            server.server_close()
        if temporary:
            temporary.cleanup()
        raise
    thread = threading.Thread(target=server.serve_forever, name=f"bankid-mock:{server.server_port}", daemon=True)
    thread.start()

    def stop() -> None:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
        if temporary:
            temporary.cleanup()

    running = RunningMock(base_url, directory, ca_file, admin_token, None, settings, None, stop)
    try:
        _wait_until_healthy(running, is_alive=thread.is_alive)
    except BaseException:
        running.stop()
        raise
    return running


def serve_in_process(
    *,
    data_dir: Path,
    tls: bool = True,
    port: int | None = None,
    clients_file: Path | None = None,
    faults: Iterable[str] = (),
    quirks: Iterable[str] = (),
    database_url: str | None = None,
    workers: int = 2,
    server: str | None = None,
    admin_token: str | None = None,
    schema_revision: str | None = None,
    startup_timeout: float = STARTUP_TIMEOUT,
) -> RunningMock:
    """``python -m mock_provider`` on loopback, its log in ``data_dir/mock-provider.log``.

    ``server`` picks the HTTP server (``granian``, the default, or ``gunicorn``; ``mock_provider.serve``).
    ``workers`` is 2 here (bankid-mock's own default is 1), so every served test also runs the workers' sharing of
    one store.

    The log goes to a file, never to an unread pipe: a pipe nobody drains fills after ~64 KB and then blocks
    every worker that logs. The admin token travels in the environment, not argv (process listings show argv).
    """
    directory = _private_dir(data_dir)
    port = port or free_port()
    command = [sys.executable, "-m", "mock_provider", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--data-dir", str(directory), "--workers", str(workers)]
    if tls:
        command.append("--tls")
    if server:
        command += ["--server", server]
    if clients_file is not None:
        command += ["--clients", str(clients_file)]
    if database_url:
        command += ["--database-url", database_url]
    if schema_revision:
        command += ["--schema-revision", schema_revision]
    for fault in faults:
        command += ["--fault", fault]
    for quirk in quirks:  # NAME=VALUE, as bankid-mock --quirk takes it
        command += ["--quirk", quirk]
    env = {**os.environ, ADMIN_TOKEN_ENV: admin_token or ""}
    log_path = directory / LOG_FILE
    with os.fdopen(os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600), "ab") as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603

    def stop() -> None:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)

    scheme = "https" if tls else "http"
    ca_file = directory / "ca.pem" if tls else None
    running = RunningMock(
        f"{scheme}://127.0.0.1:{port}", directory, ca_file, admin_token, log_path, None, process, stop
    )
    try:
        _wait_until_healthy(running, is_alive=lambda: process.poll() is None, timeout=startup_timeout)
    except BaseException:
        running.stop()
        raise
    return running


def _wait_until_healthy(
    running: RunningMock, *, is_alive: Callable[[], bool], timeout: float = STARTUP_TIMEOUT
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not is_alive():
            raise MockStartError(f"the mock exited before it answered{_log_tail(running)}")
        if running.ca_file is None or running.ca_file.exists():
            try:
                answer = httpx.get(running.base_url + HEALTH_PATH, verify=running.verify, timeout=2)
            except (httpx.HTTPError, ssl.SSLError, OSError):
                pass  # not up yet, or its CA bundle not written yet
            else:
                if answer.status_code == 200:
                    return
        time.sleep(0.05)
    raise MockStartError(f"the mock did not answer {HEALTH_PATH} within {timeout} s{_log_tail(running)}")


def _log_tail(running: RunningMock, limit: int = 2000) -> str:
    if running.log_file is None or not running.log_file.exists():
        return ""
    text = running.log_file.read_text(encoding="utf-8", errors="replace")[-limit:]
    return f"; its log ({running.log_file}) ends:\n{text}" if text else ""


def _private_dir(path: Path) -> Path:
    """The data directory holds the CA and signing keys: owner-only."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def _sqlite_url(directory: Path) -> str:
    return f"sqlite:///{directory.resolve() / 'mock-provider.sqlite3'}"


def new_admin_token() -> str:
    return secrets.token_urlsafe(24)


__all__ = [
    "ClientConfig",
    "MockStartError",
    "RunningMock",
    "free_port",
    "new_admin_token",
    "serve_in_process",
    "serve_in_thread",
]
