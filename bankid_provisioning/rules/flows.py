"""OAuth2 flows and the client authentication method [S6][S27][S28].

Only the code flow remains for end users; implicit and hybrid are gone [S15][S16][S55]. client_secret_basic
and client_secret_post are the defaults; "private_key_jwt and client_secret_jwt are not available when
ordering a new client" and need a public key or JWKS URL supplied on a separate request [S27][S28].
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from bankid_provisioning.errors import Advice, ProvisioningError
from bankid_provisioning.model import ProvisioningRequest
from bankid_provisioning.policy import Policy

Finding = ProvisioningError | Advice
FLOWS = ("authorization_code", "client_credentials", "refresh_token")
RETIRED_FLOWS = ("implicit", "hybrid")
SECRET_METHODS = ("client_secret_basic", "client_secret_post")
JWT_METHODS = ("private_key_jwt", "client_secret_jwt")


def check_flows(request: ProvisioningRequest, _policy: Policy) -> Iterator[Finding]:
    if not request.flows:
        yield ProvisioningError("flows", f"is required: one or more of {', '.join(FLOWS)} [S6]")
    for index, flow in enumerate(request.flows):
        if flow in RETIRED_FLOWS:
            yield ProvisioningError(f"flows[{index}]", f"{flow} is not supported; only the code flow is [S16][S55]")
        elif flow not in FLOWS:
            yield ProvisioningError(f"flows[{index}]", f"unknown flow {flow!r}; expected one of {', '.join(FLOWS)}")


def check_client_authentication(request: ProvisioningRequest, _policy: Policy) -> Iterator[Finding]:
    method = request.client_auth_method
    if method not in (*SECRET_METHODS, *JWT_METHODS):
        yield ProvisioningError(
            "client_auth_method", f"must be one of {', '.join((*SECRET_METHODS, *JWT_METHODS))} [S27][S28]"
        )
    elif method in JWT_METHODS:
        yield from _jwt_method(request, method)
    if request.jwks_uri is not None:
        yield from _jwks_uri(request.jwks_uri)


def _jwt_method(request: ProvisioningRequest, method: str) -> Iterator[Finding]:
    if request.jwks is None and request.jwks_uri is None:
        yield ProvisioningError(
            "client_auth_method",
            f"{method} needs a public JWKS (jwks) or JWKS URL (jwks_uri), on a separate request [S27][S28]",
        )
    if request.jwks is not None and not isinstance(request.jwks.get("keys"), list):
        yield ProvisioningError("jwks", "must be a JWK Set: an object with a 'keys' array [S27]")
    yield Advice(
        "client_auth_method",
        f"{method} is not available when ordering a new client; BankID grants it on a separate request [S27]",
    )


def _jwks_uri(uri: str) -> Iterator[Finding]:
    parts = urlsplit(uri)
    if parts.scheme != "https" or not parts.hostname:
        yield ProvisioningError("jwks_uri", "must be a public https URL [S28][S30]")
