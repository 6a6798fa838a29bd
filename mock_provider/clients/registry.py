"""The client registry: seeded from config, provisioned at runtime, always read from the store (so every worker
and every instance sharing the database sees a change at once), but at most once per HTTP request."""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import sqlalchemy as sa
from flask import g, has_request_context

from mock_provider.clients.secrets import hash_secret, seal, unseal, verify_secret
from mock_provider.config import ClientConfig
from mock_provider.store import Store, schema

_TUPLES = ("redirect_uris", "scopes", "token_endpoint_auth_methods", "grant_types")
_CACHE = "bankid_mock_clients"
_GET = sa.select(schema.clients).where(
    schema.clients.c.client_id == sa.bindparam("key_client_id"), schema.clients.c.realm == sa.bindparam("key_realm")
)


def _request_cache() -> dict[tuple[str, str], ClientRecord | None] | None:
    """This request's clients, read once: a flow's request asks for its client in several places."""
    if not has_request_context():
        return None
    cache: dict[tuple[str, str], ClientRecord | None] = g.setdefault(_CACHE, {})
    return cache


def _forget_request_cache() -> None:
    cache = _request_cache()
    if cache is not None:
        cache.clear()  # a read later in this request must see what was just saved


@dataclass(frozen=True)
class ClientRecord:
    config: ClientConfig
    secret_hash: str | None
    secret_sealed: str | None

    @property
    def client_id(self) -> str:
        return self.config.client_id

    def check_secret(self, secret: str) -> bool:
        return verify_secret(secret, self.secret_hash)


def config_to_json(client: ClientConfig) -> str:
    data = {f.name: getattr(client, f.name) for f in dataclasses.fields(client) if f.name != "client_secret"}
    # MappingProxyType cannot be deep-copied by dataclasses.asdict; JSON only needs plain containers.
    data["jwks"] = json.loads(json.dumps(dict(client.jwks))) if client.jwks is not None else None
    return json.dumps({k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}, sort_keys=True)


@functools.lru_cache(maxsize=4096)
def config_from_json(text: str) -> ClientConfig:
    """Parsed once per distinct stored text: every request reads its client's row, few rows ever change."""
    data: dict[str, Any] = json.loads(text)
    known = {f.name for f in dataclasses.fields(ClientConfig)}
    # Fields a later release added have defaults; fields it removed are dropped. Configurations survive.
    data = {k: v for k, v in data.items() if k in known}
    for name in _TUPLES:
        if name in data:
            data[name] = tuple(data[name])
    if data.get("jwks") is not None:
        data["jwks"] = MappingProxyType(data["jwks"])
    return ClientConfig(**data)


@dataclass(frozen=True)
class ClientRegistry:
    store: Store
    sealing_key: bytes
    clock: Callable[[], float]

    def get(self, client_id: str, realm: str) -> ClientRecord | None:
        cache, key = _request_cache(), (client_id, realm)
        if cache is not None and key in cache:
            return cache[key]
        with self.store.driver(durable=False, single=True) as driver:  # a read on every request: nothing to sync
            row = driver.one(_GET, key_client_id=client_id, key_realm=realm)
        record = (
            None
            if row is None
            else ClientRecord(config_from_json(row["config_json"]), row["secret_hash"], row["secret_sealed"])
        )
        if cache is not None:
            cache[key] = record
        return record

    def all(self, realm: str | None = None) -> list[ClientRecord]:
        query = sa.select(schema.clients).order_by(schema.clients.c.client_id)
        if realm is not None:
            query = query.where(schema.clients.c.realm == realm)
        with self.store.begin() as connection:
            rows = connection.execute(query).all()
        return [ClientRecord(config_from_json(r.config_json), r.secret_hash, r.secret_sealed) for r in rows]

    def secret_for_hmac(self, record: ClientRecord) -> str | None:
        return unseal(record.secret_sealed, self.sealing_key) if record.secret_sealed else None

    def save(self, client: ClientConfig, *, secret: str | None = None, keep_secret: bool = True) -> None:
        """Insert or update ``client``. A ``secret`` replaces the stored one (the old one stops working)."""
        now = self.clock()
        values = self._values(client, secret=secret, keep_secret=keep_secret, now=now)
        table = schema.clients
        _forget_request_cache()
        with self.store.begin() as connection:
            exists = connection.execute(
                sa.select(table.c.client_id).where(table.c.client_id == client.client_id)
            ).first()
            if exists:
                connection.execute(sa.update(table).where(table.c.client_id == client.client_id).values(values))
            else:
                connection.execute(sa.insert(table).values(client_id=client.client_id, created_at=now, **values))

    def replace_secret(
        self, connection: sa.Connection, client: ClientConfig, secret: str
    ) -> tuple[str | None, str | None]:
        """Give the stored ``client`` a new secret inside the caller's transaction; returns the replaced secret's
        hash and sealed copy, read under a write lock so two rotations of one client take turns. Only the secret
        changes: the configuration stays as stored, whatever the caller read before (a disable meanwhile holds)."""
        table = schema.clients
        where = table.c.client_id == client.client_id
        # Write before reading: SQLite ignores FOR UPDATE and pysqlite opens the transaction only at the first
        # write, so a read first would see the secret another rotation is about to replace, and both would keep it.
        connection.execute(sa.update(table).where(where).values(updated_at=table.c.updated_at))
        old = connection.execute(
            sa.select(table.c.secret_hash, table.c.secret_sealed, table.c.config_json).where(where).with_for_update()
        )
        row = old.first()
        if row is None:
            return None, None
        _forget_request_cache()
        stored = config_from_json(row.config_json)  # sealed or not by the methods stored now, not those read before
        values = self._values(stored, secret=secret, keep_secret=False, now=self.clock())
        del values["realm"], values["config_json"]
        connection.execute(sa.update(table).where(where).values(values))
        return row.secret_hash, row.secret_sealed

    def insert_new(self, connection: sa.Connection, client: ClientConfig, *, secret: str | None) -> None:
        """Insert ``client`` inside the caller's transaction; ``sa.exc.IntegrityError`` if the client_id exists.

        Insert-only (no read first), so of concurrent creators of one client_id exactly one succeeds.
        """
        now = self.clock()
        values = self._values(client, secret=secret, keep_secret=False, now=now)
        _forget_request_cache()
        connection.execute(sa.insert(schema.clients).values(client_id=client.client_id, created_at=now, **values))

    def _values(self, client: ClientConfig, *, secret: str | None, keep_secret: bool, now: float) -> dict[str, object]:
        values: dict[str, object] = {
            "realm": client.realm,
            "config_json": config_to_json(client),
            "updated_at": now,
        }
        if secret is not None or not keep_secret:
            values["secret_hash"] = hash_secret(secret) if secret is not None else None
            values["secret_sealed"] = (
                seal(secret, self.sealing_key)
                if secret is not None and "client_secret_jwt" in client.token_endpoint_auth_methods
                else None
            )
        return values

    def seed(self, clients: tuple[ClientConfig, ...]) -> None:
        """Register configured clients that the store does not know yet; never overwrite a stored one."""
        for client in clients:
            if self.get(client.client_id, client.realm) is None:
                self.save(client, secret=client.client_secret)
