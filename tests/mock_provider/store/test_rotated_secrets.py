"""A rotated client secret in the store (migration 0007), on SQLite and PostgreSQL: hashed, valid until its
expiry, one per client however many rotations run at once, and absent on a store at an older revision."""

from __future__ import annotations

import dataclasses
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
import sqlalchemy as sa

from mock_provider.clients import ClientRecord, ClientRegistry, rotation
from mock_provider.config import ClientConfig
from mock_provider.store import Store, open_store, schema
from tests.conftest import FakeClock

CLIENT = ClientConfig(client_id="rp-bankid-current")
GRACE = 600.0


@pytest.fixture
def registry(store: Store, clock: FakeClock) -> ClientRegistry:
    clients = ClientRegistry(store, b"k" * 32, clock)
    clients.save(CLIENT, secret="first-secret")
    return clients


def _record(registry: ClientRegistry) -> ClientRecord:
    record = registry.get(CLIENT.client_id, "current")
    assert record is not None
    return record


def test_the_replaced_secret_matches_until_its_expiry(registry: ClientRegistry, clock: FakeClock) -> None:
    until = rotation.rotate(registry, _record(registry), "second-secret", grace=GRACE)
    assert until == clock.now + GRACE
    record = _record(registry)
    assert record.check_secret("second-secret") and not record.check_secret("first-secret")
    assert rotation.matches(registry.store, record, "first-secret", clock.now + GRACE)
    assert not rotation.matches(registry.store, record, "first-secret", clock.now + GRACE + 0.5)
    assert not rotation.matches(registry.store, record, "other-secret", clock.now)
    with registry.store.begin() as connection:
        stored = connection.execute(sa.select(schema.rotated_client_secrets)).one()
    assert stored.secret_hash.startswith("sha256$") and "first-secret" not in str(tuple(stored))


def test_no_grace_keeps_nothing_and_ends_an_earlier_grace(registry: ClientRegistry, clock: FakeClock) -> None:
    rotation.rotate(registry, _record(registry), "second-secret", grace=GRACE)
    assert rotation.rotate(registry, _record(registry), "third-secret", grace=0) is None
    for old in ("first-secret", "second-secret"):
        assert not rotation.matches(registry.store, _record(registry), old, clock.now)


def _rotator(registry: ClientRegistry, record: ClientRecord, errors: list[Exception]) -> Callable[[str], None]:
    """A thread target rotating ``record``'s secret; any failure is kept in ``errors`` with the backend's message."""

    def rotate(secret: str) -> None:
        try:
            rotation.rotate(registry, record, secret, grace=GRACE)
        except Exception as exc:
            errors.append(exc)

    return rotate


def test_concurrent_rotations_leave_one_current_and_one_rotated_secret(registry: ClientRegistry) -> None:
    record, errors = _record(registry), []
    rotate = _rotator(registry, record, errors)
    threads = [threading.Thread(target=rotate, args=(f"secret-{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    with registry.store.begin() as connection:
        assert connection.execute(sa.select(sa.func.count()).select_from(schema.rotated_client_secrets)).scalar() == 1


def test_a_store_at_an_older_revision_refuses_the_old_secret_at_once(database_url: str, clock: FakeClock) -> None:
    old = open_store(database_url, revision="0006")
    try:
        clients = ClientRegistry(old, b"k" * 32, clock)
        clients.save(CLIENT, secret="first-secret")
        record = clients.get(CLIENT.client_id, "current")
        assert record is not None
        assert rotation.rotate(clients, record, "second-secret", grace=GRACE) is None
        assert not rotation.matches(old, record, "first-secret", clock.now)
    finally:
        old.engine.dispose()


def test_rotations_that_overlap_keep_the_secret_the_last_one_replaced(
    registry: ClientRegistry, clock: FakeClock
) -> None:
    """Two rotations of one client that start while a third writer holds the database: each must read the secret
    it replaces only once it may write, or both read the first secret, the second rotation keeps it as the
    rotated secret, and the first one's secret (handed out to its caller) never works."""
    store, record, errors = registry.store, _record(registry), []
    rotate = _rotator(registry, record, errors)
    threads = [threading.Thread(target=rotate, args=(f"secret-{n}",)) for n in range(2)]
    with _writer_holding(store):
        for thread in threads:
            thread.start()
        time.sleep(0.5)  # both rotations reach the held lock (or, without one of their own, read past it)
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    current = _record(registry)
    assert not rotation.matches(store, current, "first-secret", clock.now), "the secret two rotations ago works"
    live = [
        s for s in ("secret-0", "secret-1") if current.check_secret(s) or rotation.matches(store, current, s, clock.now)
    ]
    assert sorted(live) == ["secret-0", "secret-1"], "a rotated secret was handed out but never worked"


@contextmanager
def _writer_holding(store: Store) -> Iterator[None]:
    """Another writer holding the client's row (PostgreSQL) or the database's write lock (SQLite) for a while."""
    if store.backend != "sqlite":
        with store.engine.begin() as connection:
            connection.execute(sa.select(schema.clients).with_for_update())
            yield
        return
    raw = sqlite3.connect(str(store.engine.url.database), isolation_level=None)
    try:
        raw.execute("BEGIN IMMEDIATE")
        yield
        raw.execute("COMMIT")
    finally:
        raw.close()


def test_a_rotation_changes_only_the_secret_not_a_configuration_saved_meanwhile(
    registry: ClientRegistry, clock: FakeClock
) -> None:
    """A rotation works from the client as its request read it; a disable (or a JWKS registration) committed
    after that read must survive it, or a concurrent rotation silently re-enables the client."""
    read_before = _record(registry)
    registry.save(dataclasses.replace(CLIENT, enabled=False))
    rotation.rotate(registry, read_before, "second-secret", grace=GRACE)
    after = _record(registry)
    assert not after.config.enabled
    assert after.check_secret("second-secret")
    assert rotation.matches(registry.store, after, "first-secret", clock.now)
