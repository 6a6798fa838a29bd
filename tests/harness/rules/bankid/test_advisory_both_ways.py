"""Each advisory part of a split rule, judged on the mock with its quirk at both values (``--mock-quirk``):
the default passes, the other documented value warns, and the MUST part passes either way. So a live
provider that behaves either way is reported honestly, and the advisory rule is shown able to warn."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import httpx
import pytest

from harness.http import Reply
from harness.rules import Outcome, Verdict, collecting
from harness.rules.bankid import authorization, discovery, par
from mock_provider import Config, create_app
from mock_provider.quirks import choose
from tests.conftest import CLIENT_ID, REDIRECT_URI, make_client

REALM = "/auth/realms/current"


@contextmanager
def mock(quirk: str | None) -> Iterator[httpx.Client]:
    config = Config(clients=(make_client(),), quirks=choose([quirk] if quirk else []))
    transport = httpx.WSGITransport(app=create_app(config))
    with httpx.Client(transport=transport, base_url="https://auth.current.bankid.no") as client:
        yield client


def reply(answer: httpx.Response) -> Reply:
    return Reply(answer.status_code, dict(answer.headers), answer.content, str(answer.url))


def document(client: httpx.Client) -> Reply:
    return reply(client.get(f"{REALM}/.well-known/openid-configuration"))


def unknown_client(client: httpx.Client) -> Reply:
    params = {"client_id": "nobody-bankid-current", "redirect_uri": REDIRECT_URI, "response_type": "code"}
    return reply(client.get(f"{REALM}/precheck/auth", params=params))


def other_redirect(client: httpx.Client) -> Reply:
    params = {"client_id": CLIENT_ID, "redirect_uri": f"{REDIRECT_URI}/", "response_type": "code"}
    return reply(client.get(f"{REALM}/precheck/auth", params=params))


def anonymous_par(client: httpx.Client) -> Reply:
    body = {"client_id": CLIENT_ID, "redirect_uri": REDIRECT_URI, "response_type": "code", "scope": "openid"}
    return reply(client.post(f"{REALM}/protocol/openid-connect/ext/par/request", data=body))


Fetch = Callable[[httpx.Client], Reply]
Judge = Callable[[Reply], Verdict]
CASES: list[tuple[str, Fetch, Judge, Judge]] = [
    (
        "response-types=keycloak",
        document,
        lambda r: discovery.code_flow(r.json()),
        lambda r: discovery.no_implicit(r.json()),
    ),
    (
        "jwt-client-auth=per-client",
        document,
        lambda r: discovery.auth_methods(r.json()),
        lambda r: discovery.jwt_auth_advertised(r.json()),
    ),
    (
        "bis-acr=login-hint-only",
        document,
        lambda r: discovery.acr_values(r.json()),
        lambda r: discovery.acr_values_bankid(r.json()),
    ),
    (
        "pkce-methods=plain,S256",
        document,
        lambda r: discovery.pkce_s256(r.json()),
        lambda r: discovery.pkce_only_s256(r.json()),
    ),
    (
        "untrusted-client-page=200",
        unknown_client,
        lambda r: authorization.unknown_client(r, r, REDIRECT_URI),
        lambda r: authorization.unknown_client_status(r, REDIRECT_URI),
    ),
    (
        "untrusted-client-page=200",
        other_redirect,
        lambda r: authorization.unregistered_redirect(r, r, f"{REDIRECT_URI}/"),
        lambda r: authorization.unregistered_redirect_status(r, f"{REDIRECT_URI}/"),
    ),
    ("client-auth-status=400", anonymous_par, par.unauthenticated, par.unauthenticated_exactly),
]


@pytest.mark.parametrize(("quirk", "fetch", "must", "advisory"), CASES)
def test_the_advisory_part_shows_both_values_and_the_must_part_holds(
    quirk: str, fetch: Fetch, must: Judge, advisory: Judge
) -> None:
    for chosen, advice in ((None, Outcome.PASSED), (quirk, Outcome.WARNING)):
        with mock(chosen) as client, collecting() as verdicts:
            answer = fetch(client)
            must(answer)
            advisory(answer)
        assert [v.outcome for v in verdicts] == [Outcome.PASSED, advice], (chosen, verdicts)
