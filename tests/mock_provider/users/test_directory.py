"""Seeding the test-user directory: configured users the store lacks are added, users it has (perhaps changed at
runtime through the admin API) are left as they are, and of two configured users with one NNIN the first counts."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from mock_provider.store import open_store
from mock_provider.users.directory import UserDirectory
from mock_provider.users.generate import DOCUMENTED_USER, GENERATED_DEFAULT_USERS


def _directory(tmp_path: Path) -> UserDirectory:
    return UserDirectory(open_store(f"sqlite:///{tmp_path / 'users.sqlite3'}"), clock=lambda: 1_796_000_000.0)


def test_seeding_adds_every_configured_user(tmp_path: Path) -> None:
    directory = _directory(tmp_path)
    users = (DOCUMENTED_USER, *GENERATED_DEFAULT_USERS)
    directory.seed(users)
    assert directory.all() == sorted(users, key=lambda u: u.nnin)


def test_a_user_changed_at_runtime_keeps_its_changes_when_seeded_again(tmp_path: Path) -> None:
    directory = _directory(tmp_path)
    directory.seed((DOCUMENTED_USER,))
    changed = replace(DOCUMENTED_USER, given_name="Ola", outcome="cancel")
    directory.save(changed)
    directory.seed((DOCUMENTED_USER, GENERATED_DEFAULT_USERS[0]))  # a restart seeds the configured users again
    assert directory.get(DOCUMENTED_USER.nnin) == changed
    assert directory.get(GENERATED_DEFAULT_USERS[0].nnin) == GENERATED_DEFAULT_USERS[0]


def test_of_two_configured_users_with_one_nnin_the_first_is_seeded(tmp_path: Path) -> None:
    directory = _directory(tmp_path)
    other = replace(DOCUMENTED_USER, given_name="Ola")
    directory.seed((DOCUMENTED_USER, other))
    assert directory.all() == [DOCUMENTED_USER]


def test_seeding_nothing_changes_nothing(tmp_path: Path) -> None:
    directory = _directory(tmp_path)
    directory.seed(())
    assert directory.all() == []
