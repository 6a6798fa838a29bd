"""The SQLite file holds the mock's CA and signing keys: only its owner may read it (0600, directory 0700)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
import sqlalchemy as sa

from mock_provider import Config, create_app
from mock_provider.provider import EXTENSION
from mock_provider.store.database import open_store


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_database_and_its_directory_are_private(tmp_path: Path) -> None:
    database = tmp_path / "new-dir" / "mock-provider.sqlite3"
    app = create_app(Config(database_url=f"sqlite:///{database}", data_dir=database.parent))
    with app.extensions[EXTENSION].store.begin() as connection:  # a write, so the WAL and shm files exist
        connection.execute(sa.text("CREATE TABLE IF NOT EXISTS probe (x INTEGER)"))
    assert mode(database.parent) == 0o700
    sidecars = [database.with_name(database.name + suffix) for suffix in ("-wal", "-shm")]
    for path in [database, *(p for p in sidecars if p.exists())]:
        assert mode(path) == 0o600, path


@pytest.mark.parametrize("before", [0o644, 0o666])
def test_an_existing_readable_database_is_tightened(tmp_path: Path, before: int) -> None:
    database = tmp_path / "old.sqlite3"
    database.touch()
    database.chmod(before)
    open_store(f"sqlite:///{database}")
    assert mode(database) == 0o600
