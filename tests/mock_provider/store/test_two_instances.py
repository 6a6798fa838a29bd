"""Two ``bankid-mock`` processes on different ports over one PostgreSQL database act as one provider, as a
team's shared mock behind a load balancer would: a flow that starts on one completes on the other, keys are the
same, and a code spent on one is spent on both. Loopback only, bounded waits."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import parse_qs, urlsplit, urlunsplit

import httpx
import pytest

from harness.server import free_port
from tests.mock_provider.mock_flow import REDIRECT, USER_NNIN, VERIFIER, s256

CLIENT_ID, SECRET = "shared-bankid-current", "shared-secret-0123456789abcdef"
CLIENTS = f"""
[[clients]]
client_id = "{CLIENT_ID}"
client_secret = "{SECRET}"
redirect_uris = ["{REDIRECT}"]
scopes = ["openid", "profile"]
"""
STARTUP_SECONDS = 60


class Instance:
    """One mock process; ``url(u)`` sends a URL of the shared public address to this process instead, keeping
    the public Host header as a load balancer does."""

    def __init__(self, port: int, process: subprocess.Popen[bytes]) -> None:
        self.port, self.process = port, process

    def url(self, public_url: str) -> tuple[str, dict[str, str]]:
        parts = urlsplit(public_url)
        return urlunsplit(parts._replace(netloc=f"127.0.0.1:{self.port}")), {"Host": parts.netloc}


def _start(tmp: Path, name: str, port: int, public: str, database_url: str) -> subprocess.Popen[bytes]:
    (tmp / name).mkdir()
    clients = tmp / name / "clients.toml"
    clients.write_text(CLIENTS)
    command = [sys.executable, "-m", "mock_provider", "--port", str(port), "--public-url", public]
    command += ["--data-dir", str(tmp / name), "--database-url", database_url, "--clients", str(clients)]
    command += ["--workers", "1", "--threads", "2"]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait(instance: Instance, public: str) -> None:
    url, headers = instance.url(f"{public}/auth/realms/current/.well-known/openid-configuration")
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        assert instance.process.poll() is None, "the mock exited during start-up"
        try:
            if httpx.get(url, headers=headers, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    pytest.fail(f"instance on port {instance.port} did not start within {STARTUP_SECONDS} s")


@pytest.fixture
def pair(tmp_path: Path, postgres_url: str) -> Iterator[tuple[str, Instance, Instance]]:
    ports = free_port(), free_port()
    public = f"http://127.0.0.1:{ports[0]}"
    with ExitStack() as stack:
        # Started together: the first start-up (migrations, keys, seeding) must not race.
        instances = [Instance(p, _start(tmp_path, f"i{i}", p, public, postgres_url)) for i, p in enumerate(ports)]
        for instance in instances:
            stack.callback(instance.process.wait, 15)
            stack.callback(instance.process.terminate)
        for instance in instances:
            _wait(instance, public)
        yield public, instances[0], instances[1]


def _send(http: httpx.Client, instance: Instance, method: str, public_url: str, **kwargs: object) -> httpx.Response:
    url, headers = instance.url(public_url)
    extra: dict[str, str] = dict(kwargs.pop("headers", {}))  # type: ignore[call-overload]
    return http.request(method, url, headers={**headers, **extra}, **kwargs)  # type: ignore[arg-type]


def _query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def test_a_flow_started_on_one_instance_completes_on_the_other(pair: tuple[str, Instance, Instance]) -> None:
    public, a, b = pair
    issuer = f"{public}/auth/realms/current"
    params = {
        "client_id": CLIENT_ID,
        "redirect_uri": REDIRECT,
        "response_type": "code",
        "scope": "openid profile",
        "state": "st",
        "nonce": "no",
        "code_challenge": s256(VERIFIER),
        "code_challenge_method": "S256",
    }
    with httpx.Client(timeout=10) as http:
        started = _send(http, a, "GET", f"{issuer}/precheck/auth", params=params)
        assert started.status_code == 303
        login_url = started.headers["location"]
        assert _send(http, b, "GET", login_url).status_code == 200  # the session started on A is known to B
        form = {"session": _query(login_url)["session"], "nnin": USER_NNIN, "otp": "otp", "password": "qwer1234"}
        done = _send(http, a, "POST", f"{issuer}/login-actions/authenticate", data=form)
        assert done.status_code in (302, 303)
        code = _query(done.headers["location"])["code"]
        exchange = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": REDIRECT,
            "code_verifier": VERIFIER,
        }
        token_url = f"{issuer}/protocol/openid-connect/token"
        tokens = _send(http, b, "POST", token_url, data=exchange, auth=(CLIENT_ID, SECRET))
        assert tokens.status_code == 200, tokens.text
        userinfo = public.replace("127.0.0.1", "localhost") + "/userinfo"
        bearer = {"Authorization": f"Bearer {tokens.json()['access_token']}"}
        assert _send(http, a, "GET", userinfo, headers=bearer).status_code == 200  # B's token, A's userinfo
        replay = _send(http, a, "POST", token_url, data=exchange, auth=(CLIENT_ID, SECRET))
        assert replay.status_code == 400 and replay.json()["error"] == "invalid_grant"  # spent on B = spent on A
        assert _send(http, b, "GET", userinfo, headers=bearer).status_code == 401  # the replay revoked it on both
        certs = f"{issuer}/protocol/openid-connect/certs"
        assert _send(http, a, "GET", certs).json() == _send(http, b, "GET", certs).json()
