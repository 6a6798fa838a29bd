"""Token endpoint rules without a user, PROVIDER-FACTS §10 rules 17–23 [S23][S26][S27][S50][S76].

https://developer.bankid.no/bankid-oidc-provider/api/token
"""

from __future__ import annotations

from typing import Any

from harness.http import Reply
from harness.rp.jose import VerificationFailed, peek, verify
from harness.rules.registry import Level, expect, rule

CLIENT_AUTH_STATUSES = (400, 401)


def _error(reply: Reply) -> Any:
    body = reply.json_object()
    return None if body is None else body.get("error")


@rule("BID-R17", title="Token without client authentication is refused", sources=("S23", "S76"))
def no_client_auth_refused(reply: Reply) -> None:
    """POST token with no client authentication → 400 or 401, JSON body with ``error`` ∈
    {``invalid_client``, ``unauthorized_client``, ``invalid_request``}; never 200 [S23][S76]."""
    expect(reply.status in CLIENT_AUTH_STATUSES, expected="400 or 401", seen=reply.status)
    allowed = ("invalid_client", "unauthorized_client", "invalid_request")
    expect(_error(reply) in allowed, expected=f"error in {allowed}", seen=_error(reply) or reply.text[:200])


@rule("BID-R18", title="Unknown client credentials are refused", sources=("S76",))
def unknown_client_refused(reply: Reply) -> None:
    """POST token, Basic auth with a random client_id/secret → 400 or 401, ``error`` ∈ {``invalid_client``,
    ``unauthorized_client``} [S76]."""
    expect(reply.status in CLIENT_AUTH_STATUSES, expected="400 or 401", seen=reply.status)
    allowed = ("invalid_client", "unauthorized_client")
    expect(_error(reply) in allowed, expected=f"error in {allowed}", seen=_error(reply) or reply.text[:200])


@rule("BID-R19", title="A bogus code with a valid client is invalid_grant", sources=("S23",))
def bogus_code_invalid_grant(reply: Reply) -> None:
    """POST token, valid client, ``grant_type=authorization_code``, bogus ``code`` → **400 ``invalid_grant``**:
    the provider tells a client-auth failure apart from a grant failure [S23]."""
    expect(reply.status == 400, expected=400, seen=reply.status)
    expect(_error(reply) == "invalid_grant", expected="invalid_grant", seen=_error(reply) or reply.text[:200])


@rule("BID-R20", title="client_credentials yields a 300 s Bearer JWT and no ID token", sources=("S26", "S50"))
def client_credentials_response(reply: Reply) -> None:
    """Valid client, ``grant_type=client_credentials`` with an allowed scope → 200. ``access_token`` is a
    JWT, ``expires_in`` = 300, ``token_type`` equals ``Bearer`` case-insensitively, and there is no
    ``id_token`` [S26][S50]."""
    expect(reply.status == 200, expected=200, seen=reply.status, note=reply.text[:200])
    body = reply.json_object() or {}
    token = str(body.get("access_token", ""))
    try:
        peek(token)
        is_jwt = True
    except VerificationFailed:
        is_jwt = False
    expect(is_jwt, expected="access_token is a compact JWS", seen=f"{len(token)} characters")
    expect(body.get("expires_in") == 300, expected=300, seen=body.get("expires_in"), note="expires_in")
    token_type = str(body.get("token_type", ""))
    expect(token_type.lower() == "bearer", expected="Bearer", seen=token_type)
    expect("id_token" not in body, expected="no id_token", seen="id_token present")


@rule("BID-R20a", title="token_type is exactly 'Bearer' (API v3+)", sources=("S50", "S51"), level=Level.SHOULD)
def bearer_exact(reply: Reply) -> None:
    """``token_type`` is exactly ``Bearer`` in v3+; older releases sent lower-case "bearer" by mistake
    [S50][S51]."""
    seen = (reply.json_object() or {}).get("token_type")
    expect(seen == "Bearer", expected="Bearer", seen=seen)


@rule("BID-R21", title="The access token verifies and names the issuer and client", sources=("S49", "S72"))
def access_token_claims(access_token: str, jwks: dict[str, Any], issuer: str, client_id: str) -> None:
    """That access token verifies against a key in ``jwks_uri``; ``iss`` == issuer; ``azp`` == client_id;
    ``exp - iat`` == 300 [S49][S72]."""
    try:
        claims = verify(access_token, jwks).claims
    except VerificationFailed as exc:
        expect(False, expected="a signature verifying with a published key", seen=str(exc))
        return
    expect(claims.get("iss") == issuer, expected=issuer, seen=claims.get("iss"), note="iss")
    expect(claims.get("azp") == client_id, expected=client_id, seen=claims.get("azp"), note="azp")
    lifetime = _lifetime(claims)
    expect(lifetime == 300, expected=300, seen=lifetime, note="exp - iat")


def _lifetime(claims: dict[str, Any]) -> Any:
    exp, iat = claims.get("exp"), claims.get("iat")
    return exp - iat if isinstance(exp, int) and isinstance(iat, int) else (exp, iat)


@rule("BID-R22", title="client_secret_post is accepted", sources=("S27", "S28"))
def secret_post_accepted(reply: Reply) -> None:
    """client_secret_post (credentials in the body) is accepted as well as client_secret_basic [S27][S28]."""
    expect(reply.status == 200, expected=200, seen=reply.status, note=str(_error(reply)))
    expect(
        bool((reply.json_object() or {}).get("access_token")),
        expected="an access_token",
        seen=reply.text[:120],
    )


@rule("BID-R23", title="Unsupported grant types are refused", sources=("S55", "S76"))
def unsupported_grant(reply: Reply) -> None:
    """An unsupported ``grant_type`` (e.g. ``password``) → 400 with ``unsupported_grant_type`` or
    ``unauthorized_client`` [S55][S76]."""
    expect(reply.status == 400, expected=400, seen=reply.status)
    allowed = ("unsupported_grant_type", "unauthorized_client")
    expect(_error(reply) in allowed, expected=f"error in {allowed}", seen=_error(reply) or reply.text[:200])
