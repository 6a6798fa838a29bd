"""Clients survive a release: provision on a served mock at schema 0003, stop, migrate, restart at head [S1].

"Client configurations are maintained across releases of the OIDC Provider in each environment unless
specified otherwise." [S1] The mock runs as a real process (granian, TLS from its own CA) on 127.0.0.1.
"""

from __future__ import annotations

import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa
from alembic.script import ScriptDirectory

from mock_provider.store import open_store
from mock_provider.store.database import alembic_config
from tests.mock_provider.provisioning_api import ADMIN_TOKEN, example, provision, token, with_bid

ROOT = Path(__file__).parents[3]
START_TIMEOUT = 30.0
HEAD = ScriptDirectory.from_config(alembic_config()).get_current_head()  # the newest release's schema


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def served_mock(data_dir: Path, port: int, *extra: str) -> Iterator[tuple[httpx.Client, httpx.Client]]:
    """A mock process; yields an admin and a public client and stops the process (by its pid) afterwards."""
    command = [
        sys.executable,
        "-m",
        "mock_provider",
        "--port",
        str(port),
        "--data-dir",
        str(data_dir),
        "--admin-token",
        ADMIN_TOKEN,
        "--tls",
        "--workers",
        "1",
        "--threads",
        "2",
        *extra,
    ]
    log = (data_dir / "mock.log").open("ab")
    process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    try:
        context = _wait_until_ready(data_dir, port, process)
        base = f"https://127.0.0.1:{port}"
        headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
        with (
            httpx.Client(base_url=base, verify=context, timeout=10, headers=headers) as admin,
            httpx.Client(base_url=base, verify=context, timeout=10) as public,
        ):
            yield admin, public
    finally:
        process.terminate()
        process.wait(timeout=15)
        log.close()


def _wait_until_ready(data_dir: Path, port: int, process: subprocess.Popen[bytes]) -> ssl.SSLContext:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        assert process.poll() is None, (data_dir / "mock.log").read_text()
        try:
            context = ssl.create_default_context(cafile=str(data_dir / "ca.pem"))
            reply = httpx.get(
                f"https://127.0.0.1:{port}/admin/health",
                verify=context,
                timeout=2,
                headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
            )
            if reply.status_code == 200:
                return context
        except (OSError, httpx.HTTPError, ssl.SSLError):
            pass
        time.sleep(0.1)
    raise AssertionError(f"mock did not start within {START_TIMEOUT} s")


def provision_everything(admin: httpx.Client) -> dict[str, Any]:
    shared = provision(admin)
    order = admin.post("/admin/ra/merchant-orders", json={"organisation_name": "Demo AS", "common_name": "Demo"})
    order_id = order.json()["certificate_id"]
    admin.post(f"/admin/ra/merchant-orders/{order_id}/activate")
    bid = admin.get(f"/admin/ra/merchant-orders/{order_id}/bid").content
    body = with_bid(example("current-dedicated.toml", flows=["client_credentials"]), bid)
    dedicated = admin.post("/admin/provisioning/current/clients", json=body).json()
    prod = provision(admin, "prod", channel="partner")
    return {"current": [shared, dedicated], "prod": [prod]}


def test_clients_survive_stop_migrate_restart(tmp_path: Path) -> None:
    started = time.monotonic()
    port = free_port()
    with served_mock(tmp_path, port, "--schema-revision", "0003") as (admin, public):
        assert admin.get("/admin/health").json()["schema"] == "0003"
        before = provision_everything(admin)
        views = {
            c["client_id"]: admin.get(f"/admin/provisioning/current/clients/{c['client_id']}").json()
            for c in before["current"]
        }
        for realm, clients in before.items():
            for client in clients:
                assert token(public, realm, client["client_id"], client["client_secret"]).status_code == 200

    database = f"sqlite:///{tmp_path / 'mock-provider.sqlite3'}"
    upgraded = open_store(database)  # what the new release does; also done again at its start-up
    assert upgraded.revision() == HEAD
    with upgraded.begin() as connection:
        backfilled = set(connection.execute(sa.text("SELECT provisioned_by FROM provisioning_requests")).scalars())
    upgraded.engine.dispose()
    assert backfilled == {"partner:Demo Partner AS"}

    with served_mock(tmp_path, port) as (admin, public):  # same address, as after a real upgrade
        assert admin.get("/admin/health").json()["schema"] == HEAD
        for realm, clients in before.items():
            for client in clients:
                reply = token(public, realm, client["client_id"], client["client_secret"])
                assert reply.status_code == 200, reply.text
        for client_id, view in views.items():
            after = admin.get(f"/admin/provisioning/current/clients/{client_id}").json()
            assert after == view
        assert token(
            public, "prod", before["current"][0]["client_id"], before["current"][0]["client_secret"]
        ).status_code in (400, 401)
    elapsed = time.monotonic() - started
    assert elapsed < 60, f"stop/migrate/restart took {elapsed:.1f} s"
