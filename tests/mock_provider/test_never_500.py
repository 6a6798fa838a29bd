"""Bad input gets the documented error, never a 500 or a stack trace: every route, any method, any body.

Routes come from the app's own URL map, so a route added later is fuzzed without touching this test.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator

import httpx
import pytest
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mock_provider import Config, create_app
from tests.conftest import CLIENT_ID, CLIENT_SECRET, FakeClock, make_client

ADMIN = "admin-token-for-fuzzing"
_VARIABLE = re.compile(r"<(?:[a-z]+:)?([a-z_]+)>")
_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
_values = st.one_of(_text, st.sampled_from(["current", "prod", "code", "S256", "openid", "27034698436", ""]))


@pytest.fixture(scope="module")
def app() -> Flask:
    return create_app(Config(clients=(make_client(),), clock=FakeClock(), admin_token=ADMIN))


@pytest.fixture(scope="module")
def http(app: Flask) -> Iterator[httpx.Client]:
    with httpx.Client(transport=httpx.WSGITransport(app=app), base_url="https://auth.current.bankid.no") as client:
        yield client


def _routes(app: Flask) -> list[tuple[str, str]]:
    return sorted(
        (rule.rule, method)
        for rule in app.url_map.iter_rules()
        if not rule.rule.startswith("/static")
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})
    )


@st.composite
def requests(draw: st.DrawFn, routes: list[tuple[str, str]]) -> dict[str, object]:
    path, method = draw(st.sampled_from(routes))
    path = _VARIABLE.sub(lambda m: draw(st.sampled_from(["current", "prod", "x", "%20", CLIENT_ID])), path)
    auth = draw(st.sampled_from([None, f"Bearer {ADMIN}", "Bearer x", "Basic !!", _basic(), "Basic " + "A" * 8]))
    body = draw(
        st.one_of(
            st.dictionaries(_text, _values, max_size=6).map(lambda d: {"data": d}),
            st.recursive(
                st.none() | st.booleans() | _values, lambda c: st.lists(c) | st.dictionaries(_text, c), max_leaves=8
            ).map(lambda j: {"json": j}),
            st.binary(max_size=40).map(lambda b: {"content": b, "headers": {"content-type": "application/json"}}),
        )
    )
    params = draw(
        st.dictionaries(
            st.sampled_from(
                [
                    "client_id",
                    "redirect_uri",
                    "response_type",
                    "scope",
                    "state",
                    "nonce",
                    "code_challenge",
                    "request_uri",
                    "session",
                ]
            ),
            _values,
        )
    )
    headers = dict(body.pop("headers", {}))  # type: ignore[call-overload]
    if auth:
        headers["Authorization"] = auth
    return {"method": method, "url": path, "params": params, "headers": headers, **body}


def _basic() -> str:
    return "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()


def test_every_route_is_fuzzed(app: Flask) -> None:
    assert len(_routes(app)) >= 30


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(data=st.data())
def test_no_route_answers_500_or_a_traceback(app: Flask, http: httpx.Client, data: st.DataObject) -> None:
    request = data.draw(requests(_routes(app)))
    reply = http.request(**request)  # type: ignore[arg-type]
    assert reply.status_code < 500, (request, reply.status_code, reply.text[:300])
    assert "Traceback" not in reply.text
    if reply.status_code >= 400:
        assert reply.headers["content-type"].split(";")[0] in ("application/json", "text/html")
