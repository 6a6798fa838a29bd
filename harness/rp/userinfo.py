"""Userinfo ("TINFO") as a BankID client calls it: GET with the access token as a Bearer token and no
parameters; the answer is a signed JWT, not JSON [S31][S32][S33]."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from harness.http import HttpSession, Reply
from harness.rp.jose import VerificationFailed, verify


def fetch(http: HttpSession, endpoint: str, access_token: str | None, *, method: str = "GET") -> Reply:
    headers = {"Authorization": f"Bearer {access_token}"} if access_token else {}
    return http.request(method, endpoint, headers=headers)


@dataclass(frozen=True)
class UserinfoError(ValueError):
    """The userinfo JWT fails OIDC Core §5.3.2 or BankID's description of it [S31]."""

    requirement: str
    expected: Any
    seen: Any


def validate_jwt(token: str, *, jwks: dict[str, Any], client_id: str, id_token_sub: str | None) -> dict[str, Any]:
    """Signature with the provider's keys, ``aud`` naming the client [S31], and ``sub`` equal to the ID
    token's (OIDC Core §5.3.2: "The sub Claim in the UserInfo Response MUST be verified to exactly match")."""
    try:
        claims = verify(token, jwks).claims
    except VerificationFailed as exc:
        raise UserinfoError("the signature verifies with a published key", "a valid signature", str(exc)) from exc
    aud = claims.get("aud")
    if client_id not in (aud if isinstance(aud, list) else [aud]):
        raise UserinfoError("aud names the client", client_id, aud)
    if id_token_sub is not None and claims.get("sub") != id_token_sub:
        raise UserinfoError("sub equals the ID token's sub", "the ID token's sub", "a different sub")
    return claims
