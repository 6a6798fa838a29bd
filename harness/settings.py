"""Settings: one frozen object, the only place environment variables are read.

| variable | meaning |
|---|---|
| ``BANKID_TARGET`` | default ``--target``: ``mock``, ``mock-server`` or a discovery URL |
| ``BANKID_CLIENT_ID`` / ``BANKID_CLIENT_SECRET`` | a provisioned client for live runs (the ``main`` role) |
| ``BANKID_REDIRECT_URI`` | a redirect URI registered for that client |
| ``BANKID_SCOPE`` | a scope the client may use with client_credentials |
| ``BANKID_CLIENT_DISPLAY_NAME`` | the name the login dialog should show for the client, as provisioned [S3] |
| ``BANKID_AUTH_METHODS`` | the client's authentication methods, comma-separated (default: basic and post) |
| ``BANKID_PRIVATE_JWK_FILE`` | a JSON file with the client's private JWK, for ``private_key_jwt`` |
| ``BANKID_CLIENTS_FILE`` | a TOML file with a client per role (``harness.clients_file``); secrets stay in the env |
| ``BANKID_CA_BUNDLE`` | PEM file to verify the target's TLS certificate (default: system store) |
| ``BANKID_ADMIN_TOKEN`` / ``BANKID_ADMIN_URL`` | a mock's admin API, for mock-only scenarios against a served mock |
| ``BANKID_LOGIN`` | login driver: ``none`` (default), ``manual`` or ``browser`` (``harness.login``) |
| ``BANKID_LOGIN_TIMEOUT`` | seconds a login may take (default 300 for manual, 60 for browser) |
| ``BANKID_TEST_USER_NNIN`` | the BankID test user the browser driver logs in as (RA preprod [S59][S60]) |
| ``BANKID_TIMEOUT`` / ``BANKID_SCENARIO_TIMEOUT`` / ``BANKID_RUN_TIMEOUT`` | total deadlines in seconds |
| ``BANKID_MAX_RESPONSE_BYTES`` | largest response body read (default 5 MB) |
| ``BANKID_MAX_RATE`` | requests per second to a live target (default 10) |
| ``BANKID_HTTPS_PROXY`` | an explicit proxy for live targets (environment proxies are ignored) |
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

from harness.clients_file import (
    AUTH_METHODS,
    DEFAULT_AUTH_METHODS,
    ClientSettings,
    SettingsError,
    read_clients_file,
)
from harness.secret import Secret

__all__ = ["AUTH_METHODS", "LOGIN_DRIVERS", "ClientSettings", "Settings", "SettingsError"]

ROOT = Path(__file__).resolve().parent.parent


def _features_dir() -> Path:
    """The scenarios: ``features/`` in a source checkout, else the copy installed with ``bankid_conformance``."""
    if (ROOT / "pyproject.toml").is_file() and (ROOT / "features").is_dir():
        return ROOT / "features"
    import bankid_conformance

    return Path(bankid_conformance.__file__).resolve().parent / "features"


LOGIN_DRIVERS = ("none", "manual", "browser")
_T = TypeVar("_T")


@dataclass(frozen=True, kw_only=True)
class Settings:
    targets: tuple[str, ...] = ("mock",)
    client_id: str | None = None
    client_secret: Secret | None = None
    redirect_uri: str | None = None
    scope: str | None = None
    display_name: str | None = None
    auth_methods: tuple[str, ...] = DEFAULT_AUTH_METHODS
    private_jwk_file: Path | None = None
    # Clients by role ("main", "bis", "ineligible"); "main" falls back to the single-client variables.
    clients: Mapping[str, ClientSettings] = field(default_factory=lambda: MappingProxyType({}))
    ca_bundle: Path | None = None
    admin_url: str | None = None
    admin_token: Secret | None = None
    login: str = "none"
    login_timeout: float | None = None
    test_user_nnin: str | None = None
    allow_insecure_http: bool = False
    # Reports go where the run is started (``./reports``), never into the installed package.
    reports_dir: Path = field(default_factory=lambda: Path.cwd() / "reports")
    features_dir: Path = field(default_factory=_features_dir)
    timeout: float = 10.0
    scenario_timeout: float = 180.0
    run_timeout: float = 3600.0
    max_response_bytes: int = 5 * 1024 * 1024
    max_rate: float = 10.0
    https_proxy: str | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Read the environment; a bad value raises ``SettingsError`` naming the variable (or file) and value."""
        env = os.environ if environ is None else environ

        def text(name: str) -> str | None:
            value = env.get(name, "").strip()
            return value or None

        values: dict[str, object] = {
            "client_id": text("BANKID_CLIENT_ID"),
            "client_secret": Secret.wrap(text("BANKID_CLIENT_SECRET")),
            "redirect_uri": text("BANKID_REDIRECT_URI"),
            "scope": text("BANKID_SCOPE"),
            "display_name": text("BANKID_CLIENT_DISPLAY_NAME"),
            "ca_bundle": Path(p) if (p := text("BANKID_CA_BUNDLE")) else None,
            "private_jwk_file": Path(p) if (p := text("BANKID_PRIVATE_JWK_FILE")) else None,
            "admin_url": text("BANKID_ADMIN_URL"),
            "admin_token": Secret.wrap(text("BANKID_ADMIN_TOKEN")),
            "test_user_nnin": text("BANKID_TEST_USER_NNIN"),
            "https_proxy": _proxy(text("BANKID_HTTPS_PROXY")),
        }
        if methods := text("BANKID_AUTH_METHODS"):
            values["auth_methods"] = _methods(methods)
        if target := text("BANKID_TARGET"):
            values["targets"] = (target,)
        if login := text("BANKID_LOGIN"):
            values["login"] = _choice("BANKID_LOGIN", login, LOGIN_DRIVERS)
        for name, key, parse in _NUMBERS:
            if raw := text(name):
                values[key] = _number(name, raw, parse)
        if clients_file := text("BANKID_CLIENTS_FILE"):
            values["clients"] = read_clients_file(Path(clients_file), env)
        values.update({k: v for k, v in overrides.items() if v is not None})
        settings = cls(**values)  # type: ignore[arg-type]
        if settings.login == "browser" and not settings.test_user_nnin:
            raise SettingsError("BANKID_LOGIN=browser needs BANKID_TEST_USER_NNIN (a test user from RA preprod [S59])")
        return settings

    def client(self, role: str) -> ClientSettings | None:
        """The client for ``role``; ``main`` comes from the clients file, else from ``BANKID_CLIENT_*``."""
        if role in self.clients:
            return self.clients[role]
        if role != "main" or not self.client_id:
            return None
        return ClientSettings(
            client_id=self.client_id,
            secret=self.client_secret,
            redirect_uri=self.redirect_uri,
            scope=self.scope,
            auth_methods=self.auth_methods,
            private_jwk_file=self.private_jwk_file,
            display_name=self.display_name,
        )


_NUMBERS: tuple[tuple[str, str, Callable[[str], float | int]], ...] = (
    ("BANKID_LOGIN_TIMEOUT", "login_timeout", float),
    ("BANKID_TIMEOUT", "timeout", float),
    ("BANKID_SCENARIO_TIMEOUT", "scenario_timeout", float),
    ("BANKID_RUN_TIMEOUT", "run_timeout", float),
    ("BANKID_MAX_RESPONSE_BYTES", "max_response_bytes", int),
    ("BANKID_MAX_RATE", "max_rate", float),
)


def _number(name: str, raw: str, parse: Callable[[str], _T]) -> _T:
    try:
        value = parse(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r}: not a number") from None
    if not value > 0:  # type: ignore[operator]
        raise SettingsError(f"{name}={raw!r}: must be greater than 0")
    return value


def _proxy(url: str | None) -> str | None:
    if url is not None and not url.startswith(("http://", "https://")):
        raise SettingsError(f"BANKID_HTTPS_PROXY={url!r}: must be an http:// or https:// proxy URL")
    return url


def _choice(name: str, value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise SettingsError(f"{name}={value!r}: must be one of {', '.join(allowed)}")
    return value


def _methods(raw: str) -> tuple[str, ...]:
    methods = tuple(raw.replace(",", " ").split())
    for method in methods:
        _choice("BANKID_AUTH_METHODS", method, AUTH_METHODS)
    return methods
