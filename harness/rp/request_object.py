"""Request objects as a BankID relying party sends them (RFC 9101; OIDC Core §6.1) [S42][S43]: the
authorization parameters signed with the client's registered key and, to keep a nnin ``login_hint`` out of
every URL, encrypted to the provider's ``use=enc`` RSA key from ``jwks_uri``. Also the deprecated encrypted
``login_hint`` itself, to a key from ``jwks_uri_enc``.
"""

from __future__ import annotations

import secrets
import time
from typing import Any

from joserfc import jwe, jwt
from joserfc.errors import JoseError
from joserfc.jwk import ECKey, KeySet, RSAKey

from harness.rules.errors import Inconclusive

LIFETIME = 300
REQUEST_OBJECT_ALG, REQUEST_OBJECT_ENC = "RSA-OAEP-256", "A256GCM"
LOGIN_HINT_ALG, LOGIN_HINT_ENC = "RSA-OAEP-256", "A128GCM"
_ALLOWED = ["ES256", "RSA-OAEP", REQUEST_OBJECT_ALG, REQUEST_OBJECT_ENC, LOGIN_HINT_ENC, "ECDH-ES"]


def signed(params: dict[str, str], *, client_id: str, issuer: str, private_jwk: dict[str, Any], now: float) -> str:
    """The parameters as claims, with ``iss`` = client, ``aud`` = issuer and a short lifetime, signed ES256."""
    try:
        key = ECKey.import_key(private_jwk)
    except (JoseError, ValueError, TypeError) as exc:
        raise Inconclusive(f"the client's private JWK cannot sign a request object: {exc}") from exc
    claims = {**params, "iss": client_id, "aud": issuer, "iat": int(now), "exp": int(now) + LIFETIME}
    claims["jti"] = secrets.token_urlsafe(16)
    return jwt.encode({"alg": "ES256", "kid": key.kid or "", "typ": "oauth-authz-req+jwt"}, claims, key)


def encrypted(plaintext: str, jwks: dict[str, Any], *, alg: str, enc: str, cty: str | None = None) -> str:
    """A compact JWE of ``plaintext`` to the provider's RSA ``use=enc`` key (inconclusive if it has none)."""
    key = _rsa_encryption_key(jwks)
    header: dict[str, Any] = {"alg": alg, "enc": enc, "kid": key.kid}
    if cty:
        header["cty"] = cty
    return jwe.encrypt_compact(header, plaintext.encode("utf-8"), key, algorithms=_ALLOWED)


def _rsa_encryption_key(jwks: dict[str, Any]) -> RSAKey:
    for jwk in jwks.get("keys", []):
        if isinstance(jwk, dict) and jwk.get("use") == "enc" and jwk.get("kty") == "RSA":
            public = {k: v for k, v in jwk.items() if k not in ("x5c", "x5t", "x5t#S256")}
            key = KeySet.import_key_set({"keys": [public]}).keys[0]
            if isinstance(key, RSAKey):
                return key
    raise Inconclusive("the provider publishes no RSA use=enc key to encrypt to")


def now() -> float:
    return time.time()
