"""Userinfo ("TINFO") rules, PROVIDER-FACTS §10 rules 28-30 [S31][S32][S33][S55].

https://confluence.bankidnorge.no/confluence/pdoidcl/technical-documentation/api/userinfo
"""

from __future__ import annotations

from typing import Any

from harness.http import Reply
from harness.rp.jose import VerificationFailed, peek
from harness.rp.userinfo import UserinfoError, validate_jwt
from harness.rules.registry import Level, expect, rule


@rule("BID-R28", title="Userinfo without a bearer token is 401", sources=("S31",))
def no_bearer(reply: Reply) -> None:
    """GET userinfo without a bearer token → **401** [S31]."""
    expect(reply.status == 401, expected=401, seen=reply.status)


@rule("BID-R29", title="POST to userinfo is rejected", sources=("S31", "S55"))
def post_rejected(reply: Reply) -> None:
    """POST to userinfo is rejected (not 200): "POST not supported" [S31][S55]."""
    expect(reply.status != 200 and reply.status >= 400, expected="an error status", seen=reply.status)


@rule("BID-R30", title="Userinfo is a signed JWT for the client", sources=("S31", "S33"))
def signed_jwt(reply: Reply, jwks: dict[str, Any], client_id: str, id_token_sub: str | None) -> None:
    """GET userinfo with a valid user access token → 200; the body is a compact JWS (Content-Type
    ``application/jwt``); ``aud`` == client_id; the signature verifies [S31][S33]. Its ``sub`` equals the ID
    token's (OpenID Connect Core §5.3.2)."""
    expect(reply.status == 200, expected=200, seen=reply.status, note="HTTP status")
    media = reply.content_type.split(";")[0].strip().lower()
    expect(media == "application/jwt", expected="application/jwt", seen=reply.content_type)
    try:
        validate_jwt(reply.text.strip(), jwks=jwks, client_id=client_id, id_token_sub=id_token_sub)
    except UserinfoError as failed:
        expect(False, expected=failed.expected, seen=failed.seen, note=failed.requirement)


@rule("BID-R30a", title="The userinfo JWT names the userinfo base as iss", sources=("S31",), level=Level.ADVISORY)
def userinfo_issuer(reply: Reply, userinfo_endpoint: str) -> None:
    """The JWT contains the standard claims plus ``iss`` = userinfo base URL [S31]. Advisory: OpenID Connect
    Core §5.3.2 would have the OP's issuer here instead."""
    try:
        iss = peek(reply.text.strip())[1].get("iss")
    except VerificationFailed as exc:
        expect(False, expected="a JWS", seen=str(exc))
        return
    base = userinfo_endpoint.rsplit("/userinfo", 1)[0]
    expect(iss == base, expected=base, seen=iss)
