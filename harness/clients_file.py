"""``BANKID_CLIENTS_FILE``: the clients an integrator was provisioned, one TOML table per role.

```toml
[clients.main]                      # the conformance client
client_id = "myclient-bankid-current"
secret_env = "MAIN_SECRET"          # the NAME of the environment variable holding the secret
redirect_uri = "https://localhost:3000/callback"
scope = "openid profile"
auth_methods = ["client_secret_basic", "private_key_jwt"]
private_jwk_file = "main.jwk.json"  # relative to this file
display_name = "My Shop AS"         # the name the login dialog should show, as provisioned [S3][S62]

[clients.bis]                       # BankID with biometrics enabled [S59]
[clients.ineligible]                # not eligible for nnin_altsub [S47]
```

Secrets are never in the file: ``secret_env`` names the variable. A client provisioned for
``private_key_jwt`` only needs no secret. Every problem is a ``SettingsError`` naming the file and the field.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from harness.secret import Secret

ROLES = ("main", "bis", "ineligible")
AUTH_METHODS = ("client_secret_basic", "client_secret_post", "client_secret_jwt", "private_key_jwt")
DEFAULT_AUTH_METHODS = ("client_secret_basic", "client_secret_post")
# The methods that cannot work without the client secret [S27].
SECRET_METHODS = frozenset({"client_secret_basic", "client_secret_post", "client_secret_jwt"})
_FIELDS = ("client_id", "secret_env", "redirect_uri", "scope", "auth_methods", "private_jwk_file", "display_name")


class SettingsError(ValueError):
    """A setting or settings file is wrong; the message names the variable or ``file:field`` and the value."""


@dataclass(frozen=True, kw_only=True)
class ClientSettings:
    client_id: str
    secret: Secret | None = None
    redirect_uri: str | None = None
    scope: str | None = None
    auth_methods: tuple[str, ...] = DEFAULT_AUTH_METHODS
    private_jwk_file: Path | None = None
    display_name: str | None = None


def read_clients_file(path: Path, environ: Mapping[str, str]) -> Mapping[str, ClientSettings]:
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"BANKID_CLIENTS_FILE {path}: {exc}") from exc
    unknown = sorted(set(document) - {"clients"})
    if unknown:
        raise SettingsError(f"{path}: unknown top-level key {unknown[0]!r}; expected [clients.<role>] tables")
    tables = document.get("clients", {})
    if not isinstance(tables, dict) or not tables:
        raise SettingsError(f"{path}: no [clients.<role>] table; roles are {', '.join(ROLES)}")
    return MappingProxyType({role: _client(path, role, table, environ) for role, table in tables.items()})


def _client(path: Path, role: str, table: Any, environ: Mapping[str, str]) -> ClientSettings:
    where = f"{path}: clients.{role}"
    if role not in ROLES:
        raise SettingsError(f"{where}: unknown role {role!r}; roles are {', '.join(ROLES)}")
    if not isinstance(table, dict):
        raise SettingsError(f"{where}: must be a table")
    if extra := sorted(set(table) - set(_FIELDS)):
        raise SettingsError(f"{where}: unknown field {extra[0]!r}; fields are {', '.join(_FIELDS)}")
    client_id = _text(where, table, "client_id", required=True)
    methods = _auth_methods(where, table.get("auth_methods"))
    jwk = _text(where, table, "private_jwk_file")
    if "private_key_jwt" in methods and jwk is None:
        raise SettingsError(f"{where}.private_jwk_file: required for private_key_jwt")
    return ClientSettings(
        client_id=str(client_id),
        secret=_secret(where, table, methods, environ),
        redirect_uri=_text(where, table, "redirect_uri"),
        scope=_text(where, table, "scope"),
        auth_methods=methods,
        private_jwk_file=(path.parent / jwk) if jwk else None,
        display_name=_text(where, table, "display_name"),
    )


def _text(where: str, table: Mapping[str, Any], key: str, *, required: bool = False) -> str | None:
    value = table.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise SettingsError(f"{where}.{key}: must be a non-empty string, not {value!r}")
    return value.strip()


def _auth_methods(where: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return DEFAULT_AUTH_METHODS
    if isinstance(value, str):
        value = value.replace(",", " ").split()
    if not isinstance(value, list) or not value:
        raise SettingsError(f"{where}.auth_methods: must be a non-empty list of methods")
    for method in value:
        if method not in AUTH_METHODS:
            raise SettingsError(f"{where}.auth_methods: unknown method {method!r}; known: {', '.join(AUTH_METHODS)}")
    return tuple(value)


def _secret(
    where: str, table: Mapping[str, Any], methods: tuple[str, ...], environ: Mapping[str, str]
) -> Secret | None:
    name = _text(where, table, "secret_env")
    if name is None:
        if SECRET_METHODS & set(methods):
            raise SettingsError(f"{where}.secret_env: required for {', '.join(sorted(SECRET_METHODS & set(methods)))}")
        return None
    value = environ.get(name, "").strip()
    if not value:
        raise SettingsError(f"{where}.secret_env: the environment variable {name} is not set")
    return Secret(value)
