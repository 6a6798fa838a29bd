"""Pushed authorization request rules, PROVIDER-FACTS §10 rules 39-41 [S39][S40] (RFC 9126).

https://developer.bankid.no/bankid-oidc-provider/api/par
"""

from __future__ import annotations

from typing import Any

from harness.http import Reply
from harness.rules.registry import Level, expect, rule

CLIENT_AUTH_ERRORS = ("invalid_client", "unauthorized_client")
# What authorization_details would leave behind in tokens if the provider honoured it [S40].
RAR_CLAIMS = ("authorization_details", "permission_digest")


def _body(reply: Reply) -> dict[str, Any]:
    return reply.json_object() or {}


@rule("BID-R39", title="PAR refuses a client that does not authenticate", sources=("S39",))
def unauthenticated(reply: Reply) -> None:
    """PAR takes "the normal methods" of client authentication [S39]: without it the push is refused as a
    client-authentication failure (400 or 401, PROVIDER-FACTS §3.4) and no ``request_uri`` is issued."""
    expect(reply.status in (400, 401), expected="400 or 401", seen=reply.status)
    expect("request_uri" not in _body(reply), expected="no request_uri", seen=sorted(_body(reply)))


@rule(
    "BID-R39a",
    title="PAR without client authentication is exactly 401 invalid_client",
    sources=("S39", "S76"),
    level=Level.ADVISORY,
)
def unauthenticated_exactly(reply: Reply) -> None:
    """Advisory: PROVIDER-FACTS §10 says 401 ``invalid_client``/``unauthorized_client`` [S39], but the status
    and code for a bad client depend on the Keycloak version (§3.4 [S76]) and CURRENT's are not known."""
    expect(reply.status == 401, expected=401, seen=reply.status)
    error = _body(reply).get("error")
    expect(error in CLIENT_AUTH_ERRORS, expected=f"error in {CLIENT_AUTH_ERRORS}", seen=error or reply.text[:120])


@rule("BID-R40", title="PAR answers a request_uri and its lifetime", sources=("S39",))
def pushed(reply: Reply) -> None:
    """PAR with valid auth and a valid body → 2xx with ``request_uri`` and ``expires_in`` (RFC 9126 §2.2
    shape) [S39]."""
    expect(reply.status in (200, 201), expected="201", seen=reply.status, note=str(_body(reply).get("error")))
    body = _body(reply)
    expect(
        isinstance(body.get("request_uri"), str) and bool(body.get("request_uri")),
        expected="a request_uri",
        seen=sorted(body),
    )
    expires = body.get("expires_in")
    expect(isinstance(expires, int) and expires > 0, expected="a positive expires_in", seen=expires)


@rule("BID-R40a", title="PAR answers 201 Created", sources=("S39",), level=Level.ADVISORY)
def created(reply: Reply) -> None:
    """Advisory on the exact status: RFC 9126 §2.2 says 201; BankID's page does not show it [S39]."""
    expect(reply.status == 201, expected=201, seen=reply.status)


@rule("BID-R41", title="authorization_details outside PAR is rejected or ignored", sources=("S40",))
def rar_only_via_par(refused: bool, token_claims: dict[str, Any] | None) -> None:
    """``authorization_details`` sent on the plain authorize URL (not via PAR) is rejected or ignored, never
    reflected in tokens [S40]."""
    if refused:
        return
    expect(token_claims is not None, expected="a refusal, or tokens to inspect", seen="neither")
    reflected = sorted(set(token_claims or {}) & set(RAR_CLAIMS))
    expect(not reflected, expected="no authorization_details in tokens", seen=reflected)
