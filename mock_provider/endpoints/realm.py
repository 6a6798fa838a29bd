"""The realm blueprint: every route under ``/auth/realms/<realm>``; an unknown realm is a JSON 404."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, request

from mock_provider.oauth.errors import InvalidRequestError, NotFoundError
from mock_provider.provider import Realm, current_provider

realm_blueprint = Blueprint("realm", __name__, url_prefix="/auth/realms/<realm>")


@realm_blueprint.url_value_preprocessor
def _pull_realm(_endpoint: str | None, values: dict[str, Any] | None) -> None:
    name = (values or {}).pop("realm", None)
    realm = current_provider().realms.get(str(name))
    if realm is None:
        raise NotFoundError(description=f"Realm does not exist: {name}")
    g.realm = realm


@realm_blueprint.url_defaults
def _push_realm(_endpoint: str, values: dict[str, Any]) -> None:
    if "realm" not in values and "realm" in g:
        values["realm"] = g.realm.name


def current_realm() -> Realm:
    realm: Realm = g.realm
    return realm


def form() -> dict[str, str]:
    """The form body of a POST. Repeated parameters are a request error, as RFC 6749 §3.1 requires."""
    if request.mimetype != "application/x-www-form-urlencoded":
        raise InvalidRequestError(description="Content-Type must be application/x-www-form-urlencoded")
    fields = request.form
    repeated = [key for key in fields if len(fields.getlist(key)) > 1]
    if repeated:
        raise InvalidRequestError(description=f"Parameter repeated: {repeated[0]}")
    return {key: fields[key] for key in fields}
