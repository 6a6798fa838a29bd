"""Preflight fixtures: example request files copied to a temporary directory, with a freshly made .bid."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from bankid_provisioning import MerchantCA, MerchantSubject

EXAMPLES = Path(__file__).parents[3] / "examples" / "provisioning"


@pytest.fixture
def faker_locale() -> list[str]:
    return ["no_NO"]


@pytest.fixture
def faker_seed() -> int:
    return 4711


@pytest.fixture(scope="session")
def examples_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples plus the ``webshop-test.bid`` the dedicated one names (generated, never committed)."""
    target = tmp_path_factory.mktemp("examples")
    for source in EXAMPLES.iterdir():
        if source.suffix != ".bid":
            shutil.copy(source, target / source.name)
    now = dt.datetime.now(dt.UTC)
    subject = MerchantSubject(
        organisation_name="Nettbutikken Demo AS",
        organisation_number="998877660",
        common_name="Nettbutikken Demo",
    )
    (target / "webshop-test.bid").write_bytes(MerchantCA.generate(now=now).bid(subject, now=now))
    return target
