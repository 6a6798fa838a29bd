"""Filling our mock's store before it starts, for the growth runs: many clients, many live grants."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa

from mock_provider.clients.registry import config_to_json
from mock_provider.clients.secrets import hash_secret
from mock_provider.config import ClientConfig
from mock_provider.store import open_store, schema

BATCH = 5000


def _url(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / 'mock-provider.sqlite3'}"


def _insert(data_dir: Path, table: sa.Table, rows: Callable[[int], dict[str, object]], count: int) -> None:
    store = open_store(_url(data_dir))
    for start in range(0, count, BATCH):
        with store.begin() as connection:
            connection.execute(sa.insert(table), [rows(i) for i in range(start, min(count, start + BATCH))])
    store.engine.dispose()


def clients(count: int) -> Callable[[Path], None]:
    def fill(data_dir: Path) -> None:
        secret_hash, now = hash_secret("bench-secret"), time.time()

        def row(i: int) -> dict[str, object]:
            config = ClientConfig(client_id=f"growth-{i:06d}", redirect_uris=("https://rp.example.no/callback",))
            return {
                "client_id": config.client_id,
                "realm": "current",
                "secret_hash": secret_hash,
                "config_json": config_to_json(config),
                "created_at": now,
                "updated_at": now,
            }

        _insert(data_dir, schema.clients, row, count)

    return fill


def grants(count: int) -> Callable[[Path], None]:
    """Live (unexpired) codes, refresh and access tokens, spread over many login sessions."""

    def fill(data_dir: Path) -> None:
        now, kinds = time.time(), ("code", "refresh", "access")

        def row(i: int) -> dict[str, object]:
            return {
                "handle": hashlib.sha256(f"growth-{i}".encode()).hexdigest(),
                "kind": kinds[i % 3],
                "client_id": "bench-bankid-current",
                "realm": "current",
                "payload_json": '{"growth": true}',
                "expires_at": now + 86400,
                "family": f"growth-session-{i // 3}",
            }

        _insert(data_dir, schema.grants, row, count)

    return fill


STAGES: list[tuple[str, Callable[[Path], None]]] = [
    ("empty store", lambda _dir: None),
    ("1k clients", clients(1_000)),
    ("10k clients", clients(10_000)),
    ("100k grants", grants(100_000)),
]
