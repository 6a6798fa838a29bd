"""The relying party chooses PAR from the provider's discovery alone (RFC 9126 §5): a provider that publishes
``require_pushed_authorization_requests: true`` gets every request pushed with the client's credentials and an
authorize URL with only ``client_id`` and ``request_uri``; any other provider gets the plain URL. Real HTTP to
the mock (both ways through its par-required quirk) and to discovery documents the test writes itself."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from harness.evidence import Evidence
from harness.http import HttpSession, wsgi_transport
from harness.rp.authorize import AuthorizationRequest
from harness.rp.discovery import Discovery, discover
from harness.rp.front_channel import authorization_url, first_answer, plain_only, requires_par
from harness.rules.errors import Inconclusive, NotApplicable
from harness.secret import Secret
from harness.target import ClientCredentials
from mock_provider import Config, create_app
from mock_provider.config import Quirks
from tests.conftest import CLIENT_ID, CLIENT_SECRET, ISSUER, REDIRECT_URI, FakeClock, make_client

DISCOVERY = f"{ISSUER}/.well-known/openid-configuration"
PAR_ENDPOINT = f"{ISSUER}/protocol/openid-connect/ext/par/request"
CLIENT = ClientCredentials(client_id=CLIENT_ID, secret=Secret(CLIENT_SECRET), redirect_uri=REDIRECT_URI)


def _mock(clock: FakeClock, *, par_required: bool) -> tuple[HttpSession, Evidence, Discovery]:
    quirks = Quirks(require_pushed_authorization_requests=par_required)
    app = create_app(Config(clients=(make_client(),), clock=clock, quirks=quirks))
    evidence = Evidence()
    http = HttpSession(transport=wsgi_transport(app), verify=True, evidence=evidence)
    return http, evidence, discover(http, DISCOVERY)


def _request(**changes: str | None) -> AuthorizationRequest:
    return AuthorizationRequest(client_id=CLIENT_ID, redirect_uri=REDIRECT_URI).with_params(**changes)


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


@pytest.mark.parametrize("par_required", [False, True])
def test_the_login_url_follows_discovery(clock: FakeClock, par_required: bool) -> None:
    http, evidence, discovery = _mock(clock, par_required=par_required)
    url = authorization_url(http, discovery, _request(), CLIENT)
    pushed = [e for e in evidence.exchanges if e.url == PAR_ENDPOINT]
    if par_required:
        assert set(_query(url)) == {"client_id", "request_uri"}
        assert len(pushed) == 1 and pushed[0].status == 201
        assert "code_challenge=" in pushed[0].request_body  # the parameters went over the back channel
    else:
        assert {"response_type", "code_challenge", "state", "nonce"} <= set(_query(url))
        assert pushed == []
    # Either way the provider sends the browser on toward its login dialog, not back with an error.
    reply = http.get(url)
    assert reply.status in (302, 303) and "login-actions/authenticate" in (reply.location or "")


def test_a_request_the_par_endpoint_refuses_is_that_refusal(clock: FakeClock) -> None:
    http, evidence, discovery = _mock(clock, par_required=True)
    reply = first_answer(http, discovery, _request(code_challenge=None), CLIENT)
    assert (reply.status, (reply.json_object() or {}).get("error")) == (400, "invalid_request")
    assert [e.url for e in evidence.exchanges][-1] == PAR_ENDPOINT  # nothing reached the authorize endpoint
    with pytest.raises(Inconclusive, match="refused the pushed request"):
        authorization_url(http, discovery, _request(code_challenge=None), CLIENT)


def test_without_credentials_a_required_push_is_inconclusive(clock: FakeClock) -> None:
    http, evidence, discovery = _mock(clock, par_required=True)
    before = len(evidence.exchanges)
    with pytest.raises(Inconclusive, match="no credentials"):
        first_answer(http, discovery, _request(), None)
    assert len(evidence.exchanges) == before  # nothing was sent


@pytest.mark.parametrize("par_required", [False, True])
def test_a_plain_url_only_rule_is_not_applicable_where_par_is_required(clock: FakeClock, par_required: bool) -> None:
    _, _, discovery = _mock(clock, par_required=par_required)
    if par_required:
        with pytest.raises(NotApplicable, match="require_pushed_authorization_requests"):
            plain_only(discovery, "a clear nnin")
    else:
        plain_only(discovery, "a clear nnin")


def _foreign(document: dict[str, Any]) -> tuple[HttpSession, Evidence, Discovery]:
    """A provider this project did not write: it publishes ``document`` and answers every other path 404."""

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        found = environ["PATH_INFO"].endswith("openid-configuration")
        body = json.dumps(document if found else {"error": "not_found"}).encode()
        start_response("200 OK" if found else "404 Not Found", [("Content-Type", "application/json")])
        return [body]

    evidence = Evidence()
    http = HttpSession(transport=wsgi_transport(app), verify=True, evidence=evidence)
    return http, evidence, discover(http, "https://op.example/.well-known/openid-configuration")


FOREIGN = {
    "authorization_endpoint": "https://op.example/authorize?realm=x",
    "pushed_authorization_request_endpoint": "https://op.example/par",
}


@pytest.mark.parametrize("value", [False, "true", 1, None, "absent"])
def test_only_the_boolean_true_requires_par(value: object) -> None:
    document = dict(FOREIGN) if value == "absent" else {**FOREIGN, "require_pushed_authorization_requests": value}
    http, evidence, discovery = _foreign(document)
    url = authorization_url(http, discovery, _request(), CLIENT)
    assert url.startswith("https://op.example/authorize?realm=x&") and "code_challenge" in _query(url)
    assert [e.url for e in evidence.exchanges] == ["https://op.example/.well-known/openid-configuration"]


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(), lambda inner: st.lists(inner), max_leaves=5)


@given(JSON)
def test_requires_par_is_exactly_the_boolean_true(value: object) -> None:
    """Whatever a provider publishes there, only JSON ``true`` makes the RP push (RFC 9126 §5)."""
    _, _, discovery = _foreign({**FOREIGN, "require_pushed_authorization_requests": value})
    assert requires_par(discovery) is (value is True)


def test_a_foreign_provider_requiring_par_gets_the_push() -> None:
    """The decision is the document's, not the target's: a provider this project did not write gets the push
    too, at the endpoint it publishes (here it answers 404, so there is no login to judge)."""
    http, evidence, discovery = _foreign({**FOREIGN, "require_pushed_authorization_requests": True})
    with pytest.raises(Inconclusive, match="HTTP 404"):
        authorization_url(http, discovery, _request(), CLIENT)
    assert [(e.method, e.url) for e in evidence.exchanges][-1] == ("POST", "https://op.example/par")
