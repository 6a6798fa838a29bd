"""Seeded test users: valid, distinct, Norwegian, reproducible from the seed [S59][S78]."""

from __future__ import annotations

import datetime as dt
import random

from mock_provider.users import nnin
from mock_provider.users.generate import DOCUMENTED_USER, default_users, generate_users
from mock_provider.users.model import ALTSUB_PATTERN


def test_same_seed_gives_same_users() -> None:
    assert generate_users(4, rng=random.Random(7)) == generate_users(4, rng=random.Random(7))


def test_different_seeds_give_different_users() -> None:
    assert generate_users(4, rng=random.Random(7)) != generate_users(4, rng=random.Random(8))


def test_generated_users_are_valid_bankid_users() -> None:
    users = generate_users(25, rng=random.Random(1))
    assert len({u.nnin for u in users}) == 25
    for user in users:
        assert nnin.is_valid(user.nnin)
        assert nnin.birthdate(user.nnin) == dt.date.fromisoformat(user.birthdate)
        assert ALTSUB_PATTERN.match(user.bankid_altsub)
        assert user.given_name
        assert user.family_name
        assert user.outcome is None


def test_default_users_start_with_the_documented_example() -> None:
    users = default_users()
    assert users[0] == DOCUMENTED_USER
    assert DOCUMENTED_USER.bankid_altsub == "9578-6000-4-351726"
    assert len(users) == 6
