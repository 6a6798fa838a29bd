"""The mock advertises exactly what it does: every discovery key, every listed value and every scope is backed by
a behaviour that this test exercises (what the non-default quirks add is walked in ``test_quirks.py``). A key
the walk does not know fails the test, so nothing new is advertised without the behaviour behind it.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable
from types import MappingProxyType
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from joserfc import jwe, jws, jwt
from joserfc.jwk import ECKey, OctKey, RSAKey

from mock_provider.config import ClientConfig
from tests.conftest import FakeClock
from tests.mock_provider.mock_flow import ISSUER, Flow, callback_params, claims_of

DISCOVERY = f"{ISSUER}/.well-known/openid-configuration"
ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
EC_KEY = ECKey.generate_key("P-256", parameters={"kid": "walk-ec"})
RSA_KEY = RSAKey.generate_key(2048, parameters={"kid": "walk-rsa"})
BIS_CLIENT = "walk-bis-bankid-current"
Document = dict[str, Any]
Walk = Callable[[Flow, Document, FakeClock], None]


@pytest.fixture
def client_config(client_config: ClientConfig) -> ClientConfig:
    keys = {"keys": [EC_KEY.as_dict(private=False), RSA_KEY.as_dict(private=False)]}
    methods = ("client_secret_basic", "client_secret_post", "private_key_jwt", "client_secret_jwt")
    scopes = (*client_config.scopes, "signdoc/read_write", "sign")
    return dataclasses.replace(
        client_config, jwks=MappingProxyType(keys), token_endpoint_auth_methods=methods, scopes=scopes
    )


@pytest.fixture
def extra_clients(client_config: ClientConfig) -> tuple[ClientConfig, ...]:
    return (dataclasses.replace(client_config, client_id=BIS_CLIENT, bis_enabled=True),)


def _endpoint(document: Document, key: str) -> str:
    return str(document[key])


def _assertion(flow: Flow, audience: str, alg: str, now: float) -> dict[str, str]:
    key: ECKey | RSAKey | OctKey = {"ES256": EC_KEY, "HS256": OctKey.import_key(flow.secret)}.get(alg, RSA_KEY)
    claims = {"iss": flow.client_id, "sub": flow.client_id, "aud": audience, "jti": str(uuid.uuid4())}
    claims.update(iat=int(now), exp=int(now) + 30)
    header = {"alg": alg, **({} if alg == "HS256" else {"kid": str(key.kid)})}
    return {
        "client_assertion_type": ASSERTION_TYPE,
        "client_assertion": jwt.encode(header, claims, key, algorithms=[alg]),
    }


def _client_auth(flow: Flow, method: str, audience: str, alg: str, now: float) -> dict[str, Any]:
    if method == "client_secret_basic":
        return {"auth": (flow.client_id, flow.secret), "data": {}}
    if method == "client_secret_post":
        return {"data": {"client_id": flow.client_id, "client_secret": flow.secret}}
    return {"data": _assertion(flow, audience, "HS256" if method == "client_secret_jwt" else alg, now)}


def _post(
    flow: Flow, url: str, data: dict[str, str], method: str = "client_secret_basic", alg: str = "ES256", now: float = 0
) -> Any:
    auth = _client_auth(flow, method, url, alg, now)
    return flow.http.post(url, data={**data, **auth["data"]}, auth=auth.get("auth"))


def _login_url(response: httpx.Response) -> bool:
    return response.status_code == 303 and "login-actions/authenticate" in response.headers["Location"]


# --- one walk per key ------------------------------------------------------------------------------------------


def walk_issuer(flow: Flow, document: Document, clock: FakeClock) -> None:
    assert claims_of(flow.tokens()["id_token"])["iss"] == document["issuer"] == ISSUER


def walk_authorization_endpoint(flow: Flow, document: Document, clock: FakeClock) -> None:
    assert _login_url(flow.http.get(_endpoint(document, "authorization_endpoint"), params=flow.params()))


def walk_token_endpoint(flow: Flow, document: Document, clock: FakeClock) -> None:
    reply = _post(flow, _endpoint(document, "token_endpoint"), {"grant_type": "client_credentials"})
    assert reply.status_code == 200


def _introspects(key: str) -> Walk:
    def walk(flow: Flow, document: Document, clock: FakeClock) -> None:
        token = flow.tokens()["access_token"]
        body = _post(flow, _endpoint(document, key), {"token": token, "token_type_hint": "bid_access_token"}).json()
        assert body["active"] is True

    return walk


def walk_userinfo_endpoint(flow: Flow, document: Document, clock: FakeClock) -> None:
    token = flow.tokens()["access_token"]
    reply = flow.http.get(_endpoint(document, "userinfo_endpoint"), headers={"Authorization": f"Bearer {token}"})
    assert (reply.status_code, reply.headers["content-type"]) == (200, "application/jwt")


def walk_end_session_endpoint(flow: Flow, document: Document, clock: FakeClock) -> None:
    hint = flow.tokens()["id_token"]
    reply = flow.http.get(_endpoint(document, "end_session_endpoint"), params={"id_token_hint": hint})
    assert reply.status_code == 200


def _jwks(key: str, uses: set[str]) -> Walk:
    def walk(flow: Flow, document: Document, clock: FakeClock) -> None:
        keys = flow.http.get(_endpoint(document, key)).json()["keys"]
        assert {k["use"] for k in keys} == uses

    return walk


def walk_par(flow: Flow, document: Document, clock: FakeClock) -> None:
    pushed = _post(flow, _endpoint(document, "pushed_authorization_request_endpoint"), flow.params()).json()
    reply = flow.http.get(document["authorization_endpoint"], params={"client_id": flow.client_id, **pushed})
    assert _login_url(reply)


def walk_require_par(flow: Flow, document: Document, clock: FakeClock) -> None:
    assert _login_url(flow.authorize()) is not document["require_pushed_authorization_requests"]


def walk_grant_types(flow: Flow, document: Document, clock: FakeClock) -> None:
    tokens = flow.tokens()  # authorization_code
    grants = {
        "authorization_code": tokens["id_token"],
        "refresh_token": _post(flow, document["token_endpoint"], {"grant_type": "refresh_token", **tokens}),
        "client_credentials": _post(flow, document["token_endpoint"], {"grant_type": "client_credentials"}),
    }
    assert set(document["grant_types_supported"]) == set(grants)
    assert all(r.status_code == 200 for r in grants.values() if isinstance(r, httpx.Response))


def walk_response_types(flow: Flow, document: Document, clock: FakeClock) -> None:
    assert document["response_types_supported"] == ["code"]
    assert "code" in flow.login()


def walk_response_modes(flow: Flow, document: Document, clock: FakeClock) -> None:
    for mode in document["response_modes_supported"]:
        reply = flow.submit(flow.session(response_mode=mode))
        carried = reply.text if mode == "form_post" else reply.headers["Location"]
        assert "code" in carried and "state-123" in carried, mode


def walk_subject_types(flow: Flow, document: Document, clock: FakeClock) -> None:
    assert document["subject_types_supported"] == ["public"]
    subjects = {claims_of(flow.tokens()["id_token"])["sub"] for _ in range(2)}
    assert len(subjects) == 1  # the same user, the same sub for this client


def _signed_with(document_key: str, fetch: Callable[[Flow], str]) -> Walk:
    def walk(flow: Flow, document: Document, clock: FakeClock) -> None:
        alg = jws.extract_compact(fetch(flow).encode()).headers()["alg"]
        assert document[document_key] == [alg]

    return walk


def _userinfo_jwt(flow: Flow) -> str:
    token = flow.tokens()["access_token"]
    return flow.http.get(
        "https://userinfo.current.bankid.no/userinfo", headers={"Authorization": f"Bearer {token}"}
    ).text


def walk_request_object_algs(flow: Flow, document: Document, clock: FakeClock) -> None:
    for alg in document["request_object_signing_alg_values_supported"]:
        key = EC_KEY if alg == "ES256" else RSA_KEY
        claims = {**flow.params(), "iss": flow.client_id, "aud": ISSUER}
        request = jwt.encode({"alg": alg, "kid": str(key.kid)}, claims, key, algorithms=[alg])
        reply = flow.http.get(
            document["authorization_endpoint"],
            params={"client_id": flow.client_id, "response_type": "code", "request": request},
        )
        assert _login_url(reply), alg


def walk_request_object_encryption(flow: Flow, document: Document, clock: FakeClock) -> None:
    """Every advertised alg x enc pair decrypts: a signed request object encrypted to the realm's RSA enc key."""
    jwk = next(k for k in flow.http.get(document["jwks_uri"]).json()["keys"] if k["use"] == "enc" and k["kty"] == "RSA")
    realm_key = RSAKey.import_key(jwk)
    claims = {**flow.params(), "iss": flow.client_id, "aud": ISSUER}
    signed = jwt.encode({"alg": "ES256", "kid": str(EC_KEY.kid)}, claims, EC_KEY)
    algs = document["request_object_encryption_alg_values_supported"]
    encs = document["request_object_encryption_enc_values_supported"]
    for alg in algs:
        for enc in encs:
            header = {"alg": alg, "enc": enc, "kid": jwk["kid"], "cty": "JWT"}
            request = jwe.encrypt_compact(header, signed.encode(), realm_key, algorithms=[alg, enc])
            params = {"client_id": flow.client_id, "response_type": "code", "request": request}
            assert _login_url(flow.http.get(document["authorization_endpoint"], params=params)), (alg, enc)


def walk_auth_methods(key: str, url_key: str, data: Callable[[Flow], dict[str, str]]) -> Walk:
    def walk(flow: Flow, document: Document, clock: FakeClock) -> None:
        for method in document[key]:
            reply = _post(flow, document[url_key], data(flow), method, now=clock.now)
            assert reply.status_code == 200, (method, reply.text)

    return walk


def walk_auth_signing_algs(flow: Flow, document: Document, clock: FakeClock) -> None:
    for alg in document["token_endpoint_auth_signing_alg_values_supported"]:
        method = "client_secret_jwt" if alg == "HS256" else "private_key_jwt"
        reply = _post(flow, document["token_endpoint"], {"grant_type": "client_credentials"}, method, alg, clock.now)
        assert reply.status_code == 200, (alg, reply.text)


def walk_pkce_methods(flow: Flow, document: Document, clock: FakeClock) -> None:
    for method in document["code_challenge_methods_supported"]:
        challenge = flow.params()["code_challenge"] if method == "S256" else flow.verifier
        code = flow.code(code_challenge=challenge, code_challenge_method=method)
        assert flow.token(code).status_code == 200, method


def walk_acr_values(flow: Flow, document: Document, clock: FakeClock) -> None:
    bis_flow = Flow(flow.http, client_id=BIS_CLIENT)
    for acr in document["acr_values_supported"]:
        claims = claims_of(bis_flow.tokens(acr_values=acr)["id_token"])
        assert claims["acr"].startswith(f"{acr};LOA="), acr


def walk_scopes(flow: Flow, document: Document, clock: FakeClock) -> None:
    scoped = {
        "openid": lambda: "sub" in claims_of(flow.tokens(scope="openid")["id_token"]),
        "profile": lambda: "name" in claims_of(flow.tokens(scope="openid profile")["id_token"]),
        "nnin_altsub": lambda: "nnin_altsub" in claims_of(flow.tokens(scope="openid nnin_altsub")["id_token"]),
        "nnin": lambda: "nnin" in claims_of(_userinfo_with(flow, "openid nnin")),
        "signdoc/read_write": lambda: _client_credentials_scope(flow, document, "signdoc/read_write"),
        # Simple text signing [S63]: the ID token carries the signed result.
        "sign": lambda: "sign_result" in claims_of(flow.tokens(scope="openid sign", sign_txt="VGVzdA")["id_token"]),
    }
    assert set(document["scopes_supported"]) == set(scoped)
    for scope, shown in scoped.items():
        assert shown(), scope


def _userinfo_with(flow: Flow, scope: str) -> str:
    token = flow.tokens(scope=scope)["access_token"]
    return flow.http.get(
        "https://userinfo.current.bankid.no/userinfo", headers={"Authorization": f"Bearer {token}"}
    ).text


def _client_credentials_scope(flow: Flow, document: Document, scope: str) -> bool:
    reply = _post(flow, document["token_endpoint"], {"grant_type": "client_credentials", "scope": scope})
    return scope in claims_of(reply.json()["access_token"])["scope"].split()


def walk_claims(flow: Flow, document: Document, clock: FakeClock) -> None:
    seen: set[str] = set()
    seen |= set(claims_of(flow.tokens(scope="openid profile nnin_altsub", max_age="60")["id_token"]))
    seen |= set(claims_of(_userinfo_with(flow, "openid nnin")))
    seen |= set(claims_of(flow.tokens(scope="openid sign", sign_txt="VGVzdA")["id_token"]))
    seen.add("permission_digest") if _par_with_details(flow, document) else None
    assert set(document["claims_supported"]) <= seen, set(document["claims_supported"]) - seen


def _par_with_details(flow: Flow, document: Document) -> bool:
    details = '[{"type": "payment.v1", "permission": "UGF5"}]'
    pushed = _post(flow, document["pushed_authorization_request_endpoint"], flow.params(authorization_details=details))
    reply = flow.http.get(document["authorization_endpoint"], params={"client_id": flow.client_id, **pushed.json()})
    session = parse_qs(urlsplit(reply.headers["Location"]).query)["session"][0]
    code = callback_params(flow.submit(session))["code"]
    return "permission_digest" in claims_of(flow.token(code).json()["id_token"])


def walk_ui_locales(flow: Flow, document: Document, clock: FakeClock) -> None:
    titles = set()
    for locale in document["ui_locales_supported"]:
        session = flow.session(ui_locales=locale)
        page = flow.http.get(f"{ISSUER}/login-actions/authenticate", params={"session": session}).text
        titles.add(page.split("<h1", 1)[1].split("</h1>")[0])
    assert len(titles) == len(document["ui_locales_supported"])


def walk_false(key: str) -> Walk:
    """A feature advertised as absent: nothing to exercise, but it must say ``false``."""

    def walk(flow: Flow, document: Document, clock: FakeClock) -> None:
        assert document[key] is False

    return walk


def walk_true_request(flow: Flow, document: Document, clock: FakeClock) -> None:
    assert document["request_parameter_supported"] is document["request_uri_parameter_supported"] is True
    walk_request_object_algs(flow, document, clock)
    walk_par(flow, document, clock)


def walk_release(flow: Flow, document: Document, clock: FakeClock) -> None:
    assert isinstance(document["release"], str) and document["release"]


def _cc(flow: Flow) -> dict[str, str]:
    return {"grant_type": "client_credentials"}


def _garbage(flow: Flow) -> dict[str, str]:
    return {"token": "garbage", "token_type_hint": "bid_access_token"}


WALKS: dict[str, Walk] = {
    "issuer": walk_issuer,
    "authorization_endpoint": walk_authorization_endpoint,
    "token_endpoint": walk_token_endpoint,
    "introspection_endpoint": _introspects("introspection_endpoint"),
    "token_introspection_endpoint": _introspects("token_introspection_endpoint"),
    "userinfo_endpoint": walk_userinfo_endpoint,
    "end_session_endpoint": walk_end_session_endpoint,
    "jwks_uri": _jwks("jwks_uri", {"sig", "enc"}),
    "jwks_uri_enc": _jwks("jwks_uri_enc", {"enc"}),
    "pushed_authorization_request_endpoint": walk_par,
    "require_pushed_authorization_requests": walk_require_par,
    "grant_types_supported": walk_grant_types,
    "response_types_supported": walk_response_types,
    "response_modes_supported": walk_response_modes,
    "subject_types_supported": walk_subject_types,
    "id_token_signing_alg_values_supported": _signed_with(
        "id_token_signing_alg_values_supported", lambda flow: str(flow.tokens()["id_token"])
    ),
    "userinfo_signing_alg_values_supported": _signed_with("userinfo_signing_alg_values_supported", _userinfo_jwt),
    "request_object_signing_alg_values_supported": walk_request_object_algs,
    "request_object_encryption_alg_values_supported": walk_request_object_encryption,
    "request_object_encryption_enc_values_supported": walk_request_object_encryption,
    "token_endpoint_auth_methods_supported": walk_auth_methods(
        "token_endpoint_auth_methods_supported", "token_endpoint", _cc
    ),
    "token_endpoint_auth_signing_alg_values_supported": walk_auth_signing_algs,
    "introspection_endpoint_auth_methods_supported": walk_auth_methods(
        "introspection_endpoint_auth_methods_supported", "introspection_endpoint", _garbage
    ),
    "code_challenge_methods_supported": walk_pkce_methods,
    "acr_values_supported": walk_acr_values,
    "scopes_supported": walk_scopes,
    "claims_supported": walk_claims,
    "claims_parameter_supported": walk_false("claims_parameter_supported"),
    "request_parameter_supported": walk_true_request,
    "request_uri_parameter_supported": walk_true_request,
    "ui_locales_supported": walk_ui_locales,
    "tls_client_certificate_bound_access_tokens": walk_false("tls_client_certificate_bound_access_tokens"),
    "release": walk_release,
}
# BankID documents these keys [S8], but each names the base of a product API this mock does not serve (document
# signing, AML, fraud data): advertising one would promise an API that answers 404.
UNSERVED_APIS = ("signdoc-baseurl", "aml-baseurl", "fraud-data-baseurl")


def test_the_walk_knows_every_advertised_key(http: httpx.Client) -> None:
    assert set(http.get(DISCOVERY).json()) == set(WALKS)


def test_product_apis_it_does_not_serve_are_not_advertised(flow: Flow) -> None:
    """The signdoc document flow is not implemented (``mock_provider.sign``), so its base URL is not advertised;
    a client asking for a document signature at authorize gets an error, never a login."""
    document = flow.http.get(DISCOVERY).json()
    assert [key for key in UNSERVED_APIS if key in document] == []
    refused = callback_params(flow.authorize(scope="openid sign", sign_id="order-1"))
    assert (refused["error"], refused["state"]) == ("invalid_request", "state-123")


@pytest.mark.parametrize("key", list(WALKS))
def test_advertised_key_is_backed_by_behaviour(flow: Flow, clock: FakeClock, key: str) -> None:
    document = flow.http.get(DISCOVERY).json()
    WALKS[key](flow, document, clock)
