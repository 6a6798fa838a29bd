"""The store's two backends as fixtures: a SQLite file, and a fresh database on the PostgreSQL server named by
``BANKID_MOCK_TEST_POSTGRES_URL`` (``.ci/run`` starts one with ``scripts/test-postgres``).

Without that variable PostgreSQL tests skip with the reason, except under CI (``CI`` set), where a missing or
unreachable server fails them: CI must never pass with half the backends untested.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from mock_provider.store import Store, open_store

POSTGRES_ENV = "BANKID_MOCK_TEST_POSTGRES_URL"
BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[sa.Engine]:
    """An autocommit connection to the test server, for creating and dropping databases."""
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"{POSTGRES_ENV} is not set under CI; .ci/run starts PostgreSQL with scripts/test-postgres")
        pytest.skip(f"{POSTGRES_ENV} not set: start one with scripts/test-postgres start DIR (needs root)")
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
    except sa.exc.OperationalError as exc:
        pytest.fail(f"{POSTGRES_ENV} is set but the server cannot be reached: {exc}")
    yield engine
    engine.dispose()


@pytest.fixture
def postgres_url(postgres_server: sa.Engine) -> Iterator[str]:
    """A new, empty database for one test, dropped afterwards."""
    name = f"bankid_mock_test_{uuid.uuid4().hex[:12]}"
    with postgres_server.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {name}")
    yield postgres_server.url.set(database=name).render_as_string(hide_password=False)
    with postgres_server.connect() as connection:
        connection.exec_driver_sql(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('store') / 'mock-provider.sqlite3'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    """A store migrated to head on ``database_url``, closed afterwards."""
    opened = open_store(database_url)
    yield opened
    opened.engine.dispose()
