"""Test users at runtime, on the guarded admin API (``Authorization: Bearer <admin token>``) [S59]:

- ``GET /admin/users``: ``{"users": [...]}``;
- ``POST /admin/users``: create; JSON with ``given_name`` and ``family_name``, optional ``nnin``
  (generated when absent), ``birthdate``, ``bankid_altsub``, ``outcome``, ``error_codes``; 201, or 409 if
  it exists;
- ``GET /admin/users/<nnin>``; ``PATCH /admin/users/<nnin>`` (change any field but ``nnin``);
  ``DELETE /admin/users/<nnin>`` (204).

``outcome`` is one of ``cancel``, ``timeout``, ``blocked_certificate``, ``bis_step_up`` or null;
``error_codes`` overrides that outcome's BankID codes (e.g. ``"C301"``). Invalid input is a 400 JSON error.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import re
from typing import Any

from flask import Response, jsonify, request

from mock_provider.admin.guard import admin_blueprint
from mock_provider.oauth.errors import InvalidRequestError, NotFoundError, OAuth2Error
from mock_provider.provider import current_provider
from mock_provider.users import nnin
from mock_provider.users.model import ALTSUB_PATTERN, ERROR_CODES_PATTERN, OUTCOMES, TestUser

_NAME = re.compile(r"^\S.{0,199}$")
_rng = random.SystemRandom()


class ConflictError(OAuth2Error):
    error = "conflict"
    status_code = 409


@admin_blueprint.get("/users")
def list_users() -> Response:
    return jsonify({"users": [user.as_json() for user in current_provider().users.all()]})


@admin_blueprint.get("/users/<number>")
def get_user(number: str) -> Response:
    return jsonify(_existing(number).as_json())


@admin_blueprint.post("/users")
def create_user() -> Response:
    data = _body()
    number = data.get("nnin") or _new_nnin(data)
    if current_provider().users.get(str(number)) is not None:
        raise ConflictError(description=f"Test user {number} already exists")
    user = _validated({"outcome": None, "error_codes": None, **data, "nnin": number})
    _save(user)
    response = jsonify(user.as_json())
    response.status_code = 201
    response.headers["Location"] = f"/admin/users/{user.nnin}"
    return response


@admin_blueprint.patch("/users/<number>")
def change_user(number: str) -> Response:
    data = _body()
    if "nnin" in data and data["nnin"] != number:
        raise InvalidRequestError(description="nnin cannot be changed; create a new user instead")
    user = _validated({**dataclasses.asdict(_existing(number)), **data})
    _save(user)
    return jsonify(user.as_json())


@admin_blueprint.delete("/users/<number>")
def delete_user(number: str) -> Response:
    if not current_provider().users.delete(number):
        raise NotFoundError(description=f"No test user {number}")
    return Response(status=204)


def _existing(number: str) -> TestUser:
    user = current_provider().users.get(number)
    if user is None:
        raise NotFoundError(description=f"No test user {number}")
    return user


def _body() -> dict[str, Any]:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise InvalidRequestError(description="The body must be a JSON object")
    return data


def _new_nnin(data: dict[str, Any]) -> str:
    born = _date(data.get("birthdate")) or dt.date(1980, 1, 1) + dt.timedelta(days=_rng.randint(0, 7000))
    return nnin.generate(born, _rng, female=_rng.random() < 0.5)


def _validated(data: dict[str, Any]) -> TestUser:
    number = data.get("nnin")
    if not isinstance(number, str) or not nnin.is_valid(number):
        raise InvalidRequestError(description="nnin must be 11 digits with valid control digits")
    born = nnin.birthdate(number)
    values: dict[str, Any] = {
        "nnin": number,
        "given_name": _text(data, "given_name"),
        "family_name": _text(data, "family_name"),
        "birthdate": (_date(data.get("birthdate")) or born or dt.date(1970, 1, 1)).isoformat(),
        "bankid_altsub": data.get("bankid_altsub") or f"9578-6000-4-{_rng.randint(100000, 9999999)}",
        "outcome": data.get("outcome"),
        "error_codes": data.get("error_codes"),
    }
    _check_switches(values)
    return TestUser(**values)


def _check_switches(values: dict[str, Any]) -> None:
    if not isinstance(values["bankid_altsub"], str) or not ALTSUB_PATTERN.match(values["bankid_altsub"]):
        raise InvalidRequestError(description="bankid_altsub must look like 9578-6000-4-351726")
    if values["outcome"] is not None and values["outcome"] not in OUTCOMES:
        raise InvalidRequestError(description=f"outcome must be one of {', '.join(OUTCOMES)} or null")
    codes = values["error_codes"]
    if codes is not None and (not isinstance(codes, str) or not ERROR_CODES_PATTERN.match(codes)):
        raise InvalidRequestError(description="error_codes must be comma-separated codes like C301")


def _text(data: dict[str, Any], name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not _NAME.match(value):
        raise InvalidRequestError(description=f"{name} must be a non-empty string of at most 200 characters")
    return value


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InvalidRequestError(description="birthdate must be YYYY-MM-DD") from None


def _save(user: TestUser) -> None:
    users = current_provider().users
    holder = users.by_altsub(user.bankid_altsub)
    if holder is not None and holder.nnin != user.nnin:
        raise ConflictError(description=f"bankid_altsub {user.bankid_altsub} belongs to another test user")
    users.save(user)
