"""JWKS at ``jwks_uri`` and the deprecated ``jwks_uri_enc`` [S36][S37][S38].

Three ``use=sig`` ES256 keys (next, current, previous) with ``x5c`` chains and one ``use=enc`` key; the
``Cache-Control`` header states the minimum guaranteed key lifetime.
"""

from __future__ import annotations

from typing import Any

from flask import Response, json

from mock_provider.endpoints.conditional import conditional, document
from mock_provider.endpoints.realm import current_realm, realm_blueprint
from mock_provider.hooks import JwksContext
from mock_provider.keys.keyring import SigningKey
from mock_provider.provider import Provider, current_provider


def _jwks_response(provider: Provider, keys: list[SigningKey], endpoint: str) -> Response:
    realm = current_realm().name
    context = JwksContext(endpoint=endpoint, signing_kid=provider.keyring(realm).signing.kid)

    def build() -> bytes:
        jwks: list[dict[str, Any]] = provider.config.faults.jwks([key.public_jwk() for key in keys], context)
        return json.dumps({"keys": jwks}).encode("utf-8")

    # A rotation changes the kids (or which one signs): a new version, rebuilt once.
    version = (context.signing_kid, tuple(key.kid for key in keys))
    served = document(provider, ("jwks", realm, endpoint), version, build)
    cache_control = f"public, max-age={_max_age(provider)}, must-revalidate, no-transform"
    return conditional(served, "application/json", cache_control=cache_control)


def _max_age(provider: Provider) -> int:
    """The minimum guaranteed key lifetime [S38]: with rotation, no longer than until the previous key retires."""
    remaining = provider.seconds_to_rotation(current_realm().name)
    limit = provider.config.jwks_max_age
    return limit if remaining is None else max(1, min(limit, int(remaining)))


@realm_blueprint.get("/protocol/openid-connect/certs")
def certs() -> Response:
    provider = current_provider()
    ring = provider.keyring(current_realm().name)
    return _jwks_response(provider, ring.published("sig") + ring.published("enc"), "sig")


@realm_blueprint.get("/protocol/openid-connect/certs/enc")
def certs_enc() -> Response:
    provider = current_provider()
    return _jwks_response(provider, provider.keyring(current_realm().name).published("enc"), "enc")
