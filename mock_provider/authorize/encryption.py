"""Decrypting what a client encrypts to the realm's ``use=enc`` keys (JWE compact, RFC 7516) [S42][S43].

- Request objects: RSA-OAEP / RSA-OAEP-256 with A128/192/256GCM or A128CBC-HS256/A192CBC-HS384/A256CBC-HS512,
  to a key from ``jwks_uri``. BankID also lists RSA1_5; it is left out because it is deprecated
  (draft-ietf-jose-deprecate-none-rsa15, padding-oracle prone) and joserfc refuses it without a warning.
- ``login_hint`` (deprecated): ECDH-ES / RSA-OAEP / RSA-OAEP-256 with A128GCM or A128CBC-HS256, to a key from
  ``jwks_uri_enc``.

As Keycloak's ``DefaultTokenManager.decodeClientJWT`` does for a JWE request object, the key is chosen by the
header's ``kid`` among the realm's encryption keys.
"""

from __future__ import annotations

import base64
import binascii
import json

from joserfc import jwe
from joserfc.errors import JoseError
from joserfc.jwk import ECKey, RSAKey

from mock_provider.keys.keyring import KeyRing

REQUEST_OBJECT_ALGS = ("RSA-OAEP", "RSA-OAEP-256")
REQUEST_OBJECT_ENCS = ("A128GCM", "A192GCM", "A256GCM", "A128CBC-HS256", "A192CBC-HS384", "A256CBC-HS512")
LOGIN_HINT_ALGS = ("ECDH-ES", "RSA-OAEP", "RSA-OAEP-256")
LOGIN_HINT_ENCS = ("A128GCM", "A128CBC-HS256")


class DecryptionError(ValueError):
    """Not a JWE the realm can decrypt with the allowed algorithms; the message says why."""


def is_jwe(value: str) -> bool:
    """A compact JWE has five dot-separated parts (RFC 7516 §7.1); a JWS has three."""
    return value.count(".") == 4


def decrypt(ring: KeyRing, value: str, *, algs: tuple[str, ...], encs: tuple[str, ...]) -> bytes:
    header = _protected_header(value)
    if header.get("alg") not in algs or header.get("enc") not in encs:
        raise DecryptionError(f"alg/enc {header.get('alg')}/{header.get('enc')} is not supported here")
    key = _key_for(ring, header)
    try:
        plaintext = jwe.decrypt_compact(value, key, algorithms=[*algs, *encs]).plaintext
    except (JoseError, ValueError, TypeError) as exc:
        raise DecryptionError("the JWE does not decrypt with the realm's encryption key") from exc
    return plaintext or b""


def _protected_header(value: str) -> dict[str, object]:
    encoded = value.split(".", 1)[0]
    try:
        header = json.loads(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
    except (ValueError, binascii.Error) as exc:
        raise DecryptionError("the JWE header is not base64url JSON") from exc
    if not isinstance(header, dict):
        raise DecryptionError("the JWE header is not a JSON object")
    return header


def _key_for(ring: KeyRing, header: dict[str, object]) -> ECKey | RSAKey:
    """By ``kid`` when the header names one; otherwise the one encryption key of the algorithm's key type."""
    kty = "EC" if str(header["alg"]).startswith("ECDH") else "RSA"
    candidates = [k.key for k in ring.published("enc") if k.key.key_type == kty]
    if "kid" in header:
        candidates = [k.key for k in ring.published("enc") if k.kid == header["kid"] and k.key.key_type == kty]
    if not candidates:
        raise DecryptionError(f"kid {header.get('kid')!r} is not one of the realm's {kty} encryption keys")
    return candidates[0]
