"""Seed test users as data: Norwegian names from Faker and valid NNINs, from one injected seed [S59][S78].

Faker spells Norwegian Bokmål ``no_NO`` (it has no ``nb_NO`` locale); the names are the same. The users every
mock starts with are written out below (what ``generate_users`` made from the default seed), so a mock starts
without importing Faker: its import builds a table of every locale, ~0.07 s of each start, and ~0.6 s in a
pytest process that assertion-rewrites it as an installed plugin where no bytecode cache can be written.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
from typing import TYPE_CHECKING

from mock_provider.users import nnin
from mock_provider.users.model import TestUser

if TYPE_CHECKING:
    from faker import Faker

LOCALE = "no_NO"
DEFAULT_SEED = 9578
DEFAULT_COUNT = 5
_EARLIEST, _LATEST = dt.date(1936, 1, 1), dt.date(2007, 12, 31)

# The one CURRENT user with a public example token (Idura/Criipto [S78]): realistic data, not a real login.
DOCUMENTED_USER = TestUser(
    nnin="27034698436",
    bankid_altsub="9578-6000-4-351726",
    given_name="Kari",
    family_name="Nordmann",
    birthdate="1946-03-27",
)

# generate_users(DEFAULT_COUNT, rng=random.Random(DEFAULT_SEED)) with Faker 40: NNINs, alternative subjects and
# birthdates come from the seeded rng alone; tests/mock_provider/users/test_generate.py holds the two together.
GENERATED_DEFAULT_USERS = (
    TestUser(
        nnin="25030460653",
        bankid_altsub="9578-6000-4-1698672",
        given_name="Elise",
        family_name="Gundersen",
        birthdate="2004-03-25",
    ),
    TestUser(
        nnin="21116129105",
        bankid_altsub="9578-6000-4-6467501",
        given_name="Pål",
        family_name="Solheim",
        birthdate="1961-11-21",
    ),
    TestUser(
        nnin="30083829180",
        bankid_altsub="9578-6000-4-2735322",
        given_name="Joakim",
        family_name="Bøe",
        birthdate="1938-08-30",
    ),
    TestUser(
        nnin="07067728259",
        bankid_altsub="9578-6000-4-7892157",
        given_name="Karoline",
        family_name="Evensen",
        birthdate="1977-06-07",
    ),
    TestUser(
        nnin="23054106904",
        bankid_altsub="9578-6000-4-4797029",
        given_name="Kjell",
        family_name="Knudsen",
        birthdate="1941-05-23",
    ),
)


def generate_users(count: int, *, rng: random.Random, faker: Faker | None = None) -> tuple[TestUser, ...]:
    """``count`` distinct users drawn from ``rng`` (and a Faker seeded from it)."""
    if faker is None:
        from faker import Faker

        faker = Faker(LOCALE)
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
def default_users(seed: int = DEFAULT_SEED, count: int = DEFAULT_COUNT) -> tuple[TestUser, ...]:
    """The users a mock starts with: the documented example user and ``count`` generated ones."""
    if (seed, count) == (DEFAULT_SEED, DEFAULT_COUNT):
        return (DOCUMENTED_USER, *GENERATED_DEFAULT_USERS)
    rng = random.Random(seed)  # noqa: S311  (seeded test data, not a secret)
    return (DOCUMENTED_USER, *generate_users(count, rng=rng))
