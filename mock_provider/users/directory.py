"""The test-user directory: seeded from config, changed through the admin API, always read from the store
(so every worker process, and every instance on one PostgreSQL, sees the same users)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa

from mock_provider.store import Store, schema
from mock_provider.users.model import TestUser

_FIELDS = tuple(f.name for f in dataclasses.fields(TestUser))
# Built once: a login, a token and a userinfo call each look their user up.
_BY_NNIN = sa.select(schema.test_users).where(schema.test_users.c.nnin == sa.bindparam("key_nnin"))


@dataclass(frozen=True)
class UserDirectory:
    store: Store
    clock: Callable[[], float]

    def get(self, nnin: str) -> TestUser | None:
        with self.store.driver(durable=False, single=True) as driver:  # a read: nothing to sync
            row = driver.one(_BY_NNIN, key_nnin=nnin)
        return None if row is None else TestUser(**{name: row[name] for name in _FIELDS})

    def by_altsub(self, altsub: str) -> TestUser | None:
        table = schema.test_users
        with self.store.begin() as connection:
            row = connection.execute(sa.select(table).where(table.c.bankid_altsub == altsub)).first()
        return None if row is None else _user(row)

    def all(self) -> list[TestUser]:
        with self.store.begin() as connection:
            rows = connection.execute(sa.select(schema.test_users).order_by(schema.test_users.c.nnin)).all()
        return [_user(row) for row in rows]

    def save(self, user: TestUser) -> None:
        """Insert or replace ``user`` (keyed by NNIN)."""
        table, now = schema.test_users, self.clock()
        values = {name: getattr(user, name) for name in _FIELDS}
        with self.store.begin() as connection:
            exists = connection.execute(sa.select(table.c.nnin).where(table.c.nnin == user.nnin)).first()
            if exists:
                connection.execute(sa.update(table).where(table.c.nnin == user.nnin).values(updated_at=now, **values))
            else:
                connection.execute(sa.insert(table).values(created_at=now, updated_at=now, **values))

    def delete(self, nnin: str) -> bool:
        with self.store.begin() as connection:
            result = connection.execute(sa.delete(schema.test_users).where(schema.test_users.c.nnin == nnin))
        return bool(result.rowcount)

    def seed(self, users: tuple[TestUser, ...]) -> None:
        """Add configured users the store does not know yet; a user changed at runtime keeps its changes.

        One transaction, one lookup and one insert for them all: every app a test builds seeds six users, and a
        lookup and an insert per user were a third of building an app's provider."""
        if not users:
            return
        table, now = schema.test_users, self.clock()
        with self.store.begin() as connection:
            known = set(connection.scalars(sa.select(table.c.nnin).where(table.c.nnin.in_({u.nnin for u in users}))))
            new: dict[str, TestUser] = {}
            for user in users:
                if user.nnin not in known:
                    new.setdefault(user.nnin, user)  # the first of two with one NNIN, as before
            if new:
                rows = [
                    {**{name: getattr(u, name) for name in _FIELDS}, "created_at": now, "updated_at": now}
                    for u in new.values()
                ]
                connection.execute(sa.insert(table), rows)


def _user(row: sa.Row[tuple[object, ...]]) -> TestUser:
    mapping = row._mapping
    return TestUser(**{name: mapping[name] for name in _FIELDS})
