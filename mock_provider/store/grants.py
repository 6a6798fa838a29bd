"""Issued grants in the shared store: login sessions, codes, refresh tokens, PAR request URIs, access-token
records. Kept in the database, not in memory, so two worker processes (or two instances on one PostgreSQL)
see the same state (TOOLCHAIN.md).

Handles are stored as SHA-256 digests, so the database never holds a usable code or refresh token. A grant's
``family`` is the login session it came from: reusing a code revokes the whole family (RFC 6749 §4.1.2).

Grants are written in *light* transactions (``Store.begin(durable=False)``): a crash may lose the last few,
which only ends those logins early. Statements are built once at import; expired rows are swept by the
``expires_at`` index in small batches every ``SWEEP_EVERY`` inserts, not scanned for before every insert.
Every request runs some of them, so they go through ``Store.driver`` (``store.driver``).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from mock_provider.store.database import Store
from mock_provider.store.schema import grants as table

# Kept an hour past expiry, so a late replay still meets "already used" rather than "never issued".
GRACE_SECONDS = 3600
SWEEP_EVERY = 200
SWEEP_BATCH = 500

_INSERT = sa.insert(table)
_KEY = (table.c.handle == sa.bindparam("key_handle"), table.c.kind == sa.bindparam("key_kind"))
_GET = sa.select(table).where(*_KEY)
_CONSUME = (
    sa.update(table)
    .where(*_KEY, table.c.consumed_at.is_(None))
    .values(consumed_at=sa.bindparam("now"))
    .returning(*table.c)
)
_REVOKE = (
    sa.update(table)
    .where(table.c.family == sa.bindparam("key_family"), table.c.consumed_at.is_(None))
    .values(consumed_at=sa.bindparam("now"))
)
_SWEEP = sa.delete(table).where(
    table.c.handle.in_(
        sa.select(table.c.handle).where(table.c.expires_at < sa.bindparam("cutoff")).limit(sa.bindparam("batch"))
    )
)


@dataclass(frozen=True)
class Grant:
    kind: str
    client_id: str
    realm: str
    payload: dict[str, Any]
    expires_at: float
    consumed_at: float | None
    family: str | None


@dataclass(frozen=True)
class Consumed:
    """The outcome of ``GrantStore.consume``: the grant (if any) and whether this call was the first use."""

    grant: Grant | None
    first_use: bool


@dataclass(frozen=True)
class NewGrant:
    """A grant to insert: ``handle`` is the secret the client holds; only its digest is stored."""

    kind: str
    handle: str
    client_id: str
    realm: str
    payload: dict[str, Any]
    lifetime: float
    family: str | None = None

    def row(self, now: float) -> dict[str, Any]:
        return {
            "handle": digest(self.handle),
            "kind": self.kind,
            "client_id": self.client_id,
            "realm": self.realm,
            "payload_json": json.dumps(self.payload),
            "expires_at": now + self.lifetime,
            "consumed_at": None,
            "family": self.family,
        }


def digest(handle: str) -> str:
    return hashlib.sha256(handle.encode()).hexdigest()


@dataclass
class _Sweeper:
    """Counts inserts in this process and says when the next batch of expired rows is due."""

    counter: itertools.count[int] = field(default_factory=itertools.count)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def due(self) -> bool:
        with self.lock:
            return next(self.counter) % SWEEP_EVERY == SWEEP_EVERY - 1


@dataclass(frozen=True)
class GrantStore:
    store: Store
    clock: Callable[[], float]
    sweeper: _Sweeper = field(default_factory=_Sweeper, compare=False)

    def put(
        self,
        kind: str,
        handle: str,
        *,
        client_id: str,
        realm: str,
        payload: dict[str, Any],
        lifetime: float,
        family: str | None = None,
    ) -> None:
        self.put_all(NewGrant(kind, handle, client_id, realm, payload, lifetime, family))

    def put_all(self, *grants: NewGrant) -> None:
        """Insert ``grants`` in one transaction (a token response's access and refresh records: one commit)."""
        now = self.clock()
        with self.store.driver(durable=False, single=len(grants) == 1) as driver:
            for grant in grants:
                driver.execute(_INSERT, **grant.row(now))
        if any([self.sweeper.due() for _ in grants]):  # a list: every insert counts
            self.sweep()

    def sweep(self) -> int:
        """Delete one batch of grants expired more than ``GRACE_SECONDS`` ago; how many went."""
        with self.store.begin(durable=False) as connection:
            result = connection.execute(_SWEEP, {"cutoff": self.clock() - GRACE_SECONDS, "batch": SWEEP_BATCH})
        return int(result.rowcount)

    def get(self, kind: str, handle: str) -> Grant | None:
        """The grant in whatever state it is (expired, consumed), or ``None`` if never issued."""
        with self.store.driver(durable=False, single=True) as driver:
            row = driver.one(_GET, key_handle=digest(handle), key_kind=kind)
        return None if row is None else _grant(row)

    def live(self, kind: str, handle: str) -> Grant | None:
        grant = self.get(kind, handle)
        if grant is None or grant.consumed_at is not None or grant.expires_at <= self.clock():
            return None
        return grant

    def consume(self, kind: str, handle: str) -> Consumed:
        """Mark the grant used, atomically: of two concurrent callers exactly one gets ``first_use``."""
        key = {"key_handle": digest(handle), "key_kind": kind}
        # Each statement is atomic alone: the UPDATE decides first use; the read after it only reports.
        with self.store.driver(durable=False, single=True) as driver:
            row = driver.one(_CONSUME, **key, now=self.clock())
            if row is not None:
                return Consumed(_grant(row), True)
            row = driver.one(_GET, **key)
        return Consumed(None if row is None else _grant(row), False)

    def revoke_family(self, family: str) -> None:
        with self.store.driver(durable=False, single=True) as driver:
            driver.execute(_REVOKE, key_family=family, now=self.clock())


def _grant(m: dict[str, Any]) -> Grant:
    consumed = m["consumed_at"]
    return Grant(
        kind=str(m["kind"]),
        client_id=str(m["client_id"]),
        realm=str(m["realm"]),
        payload=json.loads(str(m["payload_json"])),
        expires_at=float(m["expires_at"]),
        consumed_at=None if consumed is None else float(consumed),
        family=m["family"],
    )
