"""Seed test users as data: Norwegian names from Faker and valid NNINs, from one injected seed [S59][S78].

Faker spells Norwegian Bokmål ``no_NO`` (it has no ``nb_NO`` locale); the names are the same.
"""

from __future__ import annotations

import datetime as dt
import functools
import random

from faker import Faker

from mock_provider.users import nnin
from mock_provider.users.model import TestUser

LOCALE = "no_NO"
DEFAULT_SEED = 9578
_EARLIEST, _LATEST = dt.date(1936, 1, 1), dt.date(2007, 12, 31)

# The one CURRENT user with a public example token (Idura/Criipto [S78]): realistic data, not a real login.
DOCUMENTED_USER = TestUser(
    nnin="27034698436",
    bankid_altsub="9578-6000-4-351726",
    given_name="Kari",
    family_name="Nordmann",
    birthdate="1946-03-27",
)


def generate_users(count: int, *, rng: random.Random, faker: Faker | None = None) -> tuple[TestUser, ...]:
    """``count`` distinct users drawn from ``rng`` (and a Faker seeded from it)."""
    faker = faker or Faker(LOCALE)
    faker.seed_instance(rng.randint(0, 2**31))
    users: dict[str, TestUser] = {}
    while len(users) < count:
        user = _one(rng, faker)
        users.setdefault(user.nnin, user)
    return tuple(users.values())


def _one(rng: random.Random, faker: Faker) -> TestUser:
    female = rng.random() < 0.5
    # Drawn from rng rather than Faker's date_of_birth, which counts from today and so changes daily.
    born = _EARLIEST + dt.timedelta(days=rng.randint(0, (_LATEST - _EARLIEST).days))
    given = faker.first_name_female() if female else faker.first_name_male()
    return TestUser(
        nnin=nnin.generate(born, rng, female=female),
        bankid_altsub=f"9578-6000-4-{rng.randint(100000, 9999999)}",
        given_name=given,
        family_name=faker.last_name(),
        birthdate=born.isoformat(),
    )


@functools.cache
def default_users(seed: int = DEFAULT_SEED, count: int = 5) -> tuple[TestUser, ...]:
    """The users a mock starts with: the documented example user and ``count`` generated ones."""
    rng = random.Random(seed)  # noqa: S311  (seeded test data, not a secret)
    return (DOCUMENTED_USER, *generate_users(count, rng=rng))
