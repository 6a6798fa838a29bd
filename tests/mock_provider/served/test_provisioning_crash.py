"""A crash (kill -9 of the served mock, master and workers) while clients are being provisioned leaves no client
without its provisioning record: one transaction writes both, so none shows as seeded after a restart [S1]."""

from __future__ import annotations

import os
import signal
import sqlite3
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from pathlib import Path

import httpx

from harness.server import served_mock
from tests.mock_provider.provisioning_api import example
from tests.mock_provider.served.conftest import CLIENT, client_for

REQUESTS = 80
KILL_AFTER = 10
URL = "/admin/provisioning/current/clients"


def _process_tree(pid: int) -> list[int]:
    """``pid`` and its descendants (gunicorn's master and workers), from /proc."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return [pid]
    return [pid, *(p for child in children for p in _process_tree(int(child)))]


def test_a_crash_leaves_no_client_without_its_provisioning_record(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with served_mock(CLIENT, data_dir=data) as served:

        def submit(index: int) -> int:
            body = example(client_name=f"crash-{index}", flows=["authorization_code", "client_credentials"])
            with client_for(served, admin=True, timeout=30) as http:
                try:
                    return http.post(URL, json=body).status_code
                except httpx.TransportError:
                    return 0  # the server died under this request

        with ThreadPoolExecutor(max_workers=8) as pool:
            pending = {pool.submit(submit, i) for i in range(REQUESTS)}
            done: set[Future[int]] = set()
            while len(done) < KILL_AFTER:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                done |= finished
            for pid in reversed(_process_tree(served.process.pid)):  # only what this test started
                os.kill(pid, signal.SIGKILL)
        statuses = [f.result() for f in [*done, *pending]]
    assert statuses.count(201) >= KILL_AFTER // 2  # some were provisioned before the crash
    assert 0 in statuses or statuses.count(201) < REQUESTS  # and the crash did cut some short

    with sqlite3.connect(data / "mock-provider.sqlite3") as db:
        orphans = db.execute(
            "SELECT client_id FROM clients WHERE client_id LIKE 'crash-%' "
            "AND client_id NOT IN (SELECT client_id FROM provisioning_requests)"
        ).fetchall()
        provisioned = db.execute("SELECT count(*) FROM clients WHERE client_id LIKE 'crash-%'").fetchone()[0]
    assert orphans == []
    assert provisioned >= statuses.count(201)
