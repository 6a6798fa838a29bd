"""Rules for the optional OpenID Connect authentication-request parameters BankID lists or leaves open:
``max_age``/``auth_time``, ``id_token_hint``, several ``acr_values``, BankID on mobile, ``originator``, and
introspection's ``token_type_hint`` [S21][S34][S44][S49][S50].

https://developer.bankid.no/bankid-oidc-provider/api/authorize

Most are advisory because PROVIDER-FACTS marks the fact UNCLEAR (``max_age`` undocumented, SSO contradicted,
``originator`` disputed, BIM being phased out); the mock can show both behaviours (``bankid-mock --list-quirks``).
"""

from __future__ import annotations

from typing import Any

from harness.http import Reply
from harness.rp.callback import from_reply
from harness.rules.bankid.authorization import describe, refused
from harness.rules.registry import Level, expect, rule

Claims = dict[str, Any]


@rule("BID-R60", title="With max_age the ID token carries auth_time", sources=("S44",), level=Level.ADVISORY)
def auth_time_with_max_age(claims: Claims, max_age: int) -> None:
    """``max_age`` is not documented (UNCLEAR); OpenID Connect Core §2 makes ``auth_time`` REQUIRED when it was
    sent, although BankID deprecates ``auth_time`` in v4 [S44]. Seen: an integer no later than ``iat`` and no
    older than ``max_age``."""
    auth_time, iat = claims.get("auth_time"), claims.get("iat")
    expect(isinstance(auth_time, int), expected="auth_time (epoch seconds)", seen=auth_time)
    assert isinstance(auth_time, int)
    expect(isinstance(iat, int) and auth_time <= iat, expected=f"auth_time <= iat ({iat})", seen=auth_time)
    assert isinstance(iat, int)
    expect(iat - auth_time <= max_age, expected=f"a login at most {max_age} s before iat", seen=iat - auth_time)


@rule("BID-R61", title="Without max_age the v4 ID token has no auth_time", sources=("S44",), level=Level.ADVISORY)
def no_auth_time_without_max_age(claims: Claims) -> None:
    """``auth_time`` is "deprecated in v4 (use ``iat``)" [S44]: without ``max_age`` the ID token need not carry
    it. Advisory: deprecated is not removed, and Keycloak adds it to every ID token."""
    expect("auth_time" not in claims, expected="no auth_time", seen=claims.get("auth_time"))


@rule("BID-R62", title="The v4 ID token has no originator", sources=("S44", "S50"), level=Level.ADVISORY)
def no_originator(claims: Claims) -> None:
    """``originator`` (the user certificate's issuer DN) is deprecated in v4 [S44]; one API-versions page lists
    it as removed, another drops it from the removal list [S50] (UNCLEAR)."""
    expect("originator" not in claims, expected="no originator", seen=claims.get("originator"))


def _skips_login(reply: Reply, redirect_uri: str) -> bool:
    callback = from_reply(reply, redirect_uri)
    return callback is not None and callback.code is not None


@rule(
    "BID-R63",
    title="An id_token_hint does not skip the login (no single sign-on)",
    sources=("S49",),
    level=Level.ADVISORY,
)
def hint_does_not_skip_login(reply: Reply, redirect_uri: str) -> None:
    """ "Single sign-on is not supported" [S49], yet the same page says an ``id_token_hint`` with an active
    session "can start a new session without re-authentication" (UNCLEAR): a second request carrying the first
    login's ID token is expected to go to the login dialog, not straight back with a code."""
    expect(not _skips_login(reply, redirect_uri), expected="the login dialog again", seen=describe(reply, redirect_uri))


@rule(
    "BID-R64",
    title="An id_token_hint that is not this client's ID token is refused",
    sources=("S49",),
    level=Level.ADVISORY,
)
def foreign_hint_refused(reply: Reply, redirect_uri: str) -> None:
    """``id_token_hint`` is "a previously issued ID token" [S49]; a value that is not one (here: not a JWT at
        all) is refused, as Keycloak refuses a hint it did not issue to the client. Advisory: BankID documents no
    error for it."""
    expect(refused(reply, redirect_uri), expected="an OAuth error", seen=describe(reply, redirect_uri))


@rule("BID-R65", title="Several acr_values are accepted", sources=("S21", "S50"))
def several_acr_values(reply: Reply, redirect_uri: str) -> None:
    """``acr_values``: ``urn:bankid:bid``, ``urn:bankid:bis``, space-separated; several values are allowed from
    API v3 [S21][S50]. A request listing two proceeds toward the login dialog, not to an OAuth error."""
    expect(200 <= reply.status < 400, expected="200 or 30x", seen=describe(reply, redirect_uri))
    expect(not refused(reply, redirect_uri), expected="no OAuth error", seen=describe(reply, redirect_uri))


@rule("BID-R66", title="login_hint BIM gives a BankID on mobile login", sources=("S20", "S21"), level=Level.ADVISORY)
def bim_login(claims: Claims) -> None:
    """BankID on mobile: ``login_hint=BIM`` [S18], ``acr`` ``urn:bankid:bim;LOA=4`` [S20][S21]. Advisory: BIM is
    absent from the G3 IDP tables and "due to be phased out" [S21][S66]."""
    acr, amr = claims.get("acr"), claims.get("amr")
    expect(acr == "urn:bankid:bim;LOA=4", expected="urn:bankid:bim;LOA=4", seen=acr)
    expect(isinstance(amr, list) and "bim" in amr, expected="an amr array naming bim", seen=amr)


@rule(
    "BID-R67",
    title="Introspection reports a token only for token_type_hint=bid_access_token",
    sources=("S34", "S35"),
    level=Level.ADVISORY,
)
def hint_required(reply: Reply) -> None:
    """``token_type_hint`` "must be ``bid_access_token``" and an otherwise invalid query is answered
    ``{"active": false}`` [S34][S35]. Advisory: what a missing hint does is inferred, and Keycloak's default
    provider would introspect the token."""
    body = reply.json_object() or {}
    expect(reply.status == 200, expected=200, seen=reply.status, note="HTTP status")
    expect(body.get("active") is False, expected={"active": False}, seen={"active": body.get("active")})


@rule("BID-R68", title="A login older than max_age is not reused", sources=("S49",), level=Level.ADVISORY)
def max_age_forces_login(reply: Reply, redirect_uri: str) -> None:
    """Whatever a provider does with an ``id_token_hint`` [S49], ``max_age=0`` asks for a fresh login (OpenID
    Connect Core §3.1.2.1; Keycloak's ``OIDCLoginProtocol.requireReauthentication``): never a code at once."""
    expect(not _skips_login(reply, redirect_uri), expected="the login dialog again", seen=describe(reply, redirect_uri))
