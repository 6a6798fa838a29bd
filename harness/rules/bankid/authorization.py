"""Authorize front-channel rules, PROVIDER-FACTS §10 rules 31-38, 42 and 53: only the first response of
``{issuer}/precheck/auth`` is judged, no user logs in [S15][S16][S17][S50][S52].

https://developer.bankid.no/bankid-oidc-provider/api/authorize

A request is *refused* when the provider answers the client's ``redirect_uri`` with an ``error`` or answers
with an error status itself; it *proceeds* when it sends the browser on toward the login dialog.
"""

from __future__ import annotations

from harness.http import Reply
from harness.rp.callback import Callback, from_reply
from harness.rp.dialog import asks_to_log_in
from harness.rules.registry import Level, expect, rule

TOKEN_PARAMS = ("access_token", "id_token", "token")


def describe(reply: Reply, redirect_uri: str) -> str:
    """A short, secret-free account of where the first response sends the browser."""
    callback = from_reply(reply, redirect_uri)
    if callback is not None:
        return f"HTTP {reply.status} to the redirect_uri ({callback.mode}) with {sorted(callback.params)}"
    where = (reply.location or "").split("?")[0]
    return f"HTTP {reply.status}" + (f" to {where}" if where else f" ({reply.content_type or 'no body'})")


def refused(reply: Reply, redirect_uri: str) -> bool:
    callback = from_reply(reply, redirect_uri)
    if callback is not None:
        return callback.error is not None
    return reply.status >= 400


def error_code(reply: Reply, redirect_uri: str) -> str | None:
    """The OAuth ``error`` of a refusal, from the redirect or from a JSON/HTML error body."""
    callback = from_reply(reply, redirect_uri)
    if callback is not None:
        return callback.error
    body = reply.json_object()
    if body is not None:
        return str(body.get("error")) if body.get("error") else None
    return next((code for code in _KNOWN_CODES if code in reply.text), None)


_KNOWN_CODES = ("invalid_request", "invalid_scope", "unsupported_response_type", "unauthorized_client")


def _expect_refused(reply: Reply, redirect_uri: str) -> None:
    expect(refused(reply, redirect_uri), expected="an OAuth error", seen=describe(reply, redirect_uri))


def _expect_not_delivered(reply: Reply, supplied_uri: str) -> None:
    callback: Callback | None = from_reply(reply, supplied_uri)
    expect(callback is None, expected="no redirect to the supplied redirect_uri", seen=describe(reply, supplied_uri))


def _expect_no_login(landing: Reply, supplied_uri: str) -> None:
    expect(
        not asks_to_log_in(landing),
        expected="an error shown directly, no login dialog",
        seen=f"a login dialog at {landing.url.split('?')[0]} ({describe(landing, supplied_uri)})",
    )


def _expect_error_status(reply: Reply, supplied_uri: str) -> None:
    expect(400 <= reply.status < 500, expected="a 4xx error answer", seen=describe(reply, supplied_uri))


@rule("BID-R31", title="An unknown client_id is never redirected nor shown a login", sources=("S15", "S17"))
def unknown_client(reply: Reply, landing: Reply, supplied_uri: str) -> None:
    """Authorize with an unknown ``client_id`` → no 30x redirect to the supplied ``redirect_uri``; an error
    status or error page [S15][S17]: the error is shown directly, so the browser (``landing``, after any
    redirects) never reaches a login dialog either."""
    _expect_not_delivered(reply, supplied_uri)
    _expect_no_login(landing, supplied_uri)


@rule(
    "BID-R31a",
    title="An unknown client_id is answered with a 4xx status",
    sources=("S15", "S17"),
    level=Level.ADVISORY,
)
def unknown_client_status(reply: Reply, supplied_uri: str) -> None:
    """Advisory: the exact first answer of ``/precheck/auth`` for a bad client_id (status, HTML or JSON) is
    not documented (UNCLEAR, PROVIDER-FACTS §10 open questions); Keycloak answers 400 with an error page."""
    _expect_error_status(reply, supplied_uri)


@rule("BID-R32", title="An unregistered redirect_uri is never redirected to", sources=("S15", "S16"))
def unregistered_redirect(reply: Reply, landing: Reply, supplied_uri: str) -> None:
    """Authorize with an unregistered ``redirect_uri`` (even one differing only by a trailing slash or by
    query) → no redirect to it; redirect_uri is an exact match with pre-registration [S15][S16]. "If the
    redirect_uri is missing, invalid or mismatching, the error is returned directly" [S15][S17], so a request
    that goes on to a login dialog (and would deliver its code there later) fails too."""
    _expect_not_delivered(reply, supplied_uri)
    _expect_no_login(landing, supplied_uri)


@rule(
    "BID-R32a",
    title="An unregistered redirect_uri is answered with a 4xx status",
    sources=("S15", "S16"),
    level=Level.ADVISORY,
)
def unregistered_redirect_status(reply: Reply, supplied_uri: str) -> None:
    """Advisory: the exact first answer for a mismatching redirect_uri is not documented (UNCLEAR,
    PROVIDER-FACTS §10 open questions); Keycloak answers 400 with an error page."""
    _expect_error_status(reply, supplied_uri)


@rule("BID-R33", title="POST to the authorize endpoint does not start a login", sources=("S15", "S17"))
def post_refused(reply: Reply, redirect_uri: str) -> None:
    """POST to the authorize endpoint is not accepted as an authentication start: "POST is not supported"
    [S15][S17]."""
    _expect_refused(reply, redirect_uri)


@rule("BID-R34", title="Implicit response types are refused and no token leaks", sources=("S16", "S55"))
def implicit_refused(reply: Reply, redirect_uri: str) -> None:
    """``response_type=token`` or ``id_token`` → an error (a redirect with ``error=unsupported_response_type``
    /``invalid_request``, or an error page); never a token in the fragment [S16][S55]."""
    callback = from_reply(reply, redirect_uri)
    leaked = sorted(set(callback.params) & set(TOKEN_PARAMS)) if callback else []
    expect(not leaked, expected="no token in the response", seen=f"{leaked} delivered")
    _expect_refused(reply, redirect_uri)
    allowed = ("unsupported_response_type", "invalid_request")
    if callback is not None:
        expect(callback.error in allowed, expected=f"error in {allowed}", seen=callback.error)


@rule("BID-R35", title="PKCE S256 is mandatory", sources=("S16", "S50"))
def pkce_required(reply: Reply, redirect_uri: str) -> None:
    """Missing ``code_challenge``, or ``code_challenge_method=plain`` → error ``invalid_request`` (v4);
    "Only S256 is supported" [S16][S50]. A challenge that is not 43 base64url characters is not S256
    (RFC 7636 §4.2)."""
    _expect_refused(reply, redirect_uri)
    code = error_code(reply, redirect_uri)
    expect(code == "invalid_request", expected="invalid_request", seen=code)


@rule("BID-R36", title="state and nonce are mandatory", sources=("S50",))
def state_nonce_required(reply: Reply, redirect_uri: str) -> None:
    """Missing ``state`` or ``nonce`` → error (v4) [S50]."""
    _expect_refused(reply, redirect_uri)


@rule("BID-R37", title="The openid scope is mandatory", sources=("S16",))
def openid_required(reply: Reply, redirect_uri: str) -> None:
    """``scope`` without ``openid`` → error: "openid is mandatory" [S16]."""
    _expect_refused(reply, redirect_uri)


@rule(
    "BID-R37a",
    title="A missing openid scope is invalid_scope or invalid_request",
    sources=("S16",),
    level=Level.ADVISORY,
)
def openid_error_code(reply: Reply, redirect_uri: str) -> None:
    """Advisory: the exact code for a scope without ``openid`` (``invalid_scope`` vs ``invalid_request``) is
    not documented [S16]."""
    code = error_code(reply, redirect_uri)
    expect(code in ("invalid_scope", "invalid_request"), expected="invalid_scope or invalid_request", seen=code)


@rule("BID-R38", title="A clear-text nnin login_hint is refused", sources=("S50", "S52"))
def clear_nnin_refused(reply: Reply, redirect_uri: str) -> None:
    """nnin in a clear-text query ``login_hint`` (``BID:<11 digits>`` or ``:<11 digits>``) → rejected under
    v4; use PAR or an encrypted request object [S50][S52]."""
    _expect_refused(reply, redirect_uri)


@rule("BID-R38a", title="A clear-text nnin login_hint is invalid_request", sources=("S50",), level=Level.ADVISORY)
def clear_nnin_error_code(reply: Reply, redirect_uri: str) -> None:
    """Advisory: the error code for a clear nnin ``login_hint`` is not documented; ``invalid_request`` is
    the natural one [S50]."""
    code = error_code(reply, redirect_uri)
    expect(code == "invalid_request", expected="invalid_request", seen=code)


@rule("BID-R42", title="A well-formed request proceeds toward the login dialog", sources=("S16", "S21"))
def well_formed_proceeds(reply: Reply, redirect_uri: str) -> None:
    """A well-formed request (code, S256 PKCE, state, nonce, ``acr_values=urn:bankid:bid``) produces a 200/30x
    toward a BankID login UI and not an OAuth error redirect [S16][S21]."""
    expect(200 <= reply.status < 400, expected="200 or 30x", seen=describe(reply, redirect_uri))
    expect(not refused(reply, redirect_uri), expected="no OAuth error", seen=describe(reply, redirect_uri))


@rule("BID-R53", title="API versions below 4 are refused", sources=("S50", "S52"))
def old_api_version_refused(reply: Reply, redirect_uri: str) -> None:
    """API versioning: ``api_version=1`` would give a string ``amr`` and ``token_type`` "bearer"; CURRENT
    enforces v4 after 2025-10-28, so versions below 4 are refused [S50][S52]."""
    _expect_refused(reply, redirect_uri)


@rule(
    "BID-R54",
    title="A BIM sign text longer than 118 characters is refused",
    sources=("S64", "S65"),
    level=Level.ADVISORY,
)
def long_sign_text_refused(reply: Reply, redirect_uri: str) -> None:
    """The sign flow ``scope=sign`` + ``sign_txt`` ≤ 118 characters for BIM [S64][S65]. Advisory: BIM is
    absent from the newest IDP tables and due to be phased out [S21][S66]."""
    _expect_refused(reply, redirect_uri)
