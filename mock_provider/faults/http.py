"""Building blocks for interceptors: which requests a fault touches, and how it rewrites them or their answer."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from werkzeug.wrappers import Request, Response

from mock_provider.hooks import Handler, Interceptor, replayable

Matches = Callable[[Request], bool]


def on(path_suffix: str, method: str = "GET") -> Matches:
    """Requests to a path ending in ``path_suffix`` with ``method``."""
    return lambda request: request.method == method and request.path.endswith(path_suffix)


def answer(matches: Matches, change: Callable[[Request, Response], Response]) -> Interceptor:
    """Forward every request; change the answer to the matching ones."""

    def interceptor(request: Request, handler: Handler) -> Response:
        response = handler(request)
        return change(request, response) if matches(request) else response

    return interceptor


def ask(matches: Matches, rewrite: Callable[[Request], Request]) -> Interceptor:
    """Rewrite the matching requests before the provider sees them."""

    def interceptor(request: Request, handler: Handler) -> Response:
        return handler(rewrite(request) if matches(request) else request)

    return interceptor


def instead(matches: Matches, make: Callable[[Request], Response]) -> Interceptor:
    """Answer the matching requests without asking the provider at all."""

    def interceptor(request: Request, handler: Handler) -> Response:
        return make(request) if matches(request) else handler(request)

    return interceptor


def as_get(request: Request) -> Request:
    """The same request as a GET, its form body moved into the query string."""
    body = request.get_data(cache=True).decode("latin-1")
    return replayable(request.environ, body=b"", REQUEST_METHOD="GET", QUERY_STRING=body, CONTENT_TYPE="")


def with_form(request: Request, form: dict[str, str]) -> Request:
    from urllib.parse import urlencode

    return replayable(request.environ, body=urlencode(form).encode())


def json_of(response: Response) -> Any:
    return json.loads(response.get_data(as_text=True))


def json_response(body: object, status: int, response: Response | None = None) -> Response:
    """A JSON answer, keeping ``response``'s other headers when given."""
    out = Response(json.dumps(body), status=status, content_type="application/json")
    if response is not None:
        for name, value in response.headers.items():
            if name.lower() not in ("content-type", "content-length"):
                out.headers[name] = value
    return out
