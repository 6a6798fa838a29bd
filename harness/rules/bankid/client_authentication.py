"""JWT client authentication rules, PROVIDER-FACTS §10 rule 24 [S14][S25][S27][S28].

https://developer.bankid.no/bankid-oidc-provider/core-concepts/client-authentication

Assertions are built as BankID's own sample builds them (``harness.rp.client_auth``); one scenario changes one
thing about a good assertion and expects a client-authentication error.
"""

from __future__ import annotations

from harness.http import Reply
from harness.rules.registry import Level, expect, rule

CLIENT_AUTH_STATUSES = (400, 401)
CLIENT_AUTH_ERRORS = ("invalid_client", "unauthorized_client")


def _error(reply: Reply) -> object:
    return (reply.json_object() or {}).get("error")


def _expect_client_auth_error(reply: Reply) -> None:
    expect(reply.status in CLIENT_AUTH_STATUSES, expected="400 or 401", seen=reply.status)
    expect(_error(reply) in CLIENT_AUTH_ERRORS, expected=f"error in {CLIENT_AUTH_ERRORS}", seen=_error(reply))


@rule("BID-R24", title="JWT client assertions are accepted only when right", sources=("S14", "S25"))
def assertion_judged(reply: Reply, *, acceptable: bool) -> None:
    """private_key_jwt: an assertion with ``iss=sub=client_id``, ``aud=token_endpoint``, ``exp≤now+60s`` and
    a fresh ``jti`` is accepted. A wrong ``aud``, an expired assertion or an unknown ``kid`` → client-auth
    error [S14][S25]. client_secret_jwt is "also supported" [S27]."""
    if acceptable:
        expect(reply.status == 200, expected=200, seen=reply.status, note=str(_error(reply)))
        return
    _expect_client_auth_error(reply)


@rule("BID-R24a", title="A replayed client assertion is refused", sources=("S14",), level=Level.ADVISORY)
def replay_refused(reply: Reply) -> None:
    """Advisory: a second use of the same assertion ``jti`` is refused (RFC 7523 §3 lets the server refuse
    it; BankID's sample sends a random ``jti`` per request [S14])."""
    _expect_client_auth_error(reply)


@rule(
    "BID-R24b",
    title="A client assertion with several audiences is refused",
    sources=("S14", "S76"),
    level=Level.ADVISORY,
)
def several_audiences_refused(reply: Reply) -> None:
    """Advisory: an assertion whose ``aud`` lists the token endpoint and another value is a client-authentication
    error. BankID's sample sends one audience, the token endpoint [S14]; Keycloak refuses several from 26.2 and
    accepted them before, and which Keycloak BankID runs is not documented (PROVIDER-FACTS §3.4, [S76])."""
    _expect_client_auth_error(reply)
