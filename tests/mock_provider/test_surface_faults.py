"""Every provider-surface fault profile changes exactly the behaviour its §10 rule checks, and the same
check passes on a conformant mock (so a harness rule that catches it can be proven to work)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import httpx
import pytest

from mock_provider.config import ClientConfig
from mock_provider.faults import PROFILES, profile
from mock_provider.hooks import FaultProfile
from tests.mock_provider.mock_flow import ISSUER, REDIRECT, SECRET, USERINFO, Flow, claims_of

PAR = f"{ISSUER}/protocol/openid-connect/ext/par/request"
INTROSPECT = f"{ISSUER}/protocol/openid-connect/token/introspect"


def _plain_pkce(flow: Flow) -> bool:
    response = flow.authorize(code_challenge_method="plain", code_challenge=flow.verifier)
    return "/login-actions/authenticate" in response.headers["Location"]


def _unregistered_redirect(flow: Flow) -> bool:
    return flow.authorize(redirect_uri="https://evil.example/cb", nonce=None).status_code == 303


def _rar_on_authorize(flow: Flow) -> bool:
    return "error" not in flow.authorize(authorization_details='[{"type":"x"}]').headers["Location"]


def _cancel_state(flow: Flow) -> bool:
    return "state" not in flow.login(fields={"action": "cancel"})


def _code_reuse(flow: Flow) -> bool:
    code = flow.code()
    return flow.token(code).status_code == 200 and flow.token(code).status_code == 200


def _pkce_skipped(flow: Flow) -> bool:
    return flow.token(flow.code(), code_verifier="wrong-" + "z" * 50).status_code == 200


def _id_token(check: Callable[[dict[str, object]], bool]) -> Callable[[Flow], bool]:
    return lambda flow: check(claims_of(flow.tokens(scope="openid")["id_token"]))


def _userinfo_json(flow: Flow) -> bool:
    headers = {"Authorization": f"Bearer {flow.tokens()['access_token']}"}
    return flow.http.get(USERINFO, headers=headers).headers["Content-Type"] == "application/json"


def _userinfo_post(flow: Flow) -> bool:
    headers = {"Authorization": f"Bearer {flow.tokens()['access_token']}"}
    return flow.http.post(USERINFO, headers=headers).status_code == 200


def _introspect_400(flow: Flow) -> bool:
    data = {"token": "garbage", "token_type_hint": "bid_access_token"}
    return flow.http.post(INTROSPECT, data=data, auth=(flow.client_id, flow.secret)).status_code == 400


def _par_200(flow: Flow) -> bool:
    return flow.http.post(PAR, data=flow.params(), auth=(flow.client_id, flow.secret)).status_code == 200


def _par_open(flow: Flow) -> bool:
    return flow.http.post(PAR, data=flow.params()).status_code == 201


def _proceeds(response: httpx.Response) -> bool:
    return response.status_code == 303 and "/login-actions/authenticate" in response.headers["Location"]


def _unknown_client(flow: Flow) -> bool:
    response = flow.authorize(client_id="nobody-bankid-current")
    return response.headers.get("Location", "").startswith(flow.redirect_uri)


def _post(flow: Flow) -> bool:
    return _proceeds(flow.http.post(f"{ISSUER}/precheck/auth", data=flow.params()))


def _implicit_token(flow: Flow) -> bool:
    return "access_token=" in flow.authorize(response_type="token").headers["Location"]


def _dialog(flow: Flow) -> str:
    location = flow.authorize().headers["Location"]
    return flow.http.get(location).text


# A second client the other way round from the flow's: BIS enabled, not eligible for nnin_altsub.
SECOND = ClientConfig(
    client_id="rp-bis-bankid-current",
    client_secret=SECRET,
    redirect_uris=(REDIRECT,),
    scopes=("openid", "nnin_altsub"),
    bis_enabled=True,
)


@pytest.fixture
def extra_clients() -> tuple[ClientConfig, ...]:
    return (SECOND,)


def _second(flow: Flow) -> Flow:
    return dataclasses.replace(flow, client_id=SECOND.client_id)


def _bis_acr(flow: Flow) -> str:
    response = flow.token(flow.login(fields={"idp": "BIS"})["code"])
    return str(claims_of(response.json()["id_token"])["acr"])


CHECKS: dict[str, Callable[[Flow], bool]] = {
    "bis-for-every-client": lambda flow: "bis" in _bis_acr(flow),
    "bis-ignored": lambda flow: "bid" in _bis_acr(_second(flow)),
    "nnin-altsub-ignores-eligibility": lambda flow: (
        "nnin_altsub" in claims_of(_second(flow).tokens(scope="openid nnin_altsub")["id_token"])
    ),
    "authorize-unknown-client-redirect": _unknown_client,
    "authorize-post": _post,
    "authorize-implicit-token": _implicit_token,
    "authorize-optional-state-nonce": lambda flow: _proceeds(flow.authorize(state=None, nonce=None)),
    "authorize-optional-openid": lambda flow: _proceeds(flow.authorize(scope="profile")),
    "authorize-clear-nnin-hint": lambda flow: _proceeds(flow.authorize(login_hint="BID:07025312345")),
    "authorize-refuses-bid": lambda flow: not _proceeds(flow.authorize()),
    "authorize-old-api-version": lambda flow: _proceeds(flow.authorize(api_version="1")),
    "callback-leaks-nnin": lambda flow: "nnin" in flow.login(),
    "callback-other-state": lambda flow: flow.login()["state"] != "state-123",
    "login-hides-display-name": lambda flow: "Testbutikken AS" not in _dialog(flow),
    "authorize-plain-pkce": _plain_pkce,
    "authorize-unregistered-redirect": _unregistered_redirect,
    "authorize-authorization-details": _rar_on_authorize,
    "cancel-drops-state": _cancel_state,
    "code-reusable": _code_reuse,
    "pkce-not-verified": _pkce_skipped,
    "id-token-long-lived": _id_token(lambda c: c["exp"] - c["iat"] != 300),  # type: ignore[operator]
    "id-token-tid": _id_token(lambda c: "tid" in c and "additionalCertInfo" in c),
    "id-token-string-amr": _id_token(lambda c: isinstance(c["amr"], str)),
    "id-token-profile-without-scope": _id_token(lambda c: "name" in c),
    "userinfo-json": _userinfo_json,
    "userinfo-post": _userinfo_post,
    "introspect-garbage-400": _introspect_400,
    "par-200": _par_200,
    "par-without-client-auth": _par_open,
}


def test_every_checked_profile_is_registered() -> None:
    assert set(CHECKS) <= set(PROFILES)


@pytest.fixture(params=sorted(CHECKS))
def name(request: pytest.FixtureRequest) -> str:
    return str(request.param)


class TestConformant:
    def test_the_check_does_not_fire(self, flow: Flow, name: str) -> None:
        assert not CHECKS[name](flow)


class TestFaulty:
    @pytest.fixture
    def faults(self, name: str) -> FaultProfile:
        return profile(name)

    def test_the_check_fires(self, flow: Flow, name: str) -> None:
        assert CHECKS[name](flow)
