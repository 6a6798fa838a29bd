"""Provisioning is one transaction and answers 409 under any concurrency [S1]: 200 requests for one client name,
all released at once against the served mock (2 worker processes, one SQLite file, 127.0.0.1),
give exactly one 201 and 199 409s; the winner has its provisioning record (it does not show as seeded)."""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx

from harness.server import ServedMock
from tests.mock_provider.provisioning_api import example
from tests.mock_provider.served.conftest import client_for

REQUESTS = 200
URL = "/admin/provisioning/current/clients"


def test_same_name_requests_give_one_201_and_the_rest_409(served: ServedMock, admin: httpx.Client) -> None:
    body = example(client_name="racing-merchant", flows=["authorization_code", "client_credentials"])
    start = threading.Barrier(REQUESTS, timeout=60)

    def submit(_: int) -> tuple[int, str]:
        with client_for(served, admin=True, timeout=120) as http:
            start.wait()
            reply = http.post(URL, json=body)
            return reply.status_code, reply.text

    with ThreadPoolExecutor(max_workers=REQUESTS) as pool:
        replies = list(pool.map(submit, range(REQUESTS)))
    statuses = Counter(status for status, _ in replies)
    assert statuses == {201: 1, 409: REQUESTS - 1}, [text for status, text in replies if status not in (201, 409)][:3]
    assert all(text.startswith('{"error":"conflict"') or status == 201 for status, text in replies)

    winner = next(text for status, text in replies if status == 201)
    client_id = httpx.Response(201, text=winner).json()["client_id"]
    listed = [c for c in admin.get(URL).json()["clients"] if c["client_id"] == client_id]
    assert len(listed) == 1
    assert listed[0]["provisioned_by"] != "seed"
