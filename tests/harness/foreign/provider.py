"""An OpenID Provider this project did not write: ``oidc-provider-mock`` (PyPI), served on 127.0.0.1 by
werkzeug in its own process, with one registered confidential client whose redirect URI is plain http on
loopback. https://github.com/geigerzaehler/oidc-provider-mock

Its own process keeps its deprecation warnings (it imports ``authlib.jose``) out of this test run, where
warnings are errors, and makes it as foreign as any provider on the network.
"""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[3]


@dataclass(frozen=True)
class ForeignProvider:
    issuer: str
    client_id: str
    client_secret: str
    # On a free loopback port, where the manual login driver serves the callback during a login.
    redirect_uri: str

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"


@contextmanager
def serve(timeout: float = 20.0) -> Iterator[ForeignProvider]:
    """Start the provider on a free loopback port and register a client; stop it afterwards."""
    command = [sys.executable, "-W", "ignore::DeprecationWarning", "-m", "tests.harness.foreign.provider"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert process.stdout is not None
        port = int(process.stdout.readline().strip() or 0)  # the child prints its port once it listens
        if not port:
            raise RuntimeError(f"oidc-provider-mock did not start (exit {process.poll()})")
        issuer, redirect_uri = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{_free_port()}/callback"
        yield ForeignProvider(issuer, *_register(issuer, redirect_uri, timeout), redirect_uri)
    finally:
        process.terminate()
        process.wait(timeout)
        if process.stdout is not None:
            process.stdout.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _register(issuer: str, redirect_uri: str, timeout: float) -> tuple[str, str]:
    """Dynamic registration (its ``POST /oauth2/clients``), as BankID's provisioning would issue a client."""
    body = {"redirect_uris": [redirect_uri], "token_endpoint_auth_method": "client_secret_basic"}
    answer = httpx.post(f"{issuer}/oauth2/clients", json=body, timeout=timeout).raise_for_status().json()
    return str(answer["client_id"]), str(answer["client_secret"])


def _main() -> None:
    """Client registration required (so an unknown client_id is refused) and nonce required, as BankID's
    API v4 does; the package's defaults otherwise."""
    import oidc_provider_mock
    import werkzeug.serving

    app = oidc_provider_mock.app(require_client_registration=True, require_nonce=True)
    server = werkzeug.serving.make_server("127.0.0.1", 0, app, threaded=True)
    print(server.server_port, flush=True)
    server.serve_forever(poll_interval=0.1)


if __name__ == "__main__":
    _main()
