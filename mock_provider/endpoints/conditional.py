"""Discovery and JWKS as pre-serialised bytes with a strong ``ETag``; ``If-None-Match`` gets a 304.

Every relying party, and every CI run, polls these two documents; they change only when the keys rotate. The
body is built (fault hooks included) and serialised once per version and kept on the provider; each request
then only compares validators. Keycloak sends no ``ETag`` here; a client that does not send ``If-None-Match``
sees the same response as before. RFC 9110 §8.8.3 (ETag), §13.1.2 (If-None-Match, weak comparison),
§15.4.5 (a 304 repeats ``Cache-Control`` and ``ETag``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from flask import Response, request

from mock_provider.provider import Provider


@dataclass(frozen=True)
class Document:
    version: Hashable
    body: bytes
    etag: str


def document(provider: Provider, name: Hashable, version: Hashable, build: Callable[[], bytes]) -> Document:
    """The document ``name`` at ``version``, built once; a new version replaces the old one."""
    found = provider.documents.get(name)
    if not isinstance(found, Document) or found.version != version:
        body = build()
        found = Document(version, body, hashlib.sha256(body).hexdigest()[:32])
        provider.documents[name] = found  # two threads building at once store equal documents
    return found


def conditional(served: Document, content_type: str, *, cache_control: str | None = None) -> Response:
    """200 with the body, or 304 without it when ``If-None-Match`` names this version."""
    if request.if_none_match.contains_weak(served.etag):
        response = Response(status=304)
    else:
        response = Response(served.body, status=200, content_type=content_type)
    response.set_etag(served.etag)
    if cache_control is not None:
        response.headers["Cache-Control"] = cache_control
    return response
