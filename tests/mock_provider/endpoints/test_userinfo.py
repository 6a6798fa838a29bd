"""Userinfo on its own host: GET with Bearer, a signed JWT body, 401 otherwise, POST refused [S31][S33]
(PROVIDER-FACTS §10 rules 5, 28-30)."""

from __future__ import annotations

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import KeySet

from mock_provider.faults import profile as fault_profile
from tests.mock_provider.mock_flow import CLIENT_ID, ISSUER, USERINFO, Flow


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_signed_jwt_for_a_user_token(http: httpx.Client, flow: Flow) -> None:
    response = http.get(USERINFO, headers=_bearer(flow.tokens()["access_token"]))
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/jwt"
    keys = KeySet.import_key_set(http.get(f"{ISSUER}/protocol/openid-connect/certs").json())
    claims = jwt.decode(response.text, keys, algorithms=["ES256"]).claims
    assert claims["iss"] == "https://userinfo.current.bankid.no"
    assert claims["aud"] == CLIENT_ID
    assert claims["name"] == "Kari Nordmann"


def test_no_token_is_401_json(http: httpx.Client) -> None:
    response = http.get(USERINFO)
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_token"


def test_garbage_and_client_credentials_tokens_are_401(http: httpx.Client, flow: Flow) -> None:
    assert http.get(USERINFO, headers=_bearer("garbage")).status_code == 401
    service = http.post(
        f"{ISSUER}/protocol/openid-connect/token",
        data={"grant_type": "client_credentials"},
        auth=(flow.client_id, flow.secret),
    ).json()["access_token"]
    assert http.get(USERINFO, headers=_bearer(service)).status_code == 401


def test_expired_token_is_401(http: httpx.Client, flow: Flow, clock: object) -> None:
    token = flow.tokens()["access_token"]
    clock.advance(301)  # type: ignore[attr-defined]
    assert http.get(USERINFO, headers=_bearer(token)).status_code == 401


def test_post_is_405(http: httpx.Client, flow: Flow) -> None:
    response = http.post(USERINFO, headers=_bearer(flow.tokens()["access_token"]))
    assert response.status_code == 405


def test_not_served_on_the_issuer_host(http: httpx.Client, flow: Flow) -> None:
    response = http.get("https://auth.current.bankid.no/userinfo", headers=_bearer(flow.tokens()["access_token"]))
    assert response.status_code == 404


def test_prod_token_is_refused_on_the_current_userinfo_host(http: httpx.Client, flow: Flow) -> None:
    token = flow.tokens()["access_token"]
    assert http.get("https://userinfo.bankid.no/userinfo", headers=_bearer(token)).status_code == 401


def _other_signature(token: str) -> str:
    """The same header and claims with a different (invalid) signature: a byte-for-byte different token."""
    head, _, signature = token.rpartition(".")
    flipped = ("B" if signature[0] == "A" else "A") + signature[1:]
    return f"{head}.{flipped}"


def test_a_token_that_differs_from_the_issued_one_only_in_its_signature_is_401(http: httpx.Client, flow: Flow) -> None:
    # Userinfo recognises a token it issued by its digest; any other bytes must go through verification.
    token = flow.tokens()["access_token"]
    assert http.get(USERINFO, headers=_bearer(_other_signature(token))).status_code == 401
    assert http.get(USERINFO, headers=_bearer(token)).status_code == 200


@pytest.mark.parametrize("faults", [fault_profile("unpublished-signing-key")])
def test_a_token_signed_with_an_unpublished_key_is_401_though_it_was_issued(http: httpx.Client, flow: Flow) -> None:
    assert http.get(USERINFO, headers=_bearer(flow.tokens()["access_token"])).status_code == 401
