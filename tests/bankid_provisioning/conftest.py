"""Provisioning library fixtures: a clock, a PreProd merchant CA, seeded Faker data, example requests."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from faker import Faker

from bankid_provisioning import MerchantCA, MerchantSubject, Policy

EXAMPLES = Path(__file__).parents[2] / "examples" / "provisioning"
NOW = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def now() -> dt.datetime:
    return NOW


@pytest.fixture
def faker_locale() -> list[str]:
    # Faker's Norwegian (Bokmål) locale is spelled no_NO; it has no nb_NO alias.
    return ["no_NO"]


@pytest.fixture
def faker_seed() -> int:
    return 1729


@pytest.fixture(scope="session")
def merchant_ca() -> MerchantCA:
    return MerchantCA.generate(now=NOW - dt.timedelta(days=30))


@pytest.fixture
def policy(now: dt.datetime, merchant_ca: MerchantCA) -> Policy:
    return Policy(now=now, trust_anchors=(merchant_ca.certificate,))


@pytest.fixture
def subject(faker: Faker) -> MerchantSubject:
    company = faker.company()
    return MerchantSubject(organisation_name=company, organisation_number="998877660", common_name=company)


@pytest.fixture
def example() -> Callable[[str], dict[str, Any]]:
    """A fresh, mutable copy of one of the example request files (TOML)."""

    def load(name: str) -> dict[str, Any]:
        return tomllib.loads((EXAMPLES / name).read_text(encoding="utf-8"))

    return load


@pytest.fixture
def shared_request(example: Callable[[str], dict[str, Any]]) -> dict[str, Any]:
    return example("current-partner-shared.toml")
