"""Issued grants in the shared store: login sessions, codes, refresh tokens, PAR request URIs, access-token
records. Kept in the database, not in memory, so two gunicorn workers see the same state (TOOLCHAIN.md).

Handles are stored as SHA-256 digests, so the database never holds a usable code or refresh token. A grant's
``family`` is the login session it came from: reusing a code revokes the whole family (RFC 6749 §4.1.2).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from mock_provider.store.database import Store
from mock_provider.store.schema import grants as table


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


def digest(handle: str) -> str:
    return hashlib.sha256(handle.encode()).hexdigest()


@dataclass(frozen=True)
class GrantStore:
    store: Store
    clock: Callable[[], float]

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
        now = self.clock()
        with self.store.begin() as connection:
            connection.execute(sa.delete(table).where(table.c.expires_at < now - 3600))
            connection.execute(
                sa.insert(table).values(
                    handle=digest(handle),
                    kind=kind,
                    client_id=client_id,
                    realm=realm,
                    payload_json=json.dumps(payload),
                    expires_at=now + lifetime,
                    family=family,
                )
            )

    def get(self, kind: str, handle: str) -> Grant | None:
        """The grant in whatever state it is (expired, consumed), or ``None`` if never issued."""
        with self.store.begin() as connection:
            row = connection.execute(
                sa.select(table).where(table.c.handle == digest(handle), table.c.kind == kind)
            ).first()
        return None if row is None else _grant(row)

    def live(self, kind: str, handle: str) -> Grant | None:
        grant = self.get(kind, handle)
        if grant is None or grant.consumed_at is not None or grant.expires_at <= self.clock():
            return None
        return grant

    def consume(self, kind: str, handle: str) -> Consumed:
        """Mark the grant used, atomically: of two concurrent callers exactly one gets ``first_use``."""
        with self.store.begin() as connection:
            result = connection.execute(
                sa.update(table)
                .where(table.c.handle == digest(handle), table.c.kind == kind, table.c.consumed_at.is_(None))
                .values(consumed_at=self.clock())
            )
        return Consumed(self.get(kind, handle), bool(result.rowcount))

    def revoke_family(self, family: str) -> None:
        with self.store.begin() as connection:
            connection.execute(
                sa.update(table)
                .where(table.c.family == family, table.c.consumed_at.is_(None))
                .values(consumed_at=self.clock())
            )


def _grant(row: sa.Row[tuple[object, ...]]) -> Grant:
    m = row._mapping
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
