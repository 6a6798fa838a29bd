"""The login page: BankID-style header, TestBank credentials, cancel and outcome switches [S56][S59][S60]
(PROVIDER-FACTS §10 rules 43, 49, 51, 52)."""

from __future__ import annotations

import dataclasses

import httpx
import pytest
from flask import Flask

from mock_provider.config import ClientConfig
from mock_provider.provider import EXTENSION
from tests.mock_provider.mock_flow import ISSUER, USER_NNIN, Flow, callback_params, claims_of

LOGIN = f"{ISSUER}/login-actions/authenticate"


def _set_user_outcome(app: Flask, outcome: str | None, codes: str | None = None) -> None:
    users = app.extensions[EXTENSION].users
    user = users.get(USER_NNIN)
    users.save(dataclasses.replace(user, outcome=outcome, error_codes=codes))


def test_page_shows_client_display_name_and_shared_merchant(http: httpx.Client, flow: Flow) -> None:
    page = http.get(flow.authorize().headers["Location"])
    assert page.status_code == 200
    assert page.headers["Content-Type"].startswith("text/html")
    assert 'id="client-display-name">Testbutikken AS<' in page.text
    assert 'id="merchant-name">BankID OIDC Shared Merchant<' in page.text
    for name in ('name="nnin"', 'name="otp"', 'name="password"', 'name="idp"', 'value="cancel"'):
        assert name in page.text


class TestDedicatedMerchantCertificate:
    @pytest.fixture
    def client_config(self, client_config: ClientConfig) -> ClientConfig:
        return dataclasses.replace(client_config, merchant_certificate_cn="Testbutikken Merchant CN")

    def test_page_shows_its_merchant_name(self, http: httpx.Client, flow: Flow) -> None:
        page = http.get(flow.authorize().headers["Location"])
        assert 'id="merchant-name">Testbutikken Merchant CN<' in page.text


class TestPageOfEachSession:
    """The page is rendered once per client and reused (``login._rendered``): each still carries its own session."""

    @pytest.fixture
    def client_config(self, client_config: ClientConfig) -> ClientConfig:
        return dataclasses.replace(client_config, display_name='Shop <session-slot> & "Co"')

    def test_each_page_has_its_own_session_and_the_name_escaped(self, http: httpx.Client, flow: Flow) -> None:
        first, second = flow.session(), flow.session()
        pages = [http.get(LOGIN, params={"session": handle}).text for handle in (first, second)]
        for handle, page in zip((first, second), pages, strict=True):
            assert f'name="session" value="{handle}"' in page
            assert page.count("<session-slot>") == 0
            assert 'id="client-display-name">Shop &lt;session-slot&gt; &amp; &#34;Co&#34;<' in page
        assert callback_params(flow.submit(second))["code"]
        assert callback_params(flow.submit(first))["code"]


def test_english_page_with_ui_locales_en(http: httpx.Client, flow: Flow) -> None:
    assert "Log in with BankID" in http.get(flow.authorize(ui_locales="en").headers["Location"]).text


def test_login_returns_code_and_same_state_only(flow: Flow) -> None:
    params = flow.login()
    assert set(params) == {"code", "state"}
    assert params["state"] == "state-123"


@pytest.mark.parametrize(
    "fields", [{"password": "qwert1234"}, {"otp": "123456"}, {"nnin": "27034698437"}, {"nnin": "01010112345"}]
)
def test_wrong_credentials_show_the_error_and_keep_the_session(flow: Flow, fields: dict[str, str]) -> None:
    session = flow.session()
    response = flow.submit(session, **fields)
    assert response.status_code == 200
    assert 'id="login-error"' in response.text
    assert callback_params(flow.submit(session))["code"]


def test_cancel_is_access_denied_with_bankid_codes_and_state(flow: Flow) -> None:
    params = flow.login(fields={"action": "cancel"})
    assert params == {
        "error": "access_denied",
        "error_description": "bankid_error_codes:C301",
        "state": "state-123",
    }


@pytest.mark.parametrize(
    ("outcome", "codes"), [("cancel", "C301"), ("timeout", "C302"), ("blocked_certificate", "C167")]
)
def test_outcome_per_request_header(flow: Flow, outcome: str, codes: str) -> None:
    session = flow.session(headers={"X-Mock-Outcome": outcome})
    params = callback_params(flow.submit(session))
    assert params["error"] == "access_denied"
    assert params["error_description"] == f"bankid_error_codes:{codes}"
    assert params["state"] == "state-123"


def test_outcome_per_form_field(flow: Flow) -> None:
    params = flow.login(fields={"outcome": "timeout"})
    assert params["error_description"] == "bankid_error_codes:C302"


def test_outcome_per_test_user_with_own_codes(app: Flask, flow: Flow) -> None:
    _set_user_outcome(app, "blocked_certificate", "C161")
    assert flow.login()["error_description"] == "bankid_error_codes:C161"


def test_user_outcome_needs_the_right_credentials_first(app: Flask, flow: Flow) -> None:
    _set_user_outcome(app, "cancel")
    assert 'id="login-error"' in flow.submit(flow.session(), password="wrong").text


def test_bis_for_a_client_without_bis_gives_bankid_high(flow: Flow) -> None:
    tokens = flow.tokens(acr_values="urn:bankid:bis")
    claims = claims_of(tokens["id_token"])
    assert claims["acr"] == "urn:bankid:bid;LOA=4"
    assert claims["amr"] == ["bid"]


def test_finished_session_cannot_be_used_again(flow: Flow) -> None:
    session = flow.session()
    assert callback_params(flow.submit(session))["code"]
    again = flow.submit(session)
    assert again.status_code == 400
    assert "Location" not in again.headers


def test_unknown_or_expired_session_is_an_error_page(http: httpx.Client, flow: Flow, clock: object) -> None:
    assert http.get(LOGIN, params={"session": "nope"}).status_code == 400
    session = flow.session()
    clock.advance(601)  # type: ignore[attr-defined]
    assert http.get(LOGIN, params={"session": session}).status_code == 400


def test_fragment_response_mode_delivers_the_code_in_the_fragment(flow: Flow) -> None:
    response = flow.submit(flow.session(response_mode="fragment"))
    assert "#code=" in response.headers["Location"]
    assert "?" not in response.headers["Location"]
