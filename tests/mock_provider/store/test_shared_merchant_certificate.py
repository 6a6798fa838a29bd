"""The shared BankID merchant certificate the provider hosts [S1] exists once per environment, however many
requests need it first at the same time: concurrent first uses at a served mock (two gunicorn workers, each
with threads, over one store) all see the same certificate, and the store holds exactly one. Loopback only,
a bounded number of requests."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from mock_provider.running import serve_in_process
from mock_provider.store import open_store, schema
from mock_provider.store.database import migrate

ADMIN_TOKEN = "race-admin-token-0123456789"
CLIENT = "/admin/provisioning/current/clients/demo-bankid-current"  # a seeded client on the shared certificate
FIRST_USES = 12


def _shared_rows(database_url: str) -> list[sa.Row[tuple[str, str]]]:
    table = schema.merchant_certificates
    engine = sa.create_engine(database_url)
    try:
        with engine.connect() as connection:
            query = sa.select(table.c.environment, table.c.status).where(table.c.source == "shared")
            return list(connection.execute(query))
    finally:
        engine.dispose()


def test_concurrent_first_uses_create_one_shared_certificate(tmp_path: Path, database_url: str) -> None:
    barrier = threading.Barrier(FIRST_USES)
    with serve_in_process(
        data_dir=tmp_path / "data", tls=False, database_url=database_url, admin_token=ADMIN_TOKEN, workers=2
    ) as mock:

        def first_use(_: int) -> httpx.Response:
            barrier.wait(timeout=30)
            headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
            return httpx.get(mock.base_url + CLIENT, headers=headers, timeout=30)

        with ThreadPoolExecutor(FIRST_USES) as pool:
            replies = list(pool.map(first_use, range(FIRST_USES)))
    assert [r.status_code for r in replies] == [200] * FIRST_USES, [r.text[:200] for r in replies]
    certificates = [r.json()["merchant_certificate"] for r in replies]
    assert {(c["kind"], c["status"]) for c in certificates} == {("shared", "activated")}
    assert len({c["fingerprint_sha256"] for c in certificates}) == 1
    assert [tuple(row) for row in _shared_rows(database_url)] == [("CURRENT", "activated")]


def _shared(certificate_id: str, environment: str, status: str, ordered_at: float) -> dict[str, object]:
    return {
        "certificate_id": certificate_id,
        "environment": environment,
        "source": "shared",
        "status": status,
        "organisation_name": "BankID Norge AS",
        "organisation_number": "980000005",
        "common_name": "BankID OIDC Shared Merchant",
        "validity_days": 3650,
        "ordered_at": ordered_at,
    }


def test_the_upgrade_keeps_the_shared_certificate_already_shown_and_then_refuses_a_second(database_url: str) -> None:
    """A store from before 0006 may hold the duplicates the race made: the earliest activated one is what the
    provider showed, so it stays; the rest (and an order never activated) go before the unique index comes."""
    store = open_store(database_url, revision="0005")
    rows = [
        _shared("never-activated", "CURRENT", "ordered", 1.0),
        _shared("shown", "CURRENT", "activated", 2.0),
        _shared("raced", "CURRENT", "activated", 2.5),
        _shared("prod", "PROD", "activated", 3.0),
    ]
    table = schema.merchant_certificates
    with store.begin() as connection:
        connection.execute(sa.insert(table), rows)
    migrate(store.engine)
    assert sorted(tuple(r) for r in _shared_rows(database_url)) == [("CURRENT", "activated"), ("PROD", "activated")]
    with store.begin() as connection:
        kept = set(connection.execute(sa.select(table.c.certificate_id)).scalars())
    assert kept == {"shown", "prod"}
    with pytest.raises(sa.exc.IntegrityError), store.begin() as connection:
        connection.execute(sa.insert(table).values(_shared("second", "PROD", "activated", 4.0)))
    store.engine.dispose()
