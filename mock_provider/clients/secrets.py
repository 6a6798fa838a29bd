"""Client secret storage: salted hashes compared in constant time; sealed copies only where HMAC needs the key.

``client_secret_jwt`` (RFC 7523 §2.2) verifies an HS256 assertion keyed with the client secret itself, so for
clients that use it the secret must be recoverable: it is sealed with AES-GCM under a key derived from the
mock's CA key, never stored in clear. Everyone else's secret exists only as a hash.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_SCHEME = "sha256"


def generate_secret() -> str:
    """A 32-character alphanumeric secret, the newer Keycloak style seen on CURRENT [S26]."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return "".join(secrets.choice(alphabet) for _ in range(32))


def hash_secret(secret: str, *, salt: bytes | None = None) -> str:
    # Secrets are 190-bit random strings, so a salted SHA-256 is as strong as a slow KDF here and keeps
    # client authentication cheap under load.
    salt = salt if salt is not None else os.urandom(16)
    digest = hashlib.sha256(salt + secret.encode()).hexdigest()
    return f"{_SCHEME}${salt.hex()}${digest}"


def verify_secret(secret: str, stored: str | None) -> bool:
    if not stored:
        # Still hash, so a missing record takes as long as a wrong secret.
        hmac.compare_digest(hash_secret(secret, salt=b"\0" * 16), hash_secret("", salt=b"\0" * 16))
        return False
    scheme, salt_hex, _ = stored.split("$", 2)
    if scheme != _SCHEME:
        return False
    return hmac.compare_digest(hash_secret(secret, salt=bytes.fromhex(salt_hex)), stored)


def seal(secret: str, key: bytes) -> str:
    nonce = os.urandom(12)
    return base64.b64encode(nonce + AESGCM(key).encrypt(nonce, secret.encode(), b"client-secret")).decode()


def unseal(sealed: str, key: bytes) -> str:
    raw = base64.b64decode(sealed)
    return AESGCM(key).decrypt(raw[:12], raw[12:], b"client-secret").decode()
