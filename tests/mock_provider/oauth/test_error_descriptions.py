"""An error description that quotes request input is always sent (RFC 6749 §5.2's character set), never a 500:
the characters the RFC forbids are percent-encoded once, in the error type, for every route."""

from __future__ import annotations

import base64
from urllib.parse import quote, unquote

import httpx
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mock_provider.config import REALMS
from mock_provider.oauth.errors import InvalidRequestError, encodable
from tests.mock_provider.mock_flow import CLIENT_ID, SECRET

TOKEN = "/auth/realms/current/protocol/openid-connect/token"
BASIC = "Basic " + base64.b64encode(f"{CLIENT_ID}:{SECRET}".encode()).decode()
ALLOWED = {chr(c) for c in (*range(0x20, 0x22), *range(0x23, 0x5C), *range(0x5D, 0x7F))}


def assert_documented(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    description = str(response.json()["error_description"])
    assert set(description) <= ALLOWED, description
    return description


# Non-Latin-1 names are tested over real HTTP (served/test_served_errors.py): httpx's WSGI transport cannot
# carry them into PATH_INFO.
@pytest.mark.parametrize("realm", ['a"b', "a\\b", "line\nbreak", "tab\there"])
def test_an_unknown_realm_with_any_name_is_a_json_404(http: httpx.Client, realm: str) -> None:
    response = http.get(f"/auth/realms/{quote(realm, safe='')}/.well-known/openid-configuration")
    description = assert_documented(response, 404)
    assert realm in unquote(description)  # still says which realm, recoverably


@pytest.mark.parametrize("grant_type", ["é", 'x"y', "x\\y"])
def test_an_unknown_grant_type_with_any_characters_is_a_json_400(http: httpx.Client, grant_type: str) -> None:
    response = http.post(TOKEN, data={"grant_type": grant_type}, headers={"Authorization": BASIC})
    assert response.json()["error"] == "unsupported_grant_type"
    assert_documented(response, 400)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.characters(max_codepoint=127, exclude_characters="/"), min_size=1, max_size=20))
def test_any_realm_name_is_answered_with_an_encodable_404(http: httpx.Client, text: str) -> None:
    assume(text not in REALMS)  # "current" and "prod" exist: their discovery document is a 200
    response = http.get(f"/auth/realms/{quote(text, safe='')}/.well-known/openid-configuration")
    assert_documented(response, 404)


@given(text=st.text(max_size=50))
def test_every_description_is_encodable_and_keeps_its_allowed_characters(text: str) -> None:
    encoded = encodable(text) or ""
    assert set(encoded) <= ALLOWED
    assert InvalidRequestError(description=text).description == encoded
    if set(text) <= ALLOWED:
        assert encoded == text  # nothing changes in a description that was already valid
    if "%" not in text:
        assert unquote(encoded) == text  # and nothing is lost
