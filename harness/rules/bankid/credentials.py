"""What the issued credentials are for [S1], and how they stop working [S27][S76].

"The client must use these credentials to authenticate with selected endpoints of the REST API of the OIDC
Provider." [S1]. The selected endpoints are token, introspect [S27][S28] and PAR [S39]; JWT client
authentication needs a separate request with a public key [S27]. A failure looks like Keycloak's
(PROVIDER-FACTS §3.4): 400/401 with ``invalid_client`` or ``unauthorized_client``.
https://developer.bankid.no/bankid-oidc-provider/core-concepts/client-authentication
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from harness.http import Reply
from harness.rp.dialog import visible_text
from harness.rules.bankid.provisioning import error_code, refused_as_client
from harness.rules.registry import Level, expect, rule

SUCCESS = (200, 201)


def _authenticated(reply: Reply, endpoint: str) -> None:
    expect(
        reply.status != 401 and error_code(reply) not in ("invalid_client", "unauthorized_client"),
        expected=f"the {endpoint} endpoint accepts the client",
        seen=f"{reply.status} {error_code(reply)}",
    )


@rule("BID-P5", title="The issued credentials authenticate at the token endpoint", sources=("S1", "S27"))
def authenticates_at_token(reply: Reply) -> None:
    """Requirement: "The client must use these credentials to authenticate with selected endpoints of the REST API"
    [S1]: with them, a client_credentials request at the token endpoint [S27] gets 200 and an access
    token."""
    _token_issued(reply)


def _token_issued(reply: Reply) -> None:
    """Shared by P5, P8 and P13 so each records its verdict under its own id."""
    _authenticated(reply, "token")
    expect(reply.status == 200, expected=200, seen=reply.status, note=str(error_code(reply)))
    expect(
        bool((reply.json_object() or {}).get("access_token")),
        expected="an access_token",
        seen=sorted(reply.json_object() or {}),
    )


@rule("BID-P6", title="The issued credentials authenticate at the introspection endpoint", sources=("S1", "S34"))
def authenticates_at_introspection(reply: Reply) -> None:
    """The credentials authenticate at introspect [S1][S27]: 200 with an ``active`` member, never the 401 a
    client-authentication failure gets [S34]."""
    _authenticated(reply, "introspection")
    expect(reply.status == 200, expected=200, seen=reply.status)
    expect("active" in (reply.json_object() or {}), expected="an 'active' member", seen=reply.text[:200])


@rule("BID-P7", title="The issued credentials authenticate at the PAR endpoint", sources=("S1", "S39"))
def authenticates_at_par(reply: Reply) -> None:
    """PAR takes "the normal methods" of client authentication [S39]: with the credentials, a valid push
    is accepted with a ``request_uri`` (201 per RFC 9126; 200 tolerated)."""
    _authenticated(reply, "PAR")
    expect(reply.status in SUCCESS, expected="201 (or 200)", seen=reply.status, note=str(error_code(reply)))
    expect(bool((reply.json_object() or {}).get("request_uri")), expected="a request_uri", seen=reply.text[:200])


@rule("BID-P8", title="The credentials are all a new client needs to authenticate", sources=("S1", "S6"))
def credentials_suffice(reply: Reply) -> None:
    """Provisioning "results in security credentials" which the client "must use" [S1]: a freshly
    provisioned client authenticates with its client_id and secret alone (no certificate, key or further
    set-up), on its first request."""
    _token_issued(reply)


@rule("BID-P9", title="A wrong secret is refused as a client-authentication failure", sources=("S1", "S76"))
def wrong_secret_refused(reply: Reply) -> None:
    """Only the issued credentials authenticate [S1]: the right client_id with a wrong secret is refused
    (400/401 ``invalid_client``/``unauthorized_client``, PROVIDER-FACTS §3.4 [S76])."""
    refused_as_client(reply)


@rule("BID-P10", title="After a secret rotation the old secret is refused", sources=("S1", "S76"), level=Level.ADVISORY)
def rotated_secret_refused(reply: Reply) -> None:
    """Advisory: once new credentials are issued [S1] the superseded secret should no longer authenticate
    (400/401 as in §3.4). Rotation is not documented (UNCLEAR, PROVIDER-FACTS §3.3), and Keycloak's secret
    rotation policy keeps the old secret valid for a while, so this cannot be a MUST; that the new secret
    authenticates is BID-P5."""
    refused_as_client(reply)


@rule("BID-P11", title="A disabled client is refused", sources=("S1", "S76"))
def disabled_refused(reply: Reply) -> None:
    """Access needs a provisioned client [S1]: once its provisioning is withdrawn (disabled), its
    credentials are refused like any unknown client's (PROVIDER-FACTS §3.4)."""
    refused_as_client(reply)


@rule("BID-P12", title="A client provisioned in one environment is refused in the other", sources=("S1", "S2"))
def other_environment_refused(reply: Reply) -> None:
    """Requirement: "The provisioning process is separate for each supported environment" [S1]: a CURRENT client's
    credentials do not authenticate at PROD's token endpoint."""
    refused_as_client(reply)


@rule("BID-P13", title="private_key_jwt works only after the public key is registered", sources=("S27", "S28"))
def jwt_auth_after_registration(before: Reply, after: Reply) -> None:
    """private_key_jwt is "not available when ordering a new client"; it needs a separate request with a
    public key or JWKS URL [S27][S28]: refused before that registration, accepted after it."""
    expect(before.status in (400, 401), expected="refused before registration", seen=before.status)
    _token_issued(after)


@rule("BID-P19", title="The registered redirect URI is accepted at authorize", sources=("S1", "S3", "S16"))
def redirect_uri_registered(reply: Reply, redirect_uri: str) -> None:
    """The supplied information configures the client [S1]; redirect URIs are pre-registered [S3][S4] and
    matched exactly [S16]: a well-formed authorize request with the registered URI starts a login (200 or
    a redirect that is not an OAuth error), instead of the no-redirect error page of a mismatch [S15]."""
    expect(reply.status in (200, 302, 303), expected="200 or a redirect toward the login", seen=reply.status)
    location = reply.location or ""
    query = parse_qs(urlsplit(location).query)
    expect(
        not (location.startswith(redirect_uri) and "error" in query),
        expected="no error redirect",
        seen=query.get("error"),
    )


@rule("BID-P20", title="A client may use only the scopes it was provisioned with", sources=("S47",))
def scopes_per_client(reply: Reply, scope: str) -> None:
    """Requirement: "The scopes and claims a client may use are configured per client at provisioning" [S47]: a scope
    the client was not provisioned with is refused (``invalid_scope``) or left out of the grant."""
    if reply.status == 200:
        granted = str((reply.json_object() or {}).get("scope", "")).split()
        expect(scope not in granted, expected=f"{scope} not granted", seen=granted)
        return
    expect(reply.status == 400, expected="400 or a grant without it", seen=reply.status)
    expect(
        error_code(reply) in ("invalid_scope", "unauthorized_client", "invalid_request"),
        expected="invalid_scope",
        seen=error_code(reply),
    )


@rule("BID-P21", title="BankID Substantial (BIS) is enabled per client as provisioned", sources=("S59",))
def bis_as_provisioned(configuration: Reply, requested: bool) -> None:
    """Requirement: "BankID Substantial (BIS) must be enabled per test client by BankID OIDC" [S59]: the provisioned
    configuration has BIS enabled exactly when the request asked for it."""
    seen = (configuration.json_object() or {}).get("bis_enabled")
    expect(seen is requested, expected=requested, seen=seen)


@rule("BID-P22", title="The login dialog shows the provisioned display name", sources=("S3", "S62"))
def display_name_shown(page: Reply, display_name: str) -> None:
    """The display name supplied at provisioning is shown in the header of the OIDC dialog [S3][S4][S62]:
    judged on the dialog's visible text, as a user sees it, not on any provider's element ids."""
    expect(page.status == 200, expected="the login dialog", seen=page.status)
    shown = visible_text(page)
    expect(display_name in shown, expected=display_name, seen=shown[:200] or "no visible text")
