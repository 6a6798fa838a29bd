"""The authorization URL builder: PKCE S256 per RFC 7636, and per-scenario parameter changes."""

from __future__ import annotations

import dataclasses
from urllib.parse import parse_qs, parse_qsl, urlsplit

from harness.rp.authorize import AuthorizationRequest, new_verifier, s256


def test_s256_matches_rfc7636_appendix_b() -> None:
    assert s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"


def test_verifier_is_within_the_rfc7636_length_window() -> None:
    assert 43 <= len(new_verifier()) <= 128


def test_url_carries_every_api_v4_parameter() -> None:
    request = AuthorizationRequest(client_id="c-bankid-current", redirect_uri="https://rp.example/cb")
    query = parse_qs(urlsplit(request.url("https://op.example/precheck/auth")).query)
    assert query["response_type"] == ["code"]
    assert query["code_challenge_method"] == ["S256"]
    assert query["code_challenge"] == [s256(request.code_verifier)]
    assert query["state"] == [request.state] and query["nonce"] == [request.nonce]


def test_with_params_replaces_and_removes() -> None:
    request = AuthorizationRequest(client_id="c", redirect_uri="https://rp.example/cb")
    changed = request.with_params(state=None, scope="profile")
    assert "state" not in changed.params()
    assert changed.params()["scope"] == "profile"
    assert changed.sent_state() is None and request.sent_state() == request.state


def test_with_a_request_object_the_url_carries_only_what_must_stay_outside_it() -> None:
    request = dataclasses.replace(
        AuthorizationRequest(client_id="c", redirect_uri="https://rp.example/cb", scope="openid"), request_object="JWE"
    )
    query = dict(parse_qsl(urlsplit(request.url("https://op.example/auth")).query))
    assert query == {"client_id": "c", "response_type": "code", "scope": "openid", "request": "JWE"}
    assert request.sent_state() == request.state  # the state travels inside the object
