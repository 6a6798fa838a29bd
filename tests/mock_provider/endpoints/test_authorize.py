"""``GET {issuer}/precheck/auth``: page errors without redirect, 303 errors with state, API-v4 rules
[S15][S16][S50] (PROVIDER-FACTS §10 rules 31-38, 42)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.mock_provider.mock_flow import ISSUER, REDIRECT, Flow, callback_params, hidden_inputs


def _assert_page_error(response: httpx.Response) -> None:
    assert 400 <= response.status_code < 500
    assert "Location" not in response.headers
    assert response.headers["Content-Type"].startswith("text/html")


def test_valid_request_goes_to_the_login_page(flow: Flow) -> None:
    response = flow.authorize()
    assert response.status_code == 303
    location = urlsplit(response.headers["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"{ISSUER}/login-actions/authenticate"
    assert parse_qs(location.query)["session"]


def test_post_is_refused(http: httpx.Client, flow: Flow) -> None:
    response = http.post(f"{ISSUER}/precheck/auth", data=flow.params())
    assert response.status_code == 405
    assert "POST" not in response.headers["Allow"]


def test_unknown_client_gets_a_page_not_a_redirect(flow: Flow) -> None:
    _assert_page_error(flow.authorize(client_id="nobody-bankid-current"))


@pytest.mark.parametrize(
    "redirect_uri",
    [f"{REDIRECT}/", f"{REDIRECT}?extra=1", REDIRECT.upper(), "https://evil.example/callback", None, ""],
)
def test_redirect_uri_must_match_exactly(flow: Flow, redirect_uri: str | None) -> None:
    _assert_page_error(flow.authorize(redirect_uri=redirect_uri))


def test_registered_redirect_with_query_keeps_its_query(flow: Flow) -> None:
    response = flow.authorize(redirect_uri="https://rp.example.no/other?x=1", state=None)
    assert response.headers["Location"].startswith("https://rp.example.no/other?x=1&error=invalid_request")


def test_repeated_parameter_is_a_page_error(http: httpx.Client, flow: Flow) -> None:
    params = [*flow.params().items(), ("client_id", "other")]
    _assert_page_error(http.get(f"{ISSUER}/precheck/auth", params=params))


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"response_type": None}, "invalid_request"),
        ({"response_type": "token"}, "unsupported_response_type"),
        ({"response_type": "id_token"}, "unsupported_response_type"),
        ({"response_type": "code id_token"}, "unsupported_response_type"),
        ({"code_challenge": None}, "invalid_request"),
        ({"code_challenge_method": "plain"}, "invalid_request"),
        ({"code_challenge_method": None}, "invalid_request"),
        ({"code_challenge": "too-short"}, "invalid_request"),
        ({"nonce": None}, "invalid_request"),
        ({"scope": "profile"}, "invalid_scope"),
        ({"scope": "OPENID profile"}, "invalid_scope"),
        ({"login_hint": "BID:27034698436"}, "invalid_request"),
        ({"login_hint": ":27034698436"}, "invalid_request"),
        ({"api_version": "3"}, "invalid_request"),
        ({"api_version": "1"}, "invalid_request"),
        ({"api_version": "four"}, "invalid_request"),
        ({"authorization_details": '[{"type":"payment.v1","permission":"e30"}]'}, "invalid_request"),
        ({"prompt": "none"}, "login_required"),
        ({"prompt": "bogus"}, "invalid_request"),
        ({"response_mode": "web_message"}, "invalid_request"),
    ],
)
def test_v4_rule_violations_redirect_with_error_and_state(
    flow: Flow, overrides: dict[str, str | None], error: str
) -> None:
    params = callback_params(flow.authorize(**overrides))
    assert params["error"] == error
    assert params["error_description"]
    assert params["state"] == "state-123"
    assert "code" not in params


def test_missing_state_is_an_error_without_state(flow: Flow) -> None:
    params = callback_params(flow.authorize(state=None))
    assert params["error"] == "invalid_request"
    assert "state" not in params


def test_authorization_details_on_plain_authorize_is_never_reflected(flow: Flow) -> None:
    location = flow.authorize(authorization_details='[{"type":"payment.v1"}]').headers["Location"]
    assert "payment.v1" not in location


@pytest.mark.parametrize(
    "overrides",
    [
        {"acr_values": "urn:bankid:bis"},
        {"acr_values": "urn:bankid:bid urn:bankid:bis"},
        {"login_hint": "BID"},
        {"login_hint": "BIS"},
        {"ui_locales": "en"},
        {"ui_locales": "nb en"},
        {"prompt": "login"},
        {"api_version": "4"},
        {"response_mode": "fragment"},
        {"response_mode": "form_post"},
        {"scope": "openid profile nnin_altsub unknown/scope"},
    ],
)
def test_supported_parameters_are_accepted(flow: Flow, overrides: dict[str, str]) -> None:
    assert flow.authorize(**overrides).status_code == 303


def test_fragment_mode_puts_the_error_in_the_fragment(flow: Flow) -> None:
    location = urlsplit(flow.authorize(response_mode="fragment", nonce=None).headers["Location"])
    assert not location.query
    assert parse_qs(location.fragment)["error"] == ["invalid_request"]


def test_form_post_mode_posts_the_error(flow: Flow) -> None:
    response = flow.authorize(response_mode="form_post", nonce=None)
    assert response.status_code == 200
    assert f'action="{REDIRECT}"' in response.text
    fields = hidden_inputs(response.text)
    assert fields["error"] == "invalid_request"
    assert fields["state"] == "state-123"


def test_unknown_realm_is_not_found(http: httpx.Client, flow: Flow) -> None:
    response = http.get("/auth/realms/nope/precheck/auth", params=flow.params())
    assert response.status_code == 404
