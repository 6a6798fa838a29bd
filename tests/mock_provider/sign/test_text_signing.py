"""Simple text signing on the mock [S63][S65]: the dialog shows the text, the ID token's ``sign_result`` holds
CMS signatures over exactly that text, and the documented length limits are enforced."""

from __future__ import annotations

import base64
import hashlib

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from harness.rp.cms import CmsError, verify_detached
from mock_provider.authorize.errors import RedirectError
from mock_provider.config import ClientConfig
from mock_provider.sign.text import MAX_BIM_CHARS, MAX_CHARS, parse_sign_text
from tests.mock_provider.mock_flow import CLIENT_ID, REDIRECT, SECRET, Flow, callback_params, claims_of

TEXT = "Jeg godkjenner avtalen – æøå ÆØÅ"


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


@pytest.fixture
def client_config() -> ClientConfig:
    return ClientConfig(
        client_id=CLIENT_ID,
        client_secret=SECRET,
        redirect_uris=(REDIRECT,),
        scopes=("openid", "profile", "sign"),
        merchant_certificate_cn="Testbutikken AS Signing",
    )


def test_the_dialog_shows_the_text_to_sign(flow: Flow, http: httpx.Client) -> None:
    session = flow.session(scope="openid sign", sign_txt=b64(TEXT))
    page = http.get(f"https://auth.current.bankid.no/auth/realms/current/login-actions/authenticate?session={session}")
    assert 'id="sign-text"' in page.text and TEXT in page.text


def test_the_id_token_carries_signatures_over_exactly_the_text(flow: Flow) -> None:
    claims = claims_of(flow.tokens(scope="openid sign", sign_txt=b64(TEXT))["id_token"])
    result = claims["sign_result"]
    assert result["hash"] == base64.b64encode(hashlib.sha256(TEXT.encode()).digest()).decode()
    end_user = verify_detached(base64.b64decode(result["endUser"]), TEXT.encode())
    merchant = verify_detached(base64.b64decode(result["merchant"]), TEXT.encode())
    assert "Testbutikken AS Signing" in merchant.subject and end_user.subject != merchant.subject
    assert end_user.root == merchant.root and len(end_user.chain) == 2
    with pytest.raises(CmsError, match="messageDigest"):
        verify_detached(base64.b64decode(result["endUser"]), (TEXT + ".").encode())


def test_a_plain_login_has_no_sign_result(flow: Flow) -> None:
    assert "sign_result" not in claims_of(flow.tokens(sign_txt=b64(TEXT))["id_token"])


@pytest.mark.parametrize(
    ("overrides", "description"),
    [
        ({"sign_txt": None}, "needs sign_txt"),
        ({"sign_txt": "not base64!"}, "base64"),
        ({"sign_txt": b64("x" * (MAX_CHARS + 1))}, "limit is 150"),
        ({"sign_txt": b64("x" * (MAX_BIM_CHARS + 1)), "login_hint": "BIM"}, "limit is 118"),
        ({"sign_id": "abc", "sign_txt": b64(TEXT)}, "sign_id"),
    ],
)
def test_bad_sign_requests_are_invalid_request(flow: Flow, overrides: dict[str, str | None], description: str) -> None:
    params = callback_params(flow.authorize(scope="openid sign", **overrides))
    assert params["error"] == "invalid_request" and description in params["error_description"]


def test_the_limits_are_inclusive() -> None:
    assert parse_sign_text(b64("x" * MAX_CHARS), idp="BID") == "x" * MAX_CHARS
    assert parse_sign_text(b64("x" * MAX_BIM_CHARS), idp="BIM") == "x" * MAX_BIM_CHARS


@given(st.text(max_size=200))
def test_any_sign_txt_is_decoded_or_refused_as_invalid_request(value: str) -> None:
    outcome: str | RedirectError
    try:
        outcome = parse_sign_text(value, idp="BID")
    except RedirectError as error:
        outcome = error
    if isinstance(outcome, RedirectError):
        assert outcome.error == "invalid_request"
    else:
        assert 0 < len(outcome) <= MAX_CHARS
