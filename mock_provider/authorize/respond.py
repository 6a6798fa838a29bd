"""How the authorize endpoint answers: a 303 to the client in the requested ``response_mode`` (query,
fragment or form_post [S10][S16]), or an HTML error page when the client cannot be trusted [S15][S17]."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

from flask import Response, render_template

from mock_provider.authorize.errors import AuthorizeError, PageError


@dataclass(frozen=True)
class Target:
    """Where and how the answer to one authorization request goes."""

    redirect_uri: str
    state: str | None
    response_mode: str = "query"


def redirect_response(target: Target, params: dict[str, str | None]) -> Response:
    values = {k: v for k, v in params.items() if v is not None}
    if target.response_mode == "form_post":
        html = render_template("form_post.html", action=target.redirect_uri, params=values)
        return _no_store(Response(html, status=200, content_type="text/html; charset=utf-8"))
    response = Response(status=303, headers={"Location": _location(target, values)})
    return _no_store(response)


def error_redirect(target: Target, error: AuthorizeError, *, with_state: bool = True) -> Response:
    return redirect_response(
        target,
        {
            "error": error.error,
            "error_description": error.description,
            "state": target.state if with_state else None,
        },
    )


def error_page(error: PageError) -> Response:
    html = render_template("error.html", error=error.error, description=error.description)
    return _no_store(Response(html, status=error.status, content_type="text/html; charset=utf-8"))


def _location(target: Target, values: dict[str, str]) -> str:
    parts = urlsplit(target.redirect_uri)
    encoded = urlencode(values)
    if target.response_mode == "fragment":
        return urlunsplit(parts._replace(fragment=encoded))
    query = f"{parts.query}&{encoded}" if parts.query else encoded
    return urlunsplit(parts._replace(query=query))


def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response
