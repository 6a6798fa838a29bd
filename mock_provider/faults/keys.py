"""Faults in the published keys and the key tokens are signed with (BID-R12..R16, R21)."""

from __future__ import annotations

import dataclasses
import functools

from joserfc.jwk import ECKey
from werkzeug.wrappers import Request, Response

from mock_provider.faults.http import answer, on
from mock_provider.hooks import FaultProfile, Json, JwksContext
from mock_provider.keys.keyring import SigningKey

CERTS = "/protocol/openid-connect/certs"


def _duplicate_kid(keys: list[Json], context: JwksContext) -> list[Json]:
    # The previous key takes the next key's kid; the current (signing) key stays resolvable.
    if context.endpoint == "sig" and len(keys) > 2:
        keys[2]["kid"] = keys[0]["kid"]
    return keys


def _no_x5c(keys: list[Json], context: JwksContext) -> list[Json]:
    return [{k: v for k, v in key.items() if k != "x5c"} for key in keys]


def _only_the_signing_key(keys: list[Json], context: JwksContext) -> list[Json]:
    """No next or previous key published: rotation is not announced, but every token still verifies."""
    return [key for key in keys if key.get("use") != "sig" or key.get("kid") == context.signing_kid]


def _previous_key_unpublished(keys: list[Json], context: JwksContext) -> list[Json]:
    """At a rotation the old signing key disappears at once, though tokens it signed are still valid [S38]."""
    kids = [k.get("kid") for k in keys if k.get("use") == "sig"]
    if context.signing_kid not in kids:
        return keys
    retired = set(kids[kids.index(context.signing_kid) + 1 :])
    return [k for k in keys if k.get("kid") not in retired]


def _signing_keys_at_enc(keys: list[Json], context: JwksContext) -> list[Json]:
    """``jwks_uri_enc`` serves keys marked for signing (what BID-R16 catches)."""
    return [{**key, "use": "sig"} for key in keys] if context.endpoint == "enc" else keys


def cache_control(value: str) -> FaultProfile:
    """A JWKS served with ``Cache-Control: value`` whatever the keys' real lifetime."""

    def change(request: Request, response: Response) -> Response:
        response.headers["Cache-Control"] = value
        return response

    return FaultProfile(interceptor=answer(on(CERTS), change))


@functools.cache
def _unpublished_key() -> ECKey:
    """A valid ES256 signing key that no JWKS publishes: the fault a relying party must refuse."""
    return ECKey.generate_key("P-256", parameters={"use": "sig", "alg": "ES256"}, auto_kid=True)


def _unpublished(key: SigningKey) -> SigningKey:
    rogue = _unpublished_key()
    return dataclasses.replace(key, kid=str(rogue.kid), key=rogue)


PROFILES = {
    "duplicate-kid": FaultProfile(jwks=_duplicate_kid),
    "no-x5c": FaultProfile(jwks=_no_x5c),
    "no-cache-control": cache_control("no-cache"),
    "one-signing-key": FaultProfile(jwks=_only_the_signing_key),
    "rotation-drops-previous-key": FaultProfile(jwks=_previous_key_unpublished),  # R15; the JWKS-cache test
    "unpublished-signing-key": FaultProfile(signing_key=_unpublished),
    "enc-keys-marked-sig": FaultProfile(jwks=_signing_keys_at_enc),
}
