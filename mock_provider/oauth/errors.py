"""Error responses, as Keycloak-backed BankID sends them: JSON ``{error, error_description}`` [S23][S34].

The classes are authlib's (``authlib.oauth2.rfc6749.errors``): each carries ``error``, ``description`` and
``status_code``. This module adds the few BankID uses that authlib lacks and one renderer for all of them.

Every class here takes its description through ``encodable``: RFC 6749 §5.2 allows only printable ASCII
without ``"`` and ``\\`` in ``error_description``, and authlib *raises* on anything else, so a description that
quotes request input (a realm name, a grant type) would otherwise turn a 4xx into a 500.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from authlib.oauth2.base import invalid_error_characters
from authlib.oauth2.rfc6749 import errors as _authlib
from flask import Response, jsonify

__all__ = [
    "InvalidClientError",
    "InvalidGrantError",
    "InvalidRequestError",
    "InvalidScopeError",
    "NotFoundError",
    "OAuth2Error",
    "ServerError",
    "UnauthorizedClientError",
    "UnsupportedGrantTypeError",
    "encodable",
    "error_response",
]


def encodable(description: str | None) -> str | None:
    """``description`` with each character RFC 6749 forbids percent-encoded (UTF-8), so it stays readable."""
    if not description:
        return description
    forbidden = set(invalid_error_characters(description))
    return "".join(quote(char, safe="") if char in forbidden else char for char in description)


class OAuth2Error(_authlib.OAuth2Error):  # type: ignore[misc]
    """authlib's error with an always-encodable description; every error the mock raises derives from it."""

    def __init__(self, description: str | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(encodable(description), *args, **kwargs)


class InvalidClientError(OAuth2Error, _authlib.InvalidClientError):  # type: ignore[misc]
    pass


class InvalidGrantError(OAuth2Error, _authlib.InvalidGrantError):  # type: ignore[misc]
    pass


class InvalidRequestError(OAuth2Error, _authlib.InvalidRequestError):  # type: ignore[misc]
    pass


class InvalidScopeError(OAuth2Error, _authlib.InvalidScopeError):  # type: ignore[misc]
    pass


class UnauthorizedClientError(OAuth2Error, _authlib.UnauthorizedClientError):  # type: ignore[misc]
    pass


class UnsupportedGrantTypeError(OAuth2Error, _authlib.UnsupportedGrantTypeError):  # type: ignore[misc]
    pass


class NotFoundError(OAuth2Error):
    error = "not_found"
    status_code = 404


class MethodNotAllowedError(OAuth2Error):
    error = "invalid_request"
    status_code = 405


class ServerError(OAuth2Error):
    error = "server_error"
    status_code = 500


def error_response(error: OAuth2Error) -> Response:
    body = {"error": error.error}
    if error.description:
        body["error_description"] = error.description
    response = jsonify(body)
    response.status_code = error.status_code or 400
    response.headers["Cache-Control"] = "no-store"
    if error.status_code == 401:
        response.headers["WWW-Authenticate"] = f'Bearer error="{error.error}"'
    return response
