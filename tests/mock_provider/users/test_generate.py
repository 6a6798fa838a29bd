"""Seeded test users: valid, distinct, Norwegian, reproducible from the seed [S59][S78]."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from faker import Faker

from mock_provider.users import nnin
from mock_provider.users.generate import (
    DEFAULT_COUNT,
    DEFAULT_SEED,
    DOCUMENTED_USER,
    GENERATED_DEFAULT_USERS,
    LOCALE,
    default_users,
    generate_users,
)
from mock_provider.users.model import ALTSUB_PATTERN, TestUser


def test_same_seed_gives_same_users() -> None:
    assert generate_users(4, rng=random.Random(7)) == generate_users(4, rng=random.Random(7))


def test_different_seeds_give_different_users() -> None:
    assert generate_users(4, rng=random.Random(7)) != generate_users(4, rng=random.Random(8))


@pytest.mark.parametrize(
    "users", [generate_users(25, rng=random.Random(1)), GENERATED_DEFAULT_USERS], ids=["generated", "default"]
)
def test_generated_users_are_valid_bankid_users(users: tuple[TestUser, ...]) -> None:
    assert len({u.nnin for u in users}) == len(users)
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


def test_the_written_out_default_users_are_what_the_default_seed_draws() -> None:
    """The mock's default users are written out so it starts without Faker; they must stay what the seed draws:
    NNIN, alternative subject and birthdate come from the seeded rng alone, so they must match exactly; the
    names come from Faker's ``no_NO`` lists (a later Faker may draw others), so each must be one of them, a
    first name of the sex the NNIN's ninth digit gives."""
    drawn = generate_users(DEFAULT_COUNT, rng=random.Random(DEFAULT_SEED))
    assert [(u.nnin, u.bankid_altsub, u.birthdate) for u in GENERATED_DEFAULT_USERS] == [
        (u.nnin, u.bankid_altsub, u.birthdate) for u in drawn
    ]
    assert default_users() == (DOCUMENTED_USER, *GENERATED_DEFAULT_USERS)
    person = next(p for p in Faker(LOCALE).providers if type(p).__module__.endswith(f"person.{LOCALE}"))
    for user in GENERATED_DEFAULT_USERS:
        female = int(user.nnin[8]) % 2 == 0
        assert user.given_name in (person.first_names_female if female else person.first_names_male)
        assert user.family_name in person.last_names


def test_another_seed_or_count_still_draws_its_users() -> None:
    users = default_users(seed=DEFAULT_SEED + 1)
    assert users[0] == DOCUMENTED_USER
    assert users[1:] == generate_users(DEFAULT_COUNT, rng=random.Random(DEFAULT_SEED + 1))
    assert len(default_users(count=2)) == 3
