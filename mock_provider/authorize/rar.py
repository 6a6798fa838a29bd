"""``authorization_details`` (RFC 9396) as BankID accepts it: only via PAR, an array whose item carries a
base64url ``permission`` statement; the tokens then carry ``permission_digest``, the base64url SHA-256 of that
statement [S40]."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from typing import Any

from mock_provider.authorize.errors import RedirectError


def parse(value: str) -> list[dict[str, Any]]:
    """The details array, or ``invalid_authorization_details`` (RFC 9396 §5)."""
    try:
        details = json.loads(value)
    except (ValueError, RecursionError) as exc:
        raise _invalid("authorization_details is not JSON") from exc
    if not isinstance(details, list) or not details:
        raise _invalid("authorization_details must be a non-empty JSON array")
    for item in details:
        if not isinstance(item, dict) or not isinstance(item.get("type"), str):
            raise _invalid("each authorization_details item must be an object with a string type")
    return details


def permission_digest(details: list[dict[str, Any]]) -> str | None:
    """The digest of the first item's permission statement, or ``None`` if no item carries one."""
    for item in details:
        permission = item.get("permission")
        if isinstance(permission, str):
            statement = _b64decode(permission)
            return base64.urlsafe_b64encode(hashlib.sha256(statement).digest()).rstrip(b"=").decode()
    return None


def _b64decode(value: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError) as exc:
        raise _invalid("permission is not base64url") from exc


def _invalid(description: str) -> RedirectError:
    return RedirectError("invalid_authorization_details", description)
