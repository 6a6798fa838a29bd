"""Error responses, as Keycloak-backed BankID sends them: JSON ``{error, error_description}`` [S23][S34].

The classes are authlib's (``authlib.oauth2.rfc6749.errors``): each carries ``error``, ``description`` and
``status_code``. This module adds the few BankID uses that authlib lacks and one renderer for all of them.
"""

from __future__ import annotations

from authlib.oauth2.rfc6749.errors import (
    InvalidClientError,
    InvalidGrantError,
    InvalidRequestError,
    InvalidScopeError,
    OAuth2Error,
    UnauthorizedClientError,
    UnsupportedGrantTypeError,
)
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
    "error_response",
]


class NotFoundError(OAuth2Error):  # type: ignore[misc]
    error = "not_found"
    status_code = 404


class MethodNotAllowedError(OAuth2Error):  # type: ignore[misc]
    error = "invalid_request"
    status_code = 405


class ServerError(OAuth2Error):  # type: ignore[misc]
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
