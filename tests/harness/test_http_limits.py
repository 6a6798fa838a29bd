"""The HTTP seam protects the run and the integrator: credentials only to the target's profile, no plain http
off loopback, a total deadline, a size cap, bounded retries of connection failures only, a rate cap."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from harness.evidence import Evidence
from harness.http import HttpSession, Refused, wsgi_transport
from harness.limits import Limits, RateLimit
from harness.profile import CredentialPolicy
from harness.rules.errors import Inconclusive
from harness.server import free_port
from tests.harness.hostile import HostileProvider

ISSUER = "https://auth.current.bankid.no/auth/realms/current"
StartResponse = Callable[[str, list[tuple[str, str]]], Any]


class CountingApp:
    """A WSGI app that answers ``body`` (in ``chunks``) and counts the requests that reached it."""

    def __init__(self, body: bytes = b"{}", *, chunks: int = 1, declare_length: bool = True) -> None:
        self.body, self.chunks, self.declare_length = body, chunks, declare_length
        self.calls: list[str] = []

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        self.calls.append(f"{environ['REQUEST_METHOD']} {environ['HTTP_HOST']}{environ['PATH_INFO']}")
        headers = [("Content-Type", "application/json")]
        if self.declare_length:
            headers.append(("Content-Length", str(len(self.body))))
        start_response("200 OK", headers)
        size = max(1, len(self.body) // self.chunks)
        return (self.body[i : i + size] for i in range(0, len(self.body), size))


def session(app: CountingApp, **knobs: Any) -> HttpSession:
    knobs.setdefault("policy", CredentialPolicy.for_issuer(ISSUER))
    return HttpSession(transport=wsgi_transport(app), verify=True, evidence=Evidence(), **knobs)


@pytest.mark.parametrize(
    "send",
    [
        lambda http, url: http.post(url, data={"grant_type": "client_credentials"}, auth=("id", "s3cret")),
        lambda http, url: http.post(url, data={"client_id": "id", "client_secret": "s3cret"}),
        lambda http, url: http.post(url, data={"client_assertion": "eyJ.x.y"}),
        lambda http, url: http.get(url, headers={"Authorization": "Bearer at"}),
    ],
)
def test_credentials_never_reach_a_host_outside_the_profile(send: Callable[[HttpSession, str], Any]) -> None:
    app = CountingApp()
    with session(app) as http, pytest.raises(Refused, match=r"evil\.example"):
        send(http, "https://evil.example/token")
    assert app.calls == []
    assert http.evidence.exchanges[-1].error is not None


def test_credentials_reach_the_issuer_and_the_hosts_bankid_names() -> None:
    app = CountingApp()
    with session(app) as http:
        http.post(f"{ISSUER}/protocol/openid-connect/token", data={"client_secret": "s"}, auth=("id", "s"))
        http.get("https://userinfo.current.bankid.no/userinfo", headers={"Authorization": "Bearer at"})
        http.get("https://elsewhere.example/jwks")  # nothing secret: may go anywhere https
    assert len(app.calls) == 3


def test_credentials_need_the_issuers_scheme_too() -> None:
    app = CountingApp()
    with session(app) as http, pytest.raises(Refused):
        http.post("http://auth.current.bankid.no/auth/realms/current/token", data={"client_secret": "s"})
    assert app.calls == []


def test_plain_http_off_loopback_is_refused_unless_allowed() -> None:
    app = CountingApp()
    with session(app) as http, pytest.raises(Refused, match="plain http"):
        http.get("http://auth.current.bankid.no/.well-known/openid-configuration")
    insecure = CredentialPolicy.for_issuer(ISSUER, allow_insecure_http=True)
    with session(app, policy=insecure) as http:
        http.get("http://auth.current.bankid.no/.well-known/openid-configuration")
    assert len(app.calls) == 1


@pytest.mark.parametrize("declare_length", [True, False])
def test_a_body_over_the_cap_is_not_kept(declare_length: bool) -> None:
    app = CountingApp(b"x" * (64 * 1024 + 1), chunks=64, declare_length=declare_length)
    with session(app, limits=Limits(max_bytes=64 * 1024)) as http, pytest.raises(Inconclusive, match="cap"):
        http.get(f"{ISSUER}/big")
    with session(CountingApp(b"x" * 1024), limits=Limits(max_bytes=64 * 1024)) as http:
        assert len(http.get(f"{ISSUER}/small").body) == 1024


def test_a_connection_failure_is_retried_a_bounded_number_of_times() -> None:
    sleeps: list[float] = []
    url = f"http://127.0.0.1:{free_port()}/nothing-listens"
    http = HttpSession(transport=None, verify=True, evidence=Evidence(), limits=Limits(retries=2), sleep=sleeps.append)
    with http, pytest.raises(Inconclusive, match="could not be reached"):
        http.get(url)
    assert len(sleeps) == 2
    assert all(0 < s <= 1.0 for s in sleeps)


def test_a_dripping_provider_is_cut_at_the_total_deadline() -> None:
    with HostileProvider(mode="drip", drip_every=0.5).running() as drip:
        http = HttpSession(transport=None, verify=True, evidence=Evidence(), limits=Limits(timeout=1.5, retries=0))
        started = time.monotonic()
        with http, pytest.raises(Inconclusive, match="deadline"):
            http.get(f"{drip.base}/anything")
        elapsed = time.monotonic() - started
    # Each byte arrives well within any per-read timeout; only a total deadline ends this.
    assert elapsed < 1.5 + 1.0


def test_a_session_sends_nothing_after_its_deadline() -> None:
    app = CountingApp()
    with session(app, deadline_at=time.monotonic() - 1) as http, pytest.raises(Refused, match="deadline"):
        http.get(f"{ISSUER}/x")
    assert app.calls == []


def test_the_rate_cap_spaces_requests() -> None:
    now = [100.0]
    sleeps: list[float] = []
    limit = RateLimit(4, clock=lambda: now[0], sleep=sleeps.append)
    for _ in range(3):
        limit.acquire()
    assert sleeps == pytest.approx([0.25, 0.5])


def test_hostile_fixture_certificate_is_usable(tmp_path: Path) -> None:
    from tests.harness.hostile import loopback_certificate

    cert, key = loopback_certificate(tmp_path)
    with (
        HostileProvider(tls=(cert, key)).running() as provider,
        HttpSession(transport=None, verify=str(cert), evidence=Evidence()) as http,
    ):
        assert http.get(provider.discovery_url).json_object() is not None


def test_a_plain_http_target_off_loopback_is_a_usage_error_unless_allowed() -> None:
    from harness.settings import Settings
    from harness.targets import check_spec

    url = "http://auth.example.no/auth/realms/current/.well-known/openid-configuration"
    with pytest.raises(ValueError, match="--allow-insecure-http"):
        check_spec(url, Settings())
    check_spec(url, Settings(allow_insecure_http=True))
    check_spec("http://127.0.0.1:8080/auth/realms/current/.well-known/openid-configuration", Settings())


def test_an_origin_that_stayed_unreachable_is_not_retried_again() -> None:
    sleeps: list[float] = []
    unreachable: set[str] = set()
    url = f"http://127.0.0.1:{free_port()}/nothing-listens"
    for _ in range(3):
        http = HttpSession(
            transport=None, verify=True, evidence=Evidence(), unreachable=unreachable, sleep=sleeps.append
        )
        with http, pytest.raises(Inconclusive):
            http.get(url)
    # One round of backoff for the first request; the next two fail at once.
    assert len(sleeps) == 2
    assert len(unreachable) == 1


def test_an_explicit_proxy_tunnels_https_and_sees_no_credential(tmp_path: Path) -> None:
    from tests.harness.hostile import ConnectProxy, loopback_certificate

    cert, key = loopback_certificate(tmp_path)
    with (
        HostileProvider(tls=(cert, key)).running() as provider,
        ConnectProxy().running() as proxy,
        HttpSession(transport=None, verify=str(cert), evidence=Evidence(), proxy=proxy.base) as http,
    ):
        http.post(f"{provider.issuer}/token", data={"client_secret": "proxied-s3cret"}, auth=("id", "proxied-s3cret"))
        assert http.get(provider.discovery_url).json_object() is not None
    assert [s.method for s in proxy.seen][:1] == ["CONNECT"]
    assert proxy.seen[0].path == f"127.0.0.1:{provider.port}"
    assert b"proxied-s3cret" not in proxy.relayed
    assert provider.seen[0].body.count(b"proxied-s3cret") == 1
