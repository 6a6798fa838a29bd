"""The request limits hold behind a fault profile's interceptor too (``mock_provider.hooks.intercepted``): the
interceptor buffers the body so it may read it and still forward it, and it buffers at most 10 MiB. A larger
body never reaches the interceptor: the app answers it as it does with no profile (a 413 with the
``{error, error_description}`` JSON wherever a body is read), whatever the profile does to the requests it
matches (even one that answers 500 on purpose); never a 500 and never a body buffered whole."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from werkzeug.wrappers import Request, Response

from mock_provider import Config, create_app
from mock_provider.faults import profile
from mock_provider.hooks import FaultProfile, Handler
from mock_provider.limits import MAX_BODY_BYTES, read_body
from mock_provider.running import serve_in_process
from mock_provider.seed import DEMO_SECRET
from tests.mock_provider.conftest import ADMIN_TOKEN
from tests.mock_provider.mock_flow import CLIENT_ID, SECRET

REALM = "/auth/realms/current"
TOKEN = f"{REALM}/protocol/openid-connect/token"
INTROSPECT = f"{REALM}/protocol/openid-connect/token/introspect"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
DEMO = ("demo-bankid-current", DEMO_SECRET)  # a seeded client of the served mock
OVERSIZED = b"grant_type=client_credentials&pad=" + b"a" * MAX_BODY_BYTES
# (profile, route it intercepts, the plain app's answer): one that rewrites the answer, one that answers instead
# of the provider, one that reads the submitted JSON, one that turns a POST into a GET (authorize is GET only
# [S15], yet an oversized POST there is still a 413: the limit holds before any route is matched); plus a route
# the first profile does not match.
Headers = dict[str, str]
CASES = [
    ("introspect-garbage-400", INTROSPECT, FORM, 413),
    ("introspect-garbage-400", TOKEN, FORM, 413),
    ("token-500", TOKEN, FORM, 413),
    ("authorize-post", f"{REALM}/precheck/auth", FORM, 413),
    (
        "provisioning-fills-missing-fields",
        "/admin/provisioning/current/clients",
        {"Content-Type": "application/json", "Authorization": f"Bearer {ADMIN_TOKEN}"},
        413,
    ),
]
IDS = [f"{name}:{path.rsplit('/', 1)[-1]}" for name, path, *_ in CASES]


@pytest.fixture
def faults(request: pytest.FixtureRequest) -> FaultProfile:
    return profile(request.param)


def assert_error(response: httpx.Response, status: int = 413) -> None:
    assert response.status_code == status, response.text[:300]
    body = response.json()
    assert body["error"] == "invalid_request" and body["error_description"], body


@pytest.mark.parametrize(("faults", "path", "headers", "plain"), CASES, indirect=["faults"], ids=IDS)
def test_an_oversized_body_gets_the_plain_apps_answer_behind_the_interceptor(
    http: httpx.Client, config: Config, path: str, headers: Headers, plain: int
) -> None:
    assert_error(http.post(path, content=OVERSIZED, headers=headers), plain)
    unfaulted = httpx.WSGITransport(app=create_app(dataclasses.replace(config, faults=FaultProfile())))
    with httpx.Client(transport=unfaulted, base_url=str(http.base_url)) as without_profile:
        assert_error(without_profile.post(path, content=OVERSIZED, headers=headers), plain)


@pytest.mark.parametrize("faults", ["introspect-garbage-400"], indirect=True)
def test_a_body_within_the_limit_still_reaches_the_interceptor(http: httpx.Client) -> None:
    """The fault still applies below the limit: a garbage token at introspection is its 400, not 200."""
    form = {"token": "garbage", "token_type_hint": "bid_access_token", "pad": "a" * 1024}
    assert http.post(INTROSPECT, data=form, auth=(CLIENT_ID, SECRET)).status_code == 400


@dataclass(frozen=True)
class Served:
    base_url: str
    garbage_answer: int  # what introspecting a garbage token gives: 200 active=false, or the profile's 400


@pytest.fixture(scope="module", params=[((), 200), (("introspect-garbage-400",), 400)], ids=["plain", "intercepted"])
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    faults, garbage_answer = request.param
    data = tmp_path_factory.mktemp("served") / "data"
    with serve_in_process(data_dir=data, tls=False, faults=faults, workers=1) as mock:
        yield Served(mock.base_url, garbage_answer)


def _chunks(total: int, size: int = 1024 * 1024) -> Iterator[bytes]:
    """A form of ``total`` bytes introspecting a garbage token, sent in chunks."""
    head = b"token=garbage&token_type_hint=bid_access_token&pad="
    yield head
    for start in range(0, total - len(head), size):
        yield b"a" * min(size, total - len(head) - start)


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "chunked"])
def test_a_served_mock_refuses_an_oversized_body(served: Served, declared: bool) -> None:
    """Over gunicorn on 127.0.0.1 a chunked body has no Content-Length: it is measured, not cut at the limit
    (Werkzeug alone stops reading there and would hand the app the first 10 MiB as if they were all)."""
    total = MAX_BODY_BYTES + 1024
    content: bytes | Iterator[bytes] = b"".join(_chunks(total)) if declared else _chunks(total)
    try:
        response = httpx.post(served.base_url + INTROSPECT, content=content, headers=FORM, auth=DEMO, timeout=30)
    except httpx.WriteError:
        pytest.fail("the mock closed the connection instead of answering 413")
    assert_error(response)


@pytest.mark.parametrize("total", [4096, MAX_BODY_BYTES])
def test_a_served_mock_reads_a_chunked_body_within_the_limit(served: Served, total: int) -> None:
    response = httpx.post(served.base_url + INTROSPECT, content=_chunks(total), headers=FORM, auth=DEMO, timeout=30)
    assert response.status_code == served.garbage_answer, response.text[:300]


@settings(max_examples=30)
@given(size=st.integers(0, 40), limit=st.integers(0, 30), declared=st.booleans(), chunk=st.integers(1, 7))
def test_read_body_returns_the_body_only_within_the_limit(size: int, limit: int, declared: bool, chunk: int) -> None:
    body = bytes(range(size))
    environ: dict[str, object] = {"wsgi.input": _Trickle(body, chunk), "wsgi.input_terminated": True}
    if declared:
        environ["CONTENT_LENGTH"] = str(size)
    read = read_body(environ, limit)  # type: ignore[arg-type]
    assert read == (body if size <= limit else None)
    assert environ["wsgi.input"].consumed <= limit + 1  # type: ignore[attr-defined]


class _Trickle(io.RawIOBase):
    """A client stream that hands out at most ``chunk`` bytes per read, as a socket may."""

    def __init__(self, data: bytes, chunk: int) -> None:
        self.data, self.chunk, self.consumed = data, chunk, 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        size = self.chunk if size < 0 else min(size, self.chunk)
        out = self.data[self.consumed : self.consumed + size]
        self.consumed += len(out)
        return out


def _raising(request: Request, handler: Handler) -> Response:
    raise RuntimeError("a fault profile's own bug: secret-in-message")


@pytest.mark.parametrize("faults", [FaultProfile(interceptor=_raising)], indirect=False)
def test_an_interceptor_that_raises_gets_the_apps_own_server_error(
    http: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    """The interceptor runs outside Flask's error handlers; its bug still gets the mock's JSON, not the
    server's bare 500 page, and the message (which may hold anything) stays in the log."""
    response = http.get(f"{REALM}/.well-known/openid-configuration")
    assert response.status_code == 500
    assert response.json() == {"error": "server_error", "error_description": "Unexpected error"}
    assert "secret-in-message" not in response.text
    assert any("secret-in-message" in str(record.exc_info and record.exc_info[1]) for record in caplog.records)
