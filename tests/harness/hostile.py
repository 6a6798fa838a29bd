"""Hostile providers on loopback, for the transport-safety tests: ordinary objects with constructor knobs.

- ``Recorder``: "another host" (127.0.0.2 by default) that answers ``{}`` and keeps every request it saw;
- ``HostileProvider``: serves a discovery document whose endpoints point wherever the test says, and answers
  everything else in one misbehaving way: ``drip`` (one byte every ``drip_every`` s, from the status line on),
  ``huge`` (a body of ``huge_bytes`` with no length), or ``refuse`` (400 JSON at once).

Both bind to loopback only and stop when their context ends.
"""

from __future__ import annotations

import json
import select
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from harness.loopback_tls import self_signed

REALM = "/auth/realms/current"
WELL_KNOWN = "/.well-known/openid-configuration"


def loopback_certificate(directory: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, 127.0.0.2 and localhost; the cert file is also the CA bundle."""
    return self_signed(directory, addresses=("127.0.0.1", "127.0.0.2"))


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def raw(self) -> bytes:
        head = "".join(f"{k}: {v}\n" for k, v in self.headers.items())
        return f"{self.method} {self.path}\n{head}\n".encode() + self.body


@dataclass
class _Server:
    host: str = "127.0.0.1"
    tls: tuple[Path, Path] | None = None
    seen: list[Seen] = field(default_factory=list)
    port: int = 0
    _server: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        return f"{'https' if self.tls else 'http'}://{self.host}:{self.port}"

    def handler(self) -> type[BaseHTTPRequestHandler]:
        raise NotImplementedError

    @contextmanager
    def running(self) -> Iterator[_Server]:
        server = ThreadingHTTPServer((self.host, 0), self.handler())
        server.daemon_threads = True
        if self.tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(str(self.tls[0]), str(self.tls[1]))
            server.socket = context.wrap_socket(server.socket, server_side=True)
        self.port = int(server.server_address[1])
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            server.shutdown()
            server.server_close()

    def _record(self, request: BaseHTTPRequestHandler) -> Seen:
        length = min(int(request.headers.get("content-length") or 0), 1024 * 1024)
        body = request.rfile.read(length) if length else b""
        seen = Seen(request.command, request.path, dict(request.headers.items()), body)
        self.seen.append(seen)
        return seen


class Recorder(_Server):
    """The other host: whatever reaches it is kept."""

    def handler(self) -> type[BaseHTTPRequestHandler]:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def _any(self) -> None:
                owner._record(self)
                body = b"{}"
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PUT = _any  # noqa: N815

            def log_message(self, format: str, *args: Any) -> None:
                return

        return Handler


@dataclass
class HostileProvider(_Server):
    mode: str = "refuse"
    endpoints_base: str | None = None  # where discovery sends every endpoint but authorize (default: itself)
    drip_every: float = 5.0
    huge_bytes: int = 200 * 1024 * 1024
    # What ``drip`` sends, one byte every ``drip_every`` s: a whole answer takes len(drip_answer) * drip_every.
    drip_answer: bytes = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"

    @property
    def issuer(self) -> str:
        return self.base + REALM

    @property
    def discovery_url(self) -> str:
        return self.issuer + WELL_KNOWN

    def document(self) -> dict[str, Any]:
        other = (self.endpoints_base or self.base) + REALM
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/precheck/auth",
            "token_endpoint": f"{other}/protocol/openid-connect/token",
            "introspection_endpoint": f"{other}/protocol/openid-connect/token/introspect",
            "token_introspection_endpoint": f"{other}/protocol/openid-connect/token/introspect",
            "userinfo_endpoint": f"{other}/userinfo",
            "jwks_uri": f"{other}/protocol/openid-connect/certs",
            "end_session_endpoint": f"{other}/protocol/openid-connect/logout",
            "pushed_authorization_request_endpoint": f"{other}/protocol/openid-connect/ext/par/request",
            "response_types_supported": ["code"],
            "code_challenge_methods_supported": ["S256"],
            "id_token_signing_alg_values_supported": ["ES256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "private_key_jwt"],
        }

    def handler(self) -> type[BaseHTTPRequestHandler]:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def _any(self) -> None:
                owner._record(self)
                if owner.mode == "drip":
                    self._drip()
                elif owner.mode == "huge":
                    self._huge()
                elif self.path.split("?")[0].endswith(WELL_KNOWN):
                    self._json(200, owner.document())
                else:
                    self._json(400, {"error": "invalid_request"})

            do_GET = do_POST = _any  # noqa: N815

            def _json(self, status: int, value: Any) -> None:
                body = json.dumps(value).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _drip(self) -> None:
                try:
                    for byte in owner.drip_answer:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(owner.drip_every)
                except OSError:
                    return

            def _huge(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Connection", "close")
                self.end_headers()
                chunk = b" " * (1024 * 1024)
                try:
                    for _ in range(owner.huge_bytes // len(chunk)):
                        self.wfile.write(chunk)
                except OSError:
                    return
                self.close_connection = True

            def log_message(self, format: str, *args: Any) -> None:
                return

        return Handler


class ConnectProxy(_Server):
    """An HTTP CONNECT proxy on loopback that relays bytes and keeps what it relayed (it sees only TLS)."""

    relayed: bytearray

    def handler(self) -> type[BaseHTTPRequestHandler]:
        owner = self
        owner.relayed = bytearray()

        class Handler(BaseHTTPRequestHandler):
            def do_CONNECT(self) -> None:
                owner.seen.append(Seen("CONNECT", self.path, dict(self.headers.items()), b""))
                host, _, port = self.path.rpartition(":")
                upstream = socket.create_connection((host, int(port)), timeout=10)
                self.send_response(200, "Connection established")
                self.end_headers()
                self._relay(upstream)

            def _relay(self, upstream: socket.socket) -> None:
                sockets = [self.connection, upstream]
                try:
                    while True:
                        ready, _, _ = select.select(sockets, [], [], 10)
                        if not ready:
                            return
                        for sock in ready:
                            data = sock.recv(65536)
                            if not data:
                                return
                            owner.relayed.extend(data)
                            (upstream if sock is self.connection else self.connection).sendall(data)
                except OSError:
                    return
                finally:
                    upstream.close()

            def log_message(self, format: str, *args: Any) -> None:
                return

        return Handler
