"""A client's public keys: its registered ``jwks``, or the JWKS at its ``jwks_uri`` [S27][S28][S43].

A ``jwks_uri`` is fetched with a short timeout and cached for ``CACHE_SECONDS``; an unknown ``kid`` triggers
one refetch, so a client can rotate keys without waiting for the cache. The cache lives on the Flask app, so
each mock (and each test) has its own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from flask import current_app
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from mock_provider.config import ClientConfig
from mock_provider.provider import Provider

CACHE_SECONDS = 300
FETCH_TIMEOUT = 3.0
_CACHE = "bankid_mock_jwks_cache"


class ClientKeysError(Exception):
    """The client has no usable keys: none registered, or its ``jwks_uri`` could not be read."""


@dataclass(frozen=True)
class _Cached:
    keys: KeySet
    kids: frozenset[str]
    fetched_at: float


def client_key_set(provider: Provider, client: ClientConfig, kid: str | None = None) -> KeySet:
    """The key set to verify ``client``'s signatures; ``kid`` (if given) must be in it."""
    if client.jwks is not None:
        return _import(dict(client.jwks))
    if not client.jwks_uri:
        raise ClientKeysError("Client has no registered JWKS or jwks_uri")
    cache: dict[str, _Cached] = current_app.extensions.setdefault(_CACHE, {})
    cached = cache.get(client.jwks_uri)
    stale = cached is None or provider.now() - cached.fetched_at > CACHE_SECONDS
    if stale or (kid is not None and cached is not None and kid not in cached.kids):
        cached = _fetch(provider, client.jwks_uri)
        cache[client.jwks_uri] = cached
    assert cached is not None
    return cached.keys


def _fetch(provider: Provider, url: str) -> _Cached:
    import httpx  # only a client with a jwks_uri needs it: the mock starts without loading an HTTP client

    try:
        with httpx.Client(transport=provider.config.outbound_transport, timeout=FETCH_TIMEOUT) as http:
            response = http.get(url, headers={"Accept": "application/json"})
        response.raise_for_status()
        data = response.json()
    except (httpx.HTTPError, json.JSONDecodeError) as exc:
        raise ClientKeysError(f"Client jwks_uri could not be read: {exc}") from exc
    keys = _import(data)
    kids = frozenset(str(k.kid) for k in keys.keys if k.kid)
    return _Cached(keys, kids, provider.now())


def _import(data: Any) -> KeySet:
    try:
        return KeySet.import_key_set(data)
    except (JoseError, ValueError, TypeError, KeyError) as exc:
        raise ClientKeysError(f"Client JWKS is not a valid key set: {exc}") from exc
