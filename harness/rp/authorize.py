"""Building an authorization request as a BankID relying party does under API v4 [S16][S50][S52]:
``response_type=code``, PKCE S256, a fresh ``state`` and ``nonce`` (RFC 7636 §4.1-4.2, OIDC Core §3.1.2.1).

Scenarios that probe the provider's refusals build a good request and then drop or replace one parameter
(``with_params``); a ``None`` value removes the parameter from the URL.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import secrets
from dataclasses import dataclass, field
from urllib.parse import urlencode

VERIFIER_BYTES = 48  # 64 base64url characters: inside RFC 7636's 43-128 window
DEFAULT_ACR = "urn:bankid:bid"


def new_verifier() -> str:
    """A high-entropy ``code_verifier`` of unreserved characters (RFC 7636 §4.1)."""
    return secrets.token_urlsafe(VERIFIER_BYTES)


def s256(verifier: str) -> str:
    """``BASE64URL(SHA256(ASCII(code_verifier)))`` without padding (RFC 7636 §4.2)."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


@dataclass(frozen=True, kw_only=True)
class AuthorizationRequest:
    """One authorization request and the secrets the client keeps to finish it (verifier, nonce, state)."""

    client_id: str
    redirect_uri: str
    scope: str = "openid"
    state: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    nonce: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    code_verifier: str = field(default_factory=new_verifier, repr=False)
    extra: dict[str, str | None] = field(default_factory=dict)
    # A request object (RFC 9101) carrying ``params()``; the URL then holds only what must stay outside it.
    request_object: str | None = field(default=None, repr=False)

    @property
    def code_challenge(self) -> str:
        return s256(self.code_verifier)

    def params(self) -> dict[str, str]:
        """The query parameters, with ``extra`` replacing or (when ``None``) removing defaults."""
        base: dict[str, str | None] = {
            "client_id": self.client_id,
            "response_type": "code",
            "redirect_uri": self.redirect_uri,
            "scope": self.scope,
            "state": self.state,
            "nonce": self.nonce,
            "code_challenge": self.code_challenge,
            "code_challenge_method": "S256",
            "acr_values": DEFAULT_ACR,
        }
        base.update(self.extra)
        return {key: value for key, value in base.items() if value is not None}

    def query(self) -> dict[str, str]:
        """What goes in the URL: ``params()``, or with a request object only ``client_id``, ``scope`` (OIDC Core
        §6.1) and ``response_type`` (BankID API v4 [S50]) beside it, so the provider must read the object."""
        params = self.params()
        if self.request_object is None:
            return params
        outside: dict[str, str] = {k: params[k] for k in ("client_id", "response_type", "scope") if k in params}
        return {**outside, "request": self.request_object}

    def url(self, authorization_endpoint: str) -> str:
        separator = "&" if "?" in authorization_endpoint else "?"
        return f"{authorization_endpoint}{separator}{urlencode(self.query())}"

    def with_params(self, **changes: str | None) -> AuthorizationRequest:
        return dataclasses.replace(self, extra={**self.extra, **changes})

    def sent_state(self) -> str | None:
        """The ``state`` the provider actually received (a scenario may have removed it)."""
        return self.params().get("state")
