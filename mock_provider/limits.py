"""Request limits: how much of a request the mock reads at all, so no body costs more than it is worth.

- Body size: 10 MiB, Keycloak's own limit (it runs on Quarkus, whose ``quarkus.http.limits.max-body-size``
  defaults to 10M); larger bodies are a 413 before they are parsed. Werkzeug's defaults bound the form further
  (500 kB per field, 1000 fields). A chunked body (no Content-Length) is measured first (``capped_bodies``):
  Werkzeug stops reading it at the limit without saying so, which would hand the app a truncated form. A
  fault profile's interceptor buffers bodies through ``read_body`` too (``mock_provider.hooks.intercepted``).
- JSON nesting: Keycloak's Jackson refuses documents nested deeper than 1000 levels
  (``StreamReadConstraints.DEFAULT_MAX_DEPTH``); Python's recursive parser would hit its recursion limit below
  that, so the mock refuses beyond ``MAX_JSON_DEPTH``, far above anything it accepts (a provisioning request
  nests 4 levels), with a 400 that says so.
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from flask import Flask
from flask.json.provider import DefaultJSONProvider
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wsgi import get_content_length, get_input_stream

from mock_provider.oauth.errors import InvalidRequestError, OAuth2Error, error_response

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

MAX_BODY_BYTES = 10 * 1024 * 1024
MAX_JSON_DEPTH = 128
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")
_READ_CHUNK = 64 * 1024


def too_deep(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether arrays and objects in ``text`` nest deeper than ``limit`` (brackets inside strings do not count)."""
    if text.count("[") + text.count("{") <= limit:
        return False  # the common case, without a scan
    brackets = _BRACKET.findall(_STRING.sub("", text))
    return max(itertools.accumulate((1 if b in "[{" else -1 for b in brackets), initial=0)) > limit


class LimitedJSONProvider(DefaultJSONProvider):
    """Flask's JSON, refusing a request body nested deeper than ``MAX_JSON_DEPTH`` with a 400 naming why."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        text = s.decode("utf-8", errors="replace") if isinstance(s, bytes) else s
        if too_deep(text):
            # Not a ValueError: get_json(silent=True) would swallow it into "not JSON" and lose the reason.
            raise InvalidRequestError(description=f"The JSON body is nested deeper than {MAX_JSON_DEPTH} levels")
        return super().loads(s, **kwargs)


def read_body(environ: WSGIEnvironment, limit: int = MAX_BODY_BYTES) -> bytes | None:
    """The whole request body, or ``None`` when it is over ``limit`` bytes; never reads more than ``limit + 1``.

    Werkzeug's stream is bounded by Content-Length, raw when the server terminates a chunked body
    (``wsgi.input_terminated``), and empty otherwise, as the app itself would read it."""
    declared = get_content_length(environ)
    if declared is not None and declared > limit:
        return None
    stream = get_input_stream(environ)
    body = bytearray()
    while len(body) <= limit:
        chunk = stream.read(min(_READ_CHUNK, limit + 1 - len(body)))
        if not chunk:
            break
        body += chunk
    return None if len(body) > limit else bytes(body)


def too_large(environ: WSGIEnvironment, limit: int = MAX_BODY_BYTES) -> WSGIEnvironment:
    """A copy of ``environ`` the app refuses as too large (its own 413 JSON), with no body left to read."""
    return with_body(environ, b"", length=limit + 1)


def with_body(environ: WSGIEnvironment, body: bytes, *, length: int | None = None) -> WSGIEnvironment:
    """A copy of ``environ`` carrying ``body`` as a measured one. Transfer-Encoding goes: Werkzeug ignores
    Content-Length on a chunked request, and the body handed on is no longer chunked."""
    copy = {k: v for k, v in environ.items() if k != "HTTP_TRANSFER_ENCODING"}
    copy.update({"CONTENT_LENGTH": str(len(body) if length is None else length), "wsgi.input": io.BytesIO(body)})
    return copy


def capped_bodies(app: WSGIApplication, refuse: WSGIApplication, limit: int = MAX_BODY_BYTES) -> WSGIApplication:
    """``app`` behind Quarkus's body limit: a declared Content-Length over ``limit`` is answered by ``refuse``
    before any route is matched, as Quarkus's upload-limit route (order -2) does, so a route that never reads a
    body (authorize, discovery) gives the same 413 as one that does, not a 405 or a 200. A chunked body is seen
    as a measured one: within ``limit`` with its Content-Length, over it as a 413. Everything else passes
    straight through."""

    def wsgi(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        if "chunked" not in environ.get("HTTP_TRANSFER_ENCODING", "").lower():
            declared = get_content_length(environ)
            return (refuse if declared is not None and declared > limit else app)(environ, start_response)
        body = read_body(environ, limit)
        return (refuse if body is None else app)(with_body(environ, body or b""), start_response)

    return wsgi


def _refusal(app: Flask) -> WSGIApplication:
    """The 413 the app's own error handler gives a body Werkzeug found too large: the same JSON, word for word."""
    error = OAuth2Error(description=RequestEntityTooLarge.description, status_code=413, error="invalid_request")

    def wsgi(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        with app.app_context():
            return error_response(error)(environ, start_response)

    return wsgi


def apply(app: Flask) -> None:
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    provider = LimitedJSONProvider(app)
    provider.sort_keys = False
    app.json = provider
    app.wsgi_app = capped_bodies(app.wsgi_app, _refusal(app))  # type: ignore[method-assign,assignment]  # Flask's middleware hook
