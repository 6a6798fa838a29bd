"""Opening the store: connect, migrate to head, hand out transactions.

Two backends behind one URL: SQLite (a file, the embedded default; ``sqlite://`` in memory for tests) and
PostgreSQL (``postgresql+psycopg://...``), where several mock processes share one database and so act as one
provider. The same Alembic migrations build both.

Transactions are *durable* by default: an acknowledged write (a provisioned client, its secret, a key) survives
a power cut. Short-lived grants (login sessions, codes, token records) may use a *light* transaction instead,
whose loss on a crash only ends those logins early: SQLite then skips the WAL sync on commit
(``synchronous=NORMAL``), PostgreSQL does not wait for its WAL flush (``synchronous_commit=off``).
"""

from __future__ import annotations

import functools
import os
import re
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.pool import StaticPool

from mock_provider.store.driver import Driver

MIGRATIONS = Path(__file__).parent / "migrations"
_SYNC = "bankid_mock_sync"
_IN_MEMORY = ("sqlite://", "sqlite:///:memory:")
_MIGRATE_LOCK, _SETUP_LOCK = 7351902, 7351903  # arbitrary, fixed PostgreSQL advisory-lock keys


if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment
    from alembic.config import Config as AlembicConfig
    from alembic.script import ScriptDirectory


class _RequestConnection:
    """The one pooled connection a request's transactions share, checked out at its first transaction."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        self.connection: sa.Connection | None = None
        self.unit = False  # inside ``Store.unit()``: hot blocks join its transaction

    def get(self) -> sa.Connection:
        if self.connection is None:
            self.connection = self.engine.connect()
        return self.connection

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()


_request: ContextVar[_RequestConnection | None] = ContextVar("bankid_mock_request_connection", default=None)


@dataclass(frozen=True)
class Store:
    """A migrated database. Use ``begin()`` for a transaction; every repository function takes a connection."""

    engine: sa.Engine

    @property
    def backend(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    @contextmanager
    def begin(self, *, durable: bool = True) -> Iterator[sa.Connection]:
        """A transaction, committed when the block ends. Inside ``per_request`` it runs on the request's own
        connection, so a request's several transactions cost one pool checkout, not one each."""
        scoped = _request.get()
        shared = scoped.get() if scoped is not None and scoped.engine is self.engine else None
        if shared is None or shared.in_transaction():
            # No request, or a transaction opened inside another: a connection of its own, as always.
            with self.engine.begin() as connection:
                _set_sync(connection, durable)
                yield connection
            return
        with shared.begin():
            _set_sync(shared, durable)
            yield shared

    @contextmanager
    def driver(self, *, durable: bool = True, single: bool = False) -> Iterator[Driver]:
        """A transaction like ``begin()`` for the hot statements of ``store.driver``, run on the DBAPI cursor.

        On the request's connection the transaction is the driver's own (committed or rolled back here, so the
        connection is never left inside one and SQLite's PRAGMA still runs outside it); anywhere else it rides
        on an ordinary ``begin()``. ``single``: the block's statements need not be atomic together (one read,
        one write), so on PostgreSQL each runs in autocommit: one round trip instead of BEGIN, it, COMMIT."""
        scoped = _request.get()
        shared = scoped.get() if scoped is not None and scoped.engine is self.engine else None
        if shared is None or shared.in_transaction():
            with self.begin(durable=durable) as connection:
                yield Driver(connection)
            return
        pooled = shared.connection
        dbapi = pooled.dbapi_connection
        assert dbapi is not None  # a checked-out connection always has one
        if scoped is not None and scoped.unit:
            if durable and pooled.info.get(_SYNC) is not True:
                raise RuntimeError("a durable block cannot join a light unit; run it outside the unit")
            yield Driver(shared)  # the unit commits, or rolls back on a failed statement
            return
        autocommit = single and shared.dialect.name == "postgresql" and _idle_postgresql(dbapi)
        if autocommit:
            dbapi.autocommit = True  # a SET then holds for the session, as the sync record assumes
        try:
            _set_raw_sync(pooled.info, dbapi, shared.dialect.name, durable)
            yield Driver(shared)
        except BaseException:
            dbapi.rollback()
            pooled.info.pop(_SYNC, None)  # PostgreSQL undid a SET made in this transaction
            raise
        else:
            dbapi.commit()
        finally:
            if autocommit:
                dbapi.autocommit = False  # what SQLAlchemy expects of a pooled connection

    @contextmanager
    def unit(self, *, durable: bool = True) -> Iterator[None]:
        """The hot blocks (``driver()``) inside run as one transaction on the request's connection, committed
        once: a login's end spends its session and stores its code in one commit, not two.

        The unit commits also when the block ends with an error of the app's own (an ``invalid_grant`` after a
        code was spent: what ran stands, as it did when each block committed alone); a failed statement
        (``sa.exc.DBAPIError``) rolls the whole unit back. Outside a request, or inside another transaction or
        unit, every block keeps its own transaction."""
        scoped = _request.get()
        shared = scoped.get() if scoped is not None and scoped.engine is self.engine else None
        if scoped is None or shared is None or shared.in_transaction() or scoped.unit:
            yield
            return
        pooled = shared.connection
        dbapi = pooled.dbapi_connection
        assert dbapi is not None  # a checked-out connection always has one
        _set_raw_sync(pooled.info, dbapi, shared.dialect.name, durable)  # outside the transaction, as it must
        scoped.unit = True
        try:
            yield
        except sa.exc.DBAPIError:
            _rollback(pooled.info, dbapi)
            raise
        except BaseException:
            _commit_or_rollback(pooled.info, dbapi)
            raise
        else:
            _commit_or_rollback(pooled.info, dbapi)
        finally:
            scoped.unit = False

    def per_request(self, app: WSGIApplication) -> WSGIApplication:
        """WSGI middleware: one connection per request, returned to the pool when the response is built."""

        def scoped(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
            holder = _RequestConnection(self.engine)
            token = _request.set(holder)
            try:
                return app(environ, start_response)
            finally:
                _request.reset(token)
                holder.close()

        return scoped

    @contextmanager
    def setup_lock(self) -> Iterator[None]:
        """Held while an instance creates its CA and keys and seeds its clients: two instances starting together
        on one PostgreSQL database would otherwise both create them. (SQLite: one process sets up before the
        server's workers fork from it, under granian and gunicorn alike, so nothing to hold.)"""
        if self.backend != "postgresql":
            yield
            return
        with self.engine.connect() as connection:
            connection.exec_driver_sql(f"SELECT pg_advisory_lock({_SETUP_LOCK})")
            connection.commit()
            try:
                yield
            finally:
                connection.exec_driver_sql(f"SELECT pg_advisory_unlock({_SETUP_LOCK})")
                connection.commit()

    def revision(self) -> str | None:
        with self.engine.connect() as connection:
            row = connection.execute(sa.text("SELECT version_num FROM alembic_version")).first()
        return None if row is None else str(row[0])


_SYNC_STATEMENTS = {
    # SQLite: pysqlite opens its transaction at the first write, so the PRAGMA runs outside it, as it must.
    "sqlite": {True: "PRAGMA synchronous=FULL", False: "PRAGMA synchronous=NORMAL"},
    "postgresql": {True: "SET synchronous_commit TO ON", False: "SET synchronous_commit TO OFF"},
}


def _set_sync(connection: sa.Connection, durable: bool) -> None:
    """A per-connection setting, sent only when it differs from what this connection last had (most requests
    run only light or only durable transactions)."""
    info = connection.connection.info
    if info.get(_SYNC) != durable:
        connection.exec_driver_sql(_SYNC_STATEMENTS[connection.dialect.name][durable])
        info[_SYNC] = durable


def _rollback(info: dict[Any, Any], dbapi: Any) -> None:
    dbapi.rollback()
    info.pop(_SYNC, None)  # PostgreSQL undid a SET made in this transaction


def _commit_or_rollback(info: dict[Any, Any], dbapi: Any) -> None:
    try:
        dbapi.commit()
    except BaseException:
        _rollback(info, dbapi)  # never leave the request's connection inside a failed transaction
        raise


def _idle_postgresql(dbapi: Any) -> bool:
    # psycopg may switch to autocommit only outside a transaction; the driver's blocks always end one.
    return str(getattr(dbapi.info.transaction_status, "name", "")) == "IDLE"


def _set_raw_sync(info: dict[Any, Any], dbapi: Any, backend: str, durable: bool) -> None:
    # ``_set_sync`` on the DBAPI connection: the same per-connection record, without a Core execute.
    if info.get(_SYNC) != durable:
        cursor = dbapi.cursor()
        try:
            cursor.execute(_SYNC_STATEMENTS[backend][durable])
        finally:
            cursor.close()
        info[_SYNC] = durable


def _forget_sync(connection: sa.Connection) -> None:
    # PostgreSQL undoes a SET made in a transaction that rolls back: the next transaction must set it again.
    connection.connection.info.pop(_SYNC, None)


def _engine(url: str) -> sa.Engine:
    if url in _IN_MEMORY:
        # One shared connection, or every pooled connection would see its own empty in-memory database.
        return sa.create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"timeout": 30})
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if url.startswith("postgresql") and "+" not in url.split("://", 1)[0]:
        url = url.replace("postgresql", "postgresql+psycopg", 1)  # psycopg 3, not SQLAlchemy's psycopg2 default
    # pre_ping: a database restarted under a long-running mock costs one retry, not a 500.
    engine = sa.create_engine(url, pool_pre_ping=True, pool_size=8, max_overflow=8)
    sa.event.listen(engine, "rollback", _forget_sync)
    return engine


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    # WAL lets worker processes read while one writes; busy_timeout makes writers wait instead of failing.
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def _private_sqlite_file(url: str) -> None:
    """The database holds the CA and signing keys: its file is 0600 (new directories 0700) before SQLite opens
    it, and an existing file is tightened. SQLite gives its -wal and -shm files the database file's mode."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return
    path = Path(parsed.database)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    path.chmod(0o600)


def alembic_config() -> AlembicConfig:
    from alembic.config import Config as AlembicConfig

    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


@functools.cache
def _scripts() -> ScriptDirectory:
    # Read once per process: alembic's command.upgrade re-reads env.py and every version file on each call,
    # which the test suite (hundreds of stores) paid every time.
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


_REVISION_LINE = re.compile(r'^(down_revision|revision) = (?:"([^"]+)"|None)$', re.MULTILINE)


@functools.cache
def head_revision() -> str | None:
    """The newest migration's id, read from the version files' own ``revision = ...`` and ``down_revision = ...``
    lines, without importing alembic; ``None`` (alembic then decides) unless they form one chain."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("[0-9]*.py"):
        lines = dict(_REVISION_LINE.findall(path.read_text(encoding="utf-8")))
        if not lines.get("revision") or "down_revision" not in lines:
            return None
        revisions.add(lines["revision"])
        parents.add(lines["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 and len(parents) == len(revisions) else None


def _already_at(engine: sa.Engine, revision: str) -> bool:
    """Whether the store's schema is exactly at ``revision``: a restart on a migrated store then loads no alembic
    (~0.07 s of a start-up). Anything else (a new store, an older one, a relative revision) goes to ``migrate``."""
    target = head_revision() if revision == "head" else revision
    if target is None:
        return False
    try:
        with engine.connect() as connection:
            rows = connection.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    except sa.exc.DBAPIError:  # no such table: a new store
        return False
    return [tuple(row) for row in rows] == [(target,)]


def migrate(engine: sa.Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision``; what a new release of the mock does at start-up."""
    from alembic.runtime.environment import EnvironmentContext

    scripts = _scripts()

    def upgrade(current: Any, _context: Any) -> Any:
        return scripts._upgrade_revs(revision, current)

    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Two instances starting together against one database: one migrates, the other waits for it.
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATE_LOCK})")
        # What migrations/env.py does, with the script directory read once.
        with EnvironmentContext(alembic_config(), scripts, fn=upgrade, destination_rev=revision) as environment:
            environment.configure(connection=connection, render_as_batch=True)
            with environment.begin_transaction():
                environment.run_migrations()


_TEMPLATE_LOCK = threading.Lock()


@functools.cache
def _migrated_template(revision: str) -> sa.Engine:
    """An in-memory database migrated to ``revision`` once per process, by the real migrations."""
    template = _engine("sqlite://")
    migrate(template, revision)
    return template


def _copy_migrated_schema(engine: sa.Engine, revision: str) -> None:
    """A new in-memory store starts as a byte copy of the migrated template (sqlite3's backup API): the
    same schema the migrations build, without running them again for every app a test process makes."""
    with _TEMPLATE_LOCK:
        source = _migrated_template(revision).raw_connection()
        target = engine.raw_connection()
        try:
            source.driver_connection.backup(target.driver_connection)  # type: ignore[union-attr]
        finally:
            target.close()
            source.close()


def open_store(url: str, *, revision: str = "head") -> Store:
    _private_sqlite_file(url)
    engine = _engine(url)
    if url in _IN_MEMORY:
        _copy_migrated_schema(engine, revision)
    elif not _already_at(engine, revision):
        migrate(engine, revision)
    return Store(engine)
