"""The store behaves the same on SQLite and PostgreSQL: migrations, grants (single use under concurrency,
families, the sweep of expired rows), light versus durable transactions, clients, and shared keys."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory
from flask import Flask

from mock_provider import Config, create_app
from mock_provider.clients import ClientRegistry
from mock_provider.config import ClientConfig
from mock_provider.store import Store, open_store, schema
from mock_provider.store.database import alembic_config
from mock_provider.store.grants import GRACE_SECONDS, SWEEP_BATCH, SWEEP_EVERY, GrantStore, NewGrant
from tests.conftest import FakeClock


@pytest.fixture
def grants(store: Store, clock: FakeClock) -> GrantStore:
    return GrantStore(store, clock)


def _put(grants: GrantStore, handle: str, *, lifetime: float = 60, family: str | None = "sid-1") -> None:
    grants.put("code", handle, client_id="rp", realm="current", payload={"n": handle}, lifetime=lifetime, family=family)


def _count(store: Store) -> int:
    with store.begin() as connection:
        return int(connection.execute(sa.select(sa.func.count()).select_from(schema.grants)).scalar_one())


def test_migrations_reach_head_with_the_expiry_index(store: Store) -> None:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert store.revision() == head
    indexes = {tuple(ix["column_names"]) for ix in sa.inspect(store.engine).get_indexes("grants")}
    assert ("expires_at",) in indexes


def test_a_grant_is_stored_by_digest_and_read_back(store: Store, grants: GrantStore) -> None:
    _put(grants, "the-code")
    found = grants.live("code", "the-code")
    assert found is not None and found.payload == {"n": "the-code"} and found.family == "sid-1"
    assert grants.get("refresh", "the-code") is None  # the kind is part of the key
    with store.begin() as connection:
        handles = set(connection.execute(sa.select(schema.grants.c.handle)).scalars())
    assert "the-code" not in handles


def test_consume_is_first_use_once_and_then_reports_the_used_grant(grants: GrantStore) -> None:
    _put(grants, "c1")
    first, second = grants.consume("code", "c1"), grants.consume("code", "c1")
    assert first.first_use and first.grant is not None and first.grant.consumed_at is not None
    assert not second.first_use and second.grant is not None
    assert grants.live("code", "c1") is None
    unknown = grants.consume("code", "never-issued")
    assert unknown.grant is None and not unknown.first_use


def test_of_concurrent_consumers_exactly_one_gets_first_use(grants: GrantStore) -> None:
    _put(grants, "raced")
    outcomes: list[bool] = []
    barrier = threading.Barrier(8)

    def consume() -> None:
        barrier.wait()
        outcomes.append(grants.consume("code", "raced").first_use)

    threads = [threading.Thread(target=consume) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == [False] * 7 + [True]


def test_revoking_a_family_ends_only_its_live_grants(grants: GrantStore) -> None:
    _put(grants, "a", family="sid-a")
    _put(grants, "b", family="sid-a")
    _put(grants, "c", family="sid-c")
    grants.revoke_family("sid-a")
    assert grants.live("code", "a") is None and grants.live("code", "b") is None
    assert grants.live("code", "c") is not None


def test_the_sweep_deletes_long_expired_grants_in_batches(store: Store, grants: GrantStore, clock: FakeClock) -> None:
    for i in range(SWEEP_BATCH + 5):
        _put(grants, f"old-{i}", lifetime=1)
    clock.advance(GRACE_SECONDS + 2)
    _put(grants, "recently-expired", lifetime=1)
    _put(grants, "live", lifetime=600)
    clock.advance(2)
    assert grants.sweep() == SWEEP_BATCH
    assert grants.sweep() == 5
    assert grants.sweep() == 0
    assert grants.get("code", "recently-expired") is not None  # within the grace hour: a replay is still known
    assert grants.live("code", "live") is not None


def test_inserts_pace_the_sweep(store: Store, clock: FakeClock) -> None:
    paced = GrantStore(store, clock)
    for i in range(10):
        _put(paced, f"old-{i}", lifetime=1)
    clock.advance(GRACE_SECONDS + 2)
    for i in range(SWEEP_EVERY - 11):
        _put(paced, f"new-{i}")
    assert _count(store) == SWEEP_EVERY - 1
    _put(paced, "the-insert-that-sweeps")
    assert _count(store) == SWEEP_EVERY - 10


def _sync_setting(store: Store, *, durable: bool) -> str:
    with store.begin(durable=durable) as connection:
        if store.backend == "postgresql":
            return str(connection.exec_driver_sql("SHOW synchronous_commit").scalar_one())
        return {0: "off", 1: "normal", 2: "full", 3: "extra"}[
            connection.exec_driver_sql("PRAGMA synchronous").scalar_one()
        ]


def test_only_light_transactions_skip_the_sync_on_commit(store: Store) -> None:
    light, durable = ("off", "on") if store.backend == "postgresql" else ("normal", "full")
    assert _sync_setting(store, durable=True) == durable
    assert _sync_setting(store, durable=False) == light
    assert _sync_setting(store, durable=True) == durable  # a pooled connection does not keep the light setting


def test_a_rolled_back_durable_transaction_does_not_leave_the_next_one_light(store: Store) -> None:
    """PostgreSQL undoes a SET inside a rolled-back transaction; the store must not believe it still holds."""
    durable = "on" if store.backend == "postgresql" else "full"
    seen: list[str] = []

    def request(_environ: Any, _start_response: Any) -> list[bytes]:  # one request: one shared connection
        with store.begin(durable=False) as connection:
            connection.execute(sa.insert(schema.used_assertions).values(jti="j", client_id="c", expires_at=1.0))
        with pytest.raises(RuntimeError), store.begin(durable=True):
            raise RuntimeError("a failed provisioning write")
        seen.append(_sync_setting(store, durable=True))
        return []

    store.per_request(request)({}, None)
    assert seen == [durable]


def test_a_failed_hot_statement_rolls_back_its_batch_and_the_request_goes_on(store: Store, grants: GrantStore) -> None:
    """Hot statements run on the driver's cursor (``store.driver``): a failure is Core's exception type, undoes
    the batch it belongs to, and leaves the request's connection usable and with the right sync setting."""
    durable = "on" if store.backend == "postgresql" else "full"
    seen: list[object] = []

    def request(_environ: Any, _start_response: Any) -> list[bytes]:
        _put(grants, "taken")
        with pytest.raises(sa.exc.IntegrityError):
            grants.put_all(
                NewGrant("code", "fresh", "rp", "current", {}, 60), NewGrant("code", "taken", "rp", "current", {}, 60)
            )
        seen.extend([grants.get("code", "fresh"), grants.live("code", "taken") is not None])
        seen.append(_sync_setting(store, durable=True))
        return []

    store.per_request(request)({}, None)
    assert seen == [None, True, durable]


class _Refused(Exception):
    """An app error raised inside a unit (as ``invalid_grant`` after a spent code)."""


def test_a_unit_commits_its_blocks_once_and_keeps_them_when_the_app_refuses(store: Store, grants: GrantStore) -> None:
    """``Store.unit``: a login's end (session spent, code stored) is one transaction; an app error inside still
    commits what ran (a code spent by a failed exchange stays spent), a failed statement undoes the whole unit."""
    seen: list[object] = []

    def refused() -> None:
        with store.unit(durable=False):
            seen.append(grants.consume("code", "session").first_use)
            _put(grants, "code-a")
            raise _Refused

    def failed() -> None:
        with store.unit(durable=False):
            _put(grants, "code-b")
            _put(grants, "code-a")  # taken: the unit rolls back, code-b with it

    def request(_environ: Any, _start_response: Any) -> list[bytes]:
        _put(grants, "session")
        with pytest.raises(_Refused):
            refused()
        with pytest.raises(sa.exc.IntegrityError):
            failed()
        with store.unit(durable=False):
            _put(grants, "code-c")
            with store.unit(durable=False):  # a nested unit joins the outer one
                _put(grants, "code-d")
        seen.append(_sync_setting(store, durable=True))  # the connection is usable and not left light
        return []

    durable = "on" if store.backend == "postgresql" else "full"
    store.per_request(request)({}, None)
    assert seen == [True, durable]
    assert grants.get("code", "session") is not None and grants.live("code", "session") is None  # spent
    assert [grants.live("code", h) is not None for h in ("code-a", "code-b", "code-c", "code-d")] == [
        True,
        False,
        True,
        True,
    ]


def test_a_unit_refuses_a_durable_block(store: Store, grants: GrantStore) -> None:
    """A light unit's commit does not wait for the disk; a block that needs a durable commit must not hide in it."""
    errors: list[BaseException] = []

    def request(_environ: Any, _start_response: Any) -> list[bytes]:
        with store.unit(durable=False):
            try:
                with store.driver(durable=True):
                    pass
            except RuntimeError as error:
                errors.append(error)
        return []

    store.per_request(request)({}, None)
    assert len(errors) == 1 and "durable" in str(errors[0])


def test_outside_a_request_a_unit_leaves_every_block_its_own_transaction(store: Store, grants: GrantStore) -> None:
    def refused() -> None:
        with store.unit(durable=False):
            _put(grants, "alone")
            raise _Refused

    with pytest.raises(_Refused):
        refused()
    assert grants.live("code", "alone") is not None


def test_a_request_reads_its_client_once_and_sees_its_own_save(store: Store, clock: FakeClock) -> None:
    registry = ClientRegistry(store, b"k" * 32, clock)
    registry.save(ClientConfig(client_id="rp", display_name="Before"), secret="s3cret-value")
    statements: list[str] = []
    sa.event.listen(store.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    with Flask(__name__).test_request_context():
        first, again = registry.get("rp", "current"), registry.get("rp", "current")
        reads = sum("FROM clients" in s for s in statements)
        registry.save(ClientConfig(client_id="rp", display_name="After"))
        after = registry.get("rp", "current")
    assert first is not None and again is first and reads == 1
    assert after is not None and after.config.display_name == "After" and after.check_secret("s3cret-value")
    assert registry.get("rp", "prod") is None


def test_two_apps_on_one_database_publish_the_same_keys(database_url: str) -> None:
    first = create_app(Config(database_url=database_url))
    second = create_app(Config(database_url=database_url))
    path = "/auth/realms/current/protocol/openid-connect/certs"
    keys = [
        app.test_client().get(path, base_url="https://auth.current.bankid.no").get_json() for app in (first, second)
    ]
    for app in (first, second):
        app.extensions["bankid_mock"].store.engine.dispose()
    assert keys[0] == keys[1] and keys[0]["keys"]


def _schema_sql(store: Store) -> list[tuple[str, str]]:
    with store.begin() as connection:
        rows = connection.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
        return [(str(name), str(sql)) for name, sql in rows]


@pytest.mark.parametrize("revision", ["head", "0003"])
def test_an_in_memory_store_has_exactly_the_schema_the_migrations_build(tmp_path: Path, revision: str) -> None:
    migrated = open_store(f"sqlite:///{tmp_path / 'migrated.sqlite3'}", revision=revision)
    copied, other = open_store("sqlite://", revision=revision), open_store("sqlite://", revision=revision)
    assert _schema_sql(copied) == _schema_sql(migrated)
    assert copied.revision() == migrated.revision()
    with copied.begin() as connection:  # each in-memory store is its own database, not the template
        connection.execute(sa.insert(schema.used_assertions).values(jti="j", client_id="c", expires_at=1.0))
    with other.begin() as connection:
        assert connection.execute(sa.select(schema.used_assertions)).first() is None
    for store in (migrated, copied, other):
        store.engine.dispose()
