"""JWKS and key-rotation rules, PROVIDER-FACTS §10 rules 12–16 [S36][S37][S38].

https://developer.bankid.no/bankid-oidc-provider/api/jwks
"""

from __future__ import annotations

import base64
import re
from collections import Counter
from typing import Any

from cryptography import x509
from joserfc.jwk import ECKey

from harness.http import Reply
from harness.rules.registry import Level, expect, rule

_MAX_AGE = re.compile(r"(?:^|,)\s*max-age\s*=\s*(\d+)", re.IGNORECASE)


def _keys(reply: Reply) -> list[dict[str, Any]]:
    body = reply.json_object() or {}
    keys = body.get("keys")
    return [k for k in keys if isinstance(k, dict)] if isinstance(keys, list) else []


@rule("BID-R12", title="JWKS is well formed with unique kids", sources=("S37", "S38"))
def well_formed(reply: Reply) -> None:
    """GET ``jwks_uri`` → 200 JSON with a non-empty ``keys``; every key has ``kid``, ``kty``, ``use`` ∈
    {sig, enc}; the ``kid``s are unique [S37][S38]."""
    expect(reply.status == 200, expected=200, seen=reply.status, note="HTTP status")
    keys = _keys(reply)
    expect(bool(keys), expected="a non-empty keys array", seen=reply.text[:200])
    incomplete = [k.get("kid") for k in keys if not (k.get("kid") and k.get("kty") and k.get("use") in ("sig", "enc"))]
    expect(
        not incomplete,
        expected="kid, kty and use in {sig, enc} on every key",
        seen=f"incomplete: {incomplete}",
    )
    duplicated = [kid for kid, n in Counter(k["kid"] for k in keys).items() if n > 1]
    expect(not duplicated, expected="unique kids", seen=f"duplicated: {duplicated}")


@rule("BID-R13", title="An ES256 P-256 signing key with an x5c chain", sources=("S37",))
def es256_with_x5c(reply: Reply) -> None:
    """At least one ``use=sig``, ``alg=ES256``, ``kty=EC``, ``crv=P-256`` key, carrying ``x5c`` [S37]; the
    chain's leaf certificate holds that same public key."""
    candidates = [
        k
        for k in _keys(reply)
        if k.get("use") == "sig" and k.get("alg") == "ES256" and k.get("kty") == "EC" and k.get("crv") == "P-256"
    ]
    expect(bool(candidates), expected="a use=sig ES256 EC P-256 key", seen=[_describe(k) for k in _keys(reply)])
    with_chain = [k for k in candidates if isinstance(k.get("x5c"), list) and k["x5c"]]
    expect(bool(with_chain), expected="x5c on the ES256 signing key", seen=[_describe(k) for k in candidates])
    mismatched = [k["kid"] for k in with_chain if not _leaf_matches(k)]
    expect(not mismatched, expected="x5c[0] certifies the JWK's public key", seen=f"mismatch for {mismatched}")


def _describe(key: dict[str, Any]) -> str:
    return f"{key.get('kid')}:{key.get('use')}/{key.get('kty')}/{key.get('alg')}/{key.get('crv')}"


def _leaf_matches(jwk: dict[str, Any]) -> bool:
    try:
        leaf = x509.load_der_x509_certificate(base64.b64decode(jwk["x5c"][0]))
        public = ECKey.import_key({k: jwk[k] for k in ("kty", "crv", "x", "y")})
        return bool(leaf.public_key() == public.public_key)
    except (ValueError, KeyError, TypeError):
        return False


@rule("BID-R14", title="JWKS responses carry a positive Cache-Control max-age", sources=("S38",))
def cache_control(reply: Reply) -> None:
    """The JWKS response has ``Cache-Control`` with a positive ``max-age`` [S38]."""
    header = reply.headers.get("cache-control", "")
    match = _MAX_AGE.search(header)
    expect(match is not None and int(match.group(1)) > 0, expected="max-age=<positive>", seen=header or None)


@rule("BID-R15", title="Three signing keys per algorithm", sources=("S38",), level=Level.ADVISORY)
def three_per_alg(reply: Reply) -> None:
    """Advisory: for each signing alg there are exactly 3 ``use=sig`` keys (next/current/previous) [S38]."""
    per_alg = Counter(k.get("alg") for k in _keys(reply) if k.get("use") == "sig")
    expect(bool(per_alg) and all(n == 3 for n in per_alg.values()), expected="3 per alg", seen=dict(per_alg))


@rule("BID-R16", title="jwks_uri_enc serves encryption keys", sources=("S36", "S37"))
def enc_keys(reply: Reply) -> None:
    """If ``jwks_uri_enc`` is present, it returns keys with ``use=enc`` [S36][S37]."""
    expect(reply.status == 200, expected=200, seen=reply.status, note="HTTP status")
    uses = [k.get("use") for k in _keys(reply)]
    expect(bool(uses) and all(u == "enc" for u in uses), expected="only use=enc keys", seen=uses)
