"""What starting the mock loads: CI starts it thousands of times a day, so what a start does not need stays
unloaded. A restart on a store already at head loads no migrations (alembic), the default test users need no
Faker, and the mock loads no HTTP client (httpx) until a client's ``jwks_uri`` must be fetched."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic.script import ScriptDirectory

from mock_provider.store import open_store
from mock_provider.store.database import alembic_config, head_revision

LAZY = ("alembic", "faker", "httpx")
# A fresh interpreter: this test process has imported all of them already.
START = f"""
import sys
from mock_provider import Config, create_app
create_app(Config(database_url=sys.argv[1]))
print(" ".join(sorted({{name.split(".")[0] for name in sys.modules}} & set({LAZY!r}))))
"""


def _loaded_by_a_start(database_url: str) -> str:
    run = subprocess.run(
        [sys.executable, "-c", START, database_url], capture_output=True, text=True, check=True, timeout=60
    )
    return run.stdout.strip()


def test_the_head_read_from_the_version_files_is_alembics_head() -> None:
    assert head_revision() == ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_a_restart_on_a_store_at_head_loads_no_migrations_faker_or_http_client(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'mock.sqlite3'}"
    open_store(url)
    assert _loaded_by_a_start(url) == ""


def test_a_store_behind_head_is_still_migrated_at_start(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'mock.sqlite3'}"
    open_store(url, revision="0005")
    assert _loaded_by_a_start(url) == "alembic"
    assert open_store(url).revision() == head_revision()


def test_a_new_store_is_migrated_at_start(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'mock.sqlite3'}"
    assert _loaded_by_a_start(url) == "alembic"
    assert open_store(url).revision() == head_revision()
