"""Seed data: the clients a freshly started mock knows, as configuration rather than code in handlers.

``load_clients`` reads the TOML format that ``python -m mock_provider --clients FILE`` takes; without a file the
demo clients below are used. Their secrets are published here on purpose: they exist only in this mock.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from types import MappingProxyType
from typing import Any

from mock_provider.config import ClientConfig

DEMO_SECRET = "demo-secret-for-the-local-mock-only"

DEMO_CLIENTS: tuple[ClientConfig, ...] = (
    ClientConfig(
        client_id="demo-bankid-current",
        realm="current",
        client_secret=DEMO_SECRET,
        redirect_uris=("https://localhost:3000/callback", "https://demo.example.no/oidc/callback"),
        scopes=("openid", "profile", "nnin_altsub", "signdoc/read_write"),
        display_name="Demo Nettbutikk AS",
        nnin_eligible=True,
    ),
    ClientConfig(
        client_id="demo-bankid-prod",
        realm="prod",
        client_secret=DEMO_SECRET,
        redirect_uris=("https://demo.example.no/oidc/callback",),
        scopes=("openid", "profile"),
        display_name="Demo Nettbutikk AS",
    ),
)


class SeedFileError(ValueError):
    """A clients file that cannot be used; the message names the file and the entry."""


def load_clients(path: Path) -> tuple[ClientConfig, ...]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SeedFileError(f"{path}: {exc}") from exc
    entries = data.get("clients", [])
    if not isinstance(entries, list):
        raise SeedFileError(f"{path}: 'clients' must be an array of tables ([[clients]])")
    return tuple(_client(path, index, entry) for index, entry in enumerate(entries))


def _client(path: Path, index: int, entry: Any) -> ClientConfig:
    return client_from_mapping(entry, where=f"{path}: clients[{index}]")


def client_from_mapping(entry: Any, *, where: str = "client") -> ClientConfig:
    """A ``ClientConfig`` from plain data (TOML table, JSON object); lists become tuples."""
    if not isinstance(entry, dict) or not isinstance(entry.get("client_id"), str):
        raise SeedFileError(f"{where}: client_id (a string) is required")
    values = dict(entry)
    for name in ("redirect_uris", "scopes", "token_endpoint_auth_methods", "grant_types"):
        if name in values:
            values[name] = tuple(values[name])
    if isinstance(values.get("jwks"), dict):
        values["jwks"] = MappingProxyType(values["jwks"])
    try:
        return ClientConfig(**values)
    except TypeError as exc:
        raise SeedFileError(f"{where}: {exc}") from exc
