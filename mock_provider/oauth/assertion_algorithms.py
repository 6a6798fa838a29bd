"""Which signature algorithms a client assertion may use: decided by the client's registration and key types,
never by the assertion itself (RFC 7523 §3, RFC 8725 §3.1 "Perform Algorithm Verification").

``none`` is never accepted; HMAC (``HS*``) only from a client registered for ``client_secret_jwt``; an
asymmetric algorithm only from a ``private_key_jwt`` client and only with a key of the matching type and curve.
Keycloak's ``AbstractBaseJWTValidator.validateSignatureAlgorithm`` refuses ``none`` the same way, and its
``JWTClientSecretValidator`` is the only validator that allows symmetric algorithms.
"""

from __future__ import annotations

from collections.abc import Iterable

from joserfc.jwk import Key, KeySet

from mock_provider.config import ClientConfig

SECRET_JWT, PRIVATE_KEY_JWT = "client_secret_jwt", "private_key_jwt"
HMAC_ALGORITHMS = frozenset({"HS256", "HS384", "HS512"})
_RSA = frozenset({"RS256", "RS384", "RS512", "PS256", "PS384", "PS512"})
_BY_CURVE = {"P-256": {"ES256"}, "P-384": {"ES384"}, "P-521": {"ES512"}, "Ed25519": {"EdDSA", "Ed25519"}}


def method_for(client: ClientConfig, alg: object) -> str | None:
    """The JWT method an assertion signed with ``alg`` claims, if the client is registered for it at all."""
    if not isinstance(alg, str):
        return None
    if alg in HMAC_ALGORITHMS:
        method = SECRET_JWT
    elif alg in _RSA or any(alg in algs for algs in _BY_CURVE.values()):
        method = PRIVATE_KEY_JWT
    else:
        return None  # "none", unknown or misspelt algorithms
    return method if method in client.token_endpoint_auth_methods else None


def algorithms_for_key(key: Key) -> frozenset[str]:
    """The asymmetric algorithms a public key can verify; its own ``alg`` member narrows them further."""
    kty, crv, pinned = (_member(key, name) for name in ("kty", "crv", "alg"))
    if kty == "RSA":
        algs = set(_RSA)
    elif kty in ("EC", "OKP") and crv in _BY_CURVE:
        algs = set(_BY_CURVE[crv])
    else:
        algs = set()  # oct keys and unknown types never verify a private_key_jwt assertion
    return frozenset(algs & {pinned} if pinned else algs)


def verification_keys(keys: KeySet, alg: str, kid: str | None) -> list[Key]:
    """The client's keys that may verify ``alg``: those with ``kid`` (if named) whose type matches ``alg``."""
    return [key for key in _with_kid(keys.keys, kid) if alg in algorithms_for_key(key)]


def has_kid(keys: KeySet, kid: str) -> bool:
    return any(_member(key, "kid") == kid for key in keys.keys)


def _with_kid(keys: Iterable[Key], kid: str | None) -> list[Key]:
    return [key for key in keys if kid is None or _member(key, "kid") == kid]


def _member(key: Key, name: str) -> str | None:
    value = key.get(name)
    return value if isinstance(value, str) else None
