"""Faults in the OpenID Provider metadata and how it is served (BID-R1..R11)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from werkzeug.wrappers import Request, Response

from mock_provider.faults.http import answer, on
from mock_provider.hooks import FaultProfile, Json

DISCOVERY = "/.well-known/openid-configuration"


def setting(**values: Any) -> Callable[[Json], Json]:
    return lambda document: {**document, **values}


def dropping(*keys: str) -> Callable[[Json], Json]:
    return lambda document: {k: v for k, v in document.items() if k not in keys}


def _logout_elsewhere(document: Json) -> Json:
    """``end_session_endpoint`` moved off Keycloak's path under the issuer (what BID-R4 catches)."""
    return {**document, "end_session_endpoint": f"{document['issuer']}/logout"}


def _userinfo_over_http(document: Json) -> Json:
    return {**document, "userinfo_endpoint": str(document["userinfo_endpoint"]).replace("https://", "http://", 1)}


def _as_html(request: Request, response: Response) -> Response:
    response.headers["Content-Type"] = "text/html"
    return response


PROFILES = {
    "wrong-issuer": FaultProfile(discovery=setting(issuer="https://evil.example/auth/realms/current")),
    "keycloak-authorize-path": FaultProfile(
        discovery=setting(
            authorization_endpoint="https://auth.current.bankid.no/auth/realms/current/protocol/openid-connect/auth"
        )
    ),
    "html-discovery": FaultProfile(interceptor=answer(on(DISCOVERY), _as_html)),
    "no-bankid-extensions": FaultProfile(discovery=dropping("jwks_uri_enc", "token_introspection_endpoint", "release")),
    "plain-pkce": FaultProfile(discovery=setting(code_challenge_methods_supported=["plain", "S256"])),
    "logout-off-keycloak-path": FaultProfile(discovery=_logout_elsewhere),
    "userinfo-over-http": FaultProfile(discovery=_userinfo_over_http),
    "pkce-s256-unadvertised": FaultProfile(discovery=setting(code_challenge_methods_supported=["plain"])),
    "code-flow-unadvertised": FaultProfile(discovery=setting(response_types_supported=["none"])),
    "secret-auth-unadvertised": FaultProfile(
        discovery=setting(token_endpoint_auth_methods_supported=["private_key_jwt"])
    ),
    "no-acr-values": FaultProfile(discovery=dropping("acr_values_supported")),
    "rs256-id-tokens-only": FaultProfile(discovery=setting(id_token_signing_alg_values_supported=["RS256"])),
}
