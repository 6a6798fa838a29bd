"""Arbitrary authorize parameters never produce a 500 and never redirect to an untrusted URI."""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.mock_provider.mock_flow import CLIENT_ID, ISSUER, REDIRECT

NAMES = [
    "client_id",
    "redirect_uri",
    "response_type",
    "scope",
    "state",
    "nonce",
    "code_challenge",
    "code_challenge_method",
    "login_hint",
    "acr_values",
    "ui_locales",
    "prompt",
    "response_mode",
    "api_version",
    "request",
    "request_uri",
    "authorization_details",
    "max_age",
    "id_token_hint",
    "x",
]
VALUES = st.one_of(
    st.sampled_from([CLIENT_ID, REDIRECT, "code", "openid", "S256", "BID:27034698436", "[]", "{}", "a.b.c"]),
    st.text(max_size=60),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=st.dictionaries(st.sampled_from(NAMES), VALUES, max_size=12))
def test_arbitrary_parameters_never_500(http: httpx.Client, params: dict[str, str]) -> None:
    response = http.get(f"{ISSUER}/precheck/auth", params=params)
    assert response.status_code < 500
    location = response.headers.get("Location")
    if location is not None:
        target = urlsplit(location)
        trusted = (REDIRECT, f"{ISSUER}/login-actions/authenticate")
        assert f"{target.scheme}://{target.netloc}{target.path}" in trusted
