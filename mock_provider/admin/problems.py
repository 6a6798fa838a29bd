"""Admin API error bodies: the provider's ``{error, error_description}`` shape, plus the field ``errors`` list
of a rejected provisioning request or RA order, so a caller sees every problem at once (never a 500)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from flask import Blueprint, Response, jsonify, request

from mock_provider.oauth.errors import OAuth2Error


class AdminProblemError(OAuth2Error):
    """An admin request that cannot be served; ``errors`` lists ``{field, message}`` items, if any."""

    def __init__(self, status: int, error: str, description: str, errors: Iterable[Mapping[str, str]] = ()) -> None:
        super().__init__(description=description, status_code=status, error=error)
        self.errors = [dict(e) for e in errors]

    def response(self) -> Response:
        body: dict[str, Any] = {"error": self.error, "error_description": self.description}
        if self.errors:
            body["errors"] = self.errors
        response = jsonify(body)
        response.status_code = self.status_code
        response.headers["Cache-Control"] = "no-store"
        return response


def json_body() -> dict[str, Any]:
    """The request's JSON object, or a 400 that says why it is not one."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise AdminProblemError(
            400, "invalid_request", "The body must be a JSON object (Content-Type: application/json)"
        )
    return body


def not_found(what: str) -> AdminProblemError:
    return AdminProblemError(404, "not_found", f"{what} does not exist")


def conflict(description: str) -> AdminProblemError:
    return AdminProblemError(409, "conflict", description)


def invalid(errors: Iterable[Mapping[str, str]], description: str) -> AdminProblemError:
    return AdminProblemError(422, "invalid_request", description, errors)


def register(blueprint: Blueprint) -> None:
    """Render ``AdminProblemError`` with its field list (the app's handler knows only OAuth2Error)."""

    @blueprint.errorhandler(AdminProblemError)
    def _problem(problem: AdminProblemError) -> Response:
        return problem.response()
