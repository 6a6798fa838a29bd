"""Bad input gets the documented error, never a 500 or a stack trace: every route, any method, any body.

Each route is its own test with ``BANKID_FUZZ_EXAMPLES`` generated requests (default: a quick setting for CI).
A campaign is run by hand, in-process or against the served mock (``python -m mock_provider`` on 127.0.0.1,
TLS, two worker processes):

    BANKID_FUZZ_EXAMPLES=10000 .venv/bin/python -m pytest -n 0 tests/mock_provider/test_never_500.py
    BANKID_FUZZ_EXAMPLES=2000 BANKID_FUZZ_TARGET=served .venv/bin/python -m pytest -n 0 tests/mock_provider/...

``bench/fuzz_served.py`` runs the same requests against the served mock and records the figures.
"""

from __future__ import annotations

import os
import ssl
from collections.abc import Iterator

import httpx
import pytest
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from harness.server import served_mock
from mock_provider import Config, create_app
from tests.conftest import CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, FakeClock, make_client
from tests.mock_provider.fuzzing import ADMIN, Route, problem, requests, routes

QUICK_EXAMPLES = 10
EXAMPLES = int(os.environ.get("BANKID_FUZZ_EXAMPLES") or QUICK_EXAMPLES)
SERVED = os.environ.get("BANKID_FUZZ_TARGET", "in-process") == "served"
ROUTES = routes(create_app(Config(admin_token=ADMIN)))


@pytest.fixture(scope="module")
def app() -> Flask:
    return create_app(Config(clients=(make_client(),), clock=FakeClock(), admin_token=ADMIN))


@pytest.fixture(scope="module")
def fuzz_target(app: Flask) -> Iterator[tuple[httpx.Client, str, str]]:
    """An httpx client on the mock, the admin token it accepts and its userinfo host: in-process or served."""
    if not SERVED:
        transport = httpx.WSGITransport(app=app)
        with httpx.Client(transport=transport, base_url="https://auth.current.bankid.no") as client:
            yield client, ADMIN, "https://userinfo.current.bankid.no"
        return
    seeded = {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "redirect_uris": [REDIRECT_URI]}
    with served_mock(seeded) as mock:
        verify = ssl.create_default_context(cafile=str(mock.ca_file))
        with httpx.Client(base_url=mock.base_url, verify=verify, timeout=30) as client:
            yield client, mock.admin_token.reveal(), mock.base_url.replace("127.0.0.1", "localhost")


def test_every_route_is_fuzzed(app: Flask) -> None:
    assert len(routes(app)) >= 30
    assert routes(app) == ROUTES  # the parametrisation below covers what the app serves


@pytest.mark.parametrize("route", ROUTES, ids=[f"{method} {rule}" for rule, method in ROUTES])
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_route_answers_500_or_a_traceback(
    fuzz_target: tuple[httpx.Client, str, str], route: Route, data: st.DataObject
) -> None:
    http, admin_token, userinfo = fuzz_target
    request = data.draw(requests(route, served=SERVED, admin_token=admin_token, userinfo_base=userinfo))
    reply = http.request(**request)
    why = problem(reply.status_code, reply.text, reply.headers.get("content-type", ""))
    assert why is None, (why, request, reply.text[:300])
