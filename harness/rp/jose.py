"""JWS verification against a provider's published JWKS, with joserfc."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from joserfc import jws, jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet


@dataclass(frozen=True)
class Verified:
    header: dict[str, Any]
    claims: dict[str, Any]


class VerificationFailed(ValueError):
    """The token is not a JWS that the JWKS verifies; the message says why."""


def peek(token: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Header and claims without verifying: for evidence and for rules that judge shape."""
    try:
        compact = jws.extract_compact(token.encode())
        claims = json.loads(compact.payload)
    except (JoseError, ValueError) as exc:
        raise VerificationFailed(f"not a compact JWS: {exc}") from exc
    if not isinstance(claims, dict):
        raise VerificationFailed("payload is not a JSON object")
    return dict(compact.headers()), claims


def verify(token: str, jwks: dict[str, Any], *, algorithms: tuple[str, ...] = ("ES256",)) -> Verified:
    header, _ = peek(token)
    kid = header.get("kid")
    published = [k for k in jwks.get("keys", []) if isinstance(k, dict) and k.get("use", "sig") == "sig"]
    if not any(k.get("kid") == kid for k in published):
        raise VerificationFailed(f"kid {kid!r} is not among the published signing keys")
    try:
        keys = KeySet.import_key_set({"keys": [_public(k) for k in published]})
        token_obj = jwt.decode(token, keys, algorithms=list(algorithms))
    except (JoseError, ValueError) as exc:
        raise VerificationFailed(f"signature does not verify: {exc}") from exc
    return Verified(dict(token_obj.header), dict(token_obj.claims))


def _public(jwk: dict[str, Any]) -> dict[str, Any]:
    # joserfc rejects unknown members less often without x5c/x5t; the chain is judged by BID-R13.
    return {k: v for k, v in jwk.items() if k not in ("x5c", "x5t", "x5t#S256")}
