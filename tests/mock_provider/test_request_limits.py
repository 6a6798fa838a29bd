"""Request limits (``mock_provider.limits``): a body over 10 MiB is a 413 and JSON nested too deeply a 400 that
says so, at the login form, token, PAR and the admin JSON APIs; never a 500, and nothing is parsed first."""

from __future__ import annotations

import re

import httpx
import pytest
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.test import create_environ, run_wsgi_app

from mock_provider.limits import MAX_BODY_BYTES, MAX_JSON_DEPTH, too_deep
from tests.mock_provider.conftest import ADMIN_TOKEN
from tests.mock_provider.mock_flow import CLIENT_ID, SECRET, Flow

REALM = "/auth/realms/current"
FORM_ROUTES = [
    f"{REALM}/protocol/openid-connect/token",
    f"{REALM}/protocol/openid-connect/ext/par/request",
    f"{REALM}/protocol/openid-connect/token/introspect",
    f"{REALM}/login-actions/authenticate",
]
JSON_ROUTES = ["/admin/provisioning/current/clients", "/admin/ra/merchant-orders", "/admin/releases"]
ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


def assert_error(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text[:300]
    body = response.json()
    assert body["error"]
    return str(body.get("error_description", ""))


@pytest.mark.parametrize("path", FORM_ROUTES)
def test_an_oversized_form_is_413(http: httpx.Client, path: str) -> None:
    body = b"grant_type=client_credentials&pad=" + b"a" * MAX_BODY_BYTES
    response = http.post(path, content=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert_error(response, 413)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", f"{REALM}/precheck/auth"),  # GET only [S15]: the plain answer would be 405
        ("GET", f"{REALM}/.well-known/openid-configuration"),  # never reads a body: the plain answer would be 200
        ("PUT", "/no/such/route"),  # the plain answer would be 404
    ],
)
def test_a_declared_oversized_body_is_413_wherever_it_goes(http: httpx.Client, method: str, path: str) -> None:
    """Quarkus's upload-limit route (order -2, before any route) refuses a declared Content-Length over the
    limit: where the request was going, and whether that route would read a body, does not change the answer."""
    response = http.request(method, path, content=b"a" * (MAX_BODY_BYTES + 1))
    assert "exceeds the capacity limit" in assert_error(response, 413)
    assert response.headers["Cache-Control"] == "no-store"


def test_a_body_at_the_limit_goes_where_it_was_going(http: httpx.Client) -> None:
    response = http.post(f"{REALM}/precheck/auth", content=b"a" * MAX_BODY_BYTES)
    assert_error(response, 405)


def test_the_declared_413_is_the_apps_own_413_word_for_word(http: httpx.Client) -> None:
    """The 413 answered before routing is the one the app's error handler gives a body Werkzeug finds too large
    (a multipart field over Flask's form memory limit, at the login form): same status, headers and body."""
    handled = http.post(f"{REALM}/login-actions/authenticate", files={"pad": (None, "a" * 600_000)})
    refused = http.post(f"{REALM}/login-actions/authenticate", content=b"a" * (MAX_BODY_BYTES + 1))
    assert handled.status_code == refused.status_code == 413
    assert (dict(refused.headers), refused.content) == (dict(handled.headers), handled.content)


LATIN_1 = st.characters(codec="latin-1")
CONTENT_LENGTHS = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.integers(-3, 3).map(lambda n: str(MAX_BODY_BYTES + n)),
    st.text(LATIN_1, max_size=12),
    st.tuples(st.sampled_from(["", " ", "\t", "+", "-", "0", "\xa0"]), st.integers(0, 2 * MAX_BODY_BYTES)).map(
        lambda pair: f"{pair[0]}{pair[1]}{pair[0]}"
    ),
)


def _declared(value: str) -> int:
    """Werkzeug's reading of a Content-Length (get_content_length): ASCII digits between spaces or tabs (not any
    other whitespace), else no body."""
    stripped = value.strip(" \t")
    return int(stripped) if re.fullmatch(r"\d+", stripped, re.ASCII) else 0


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])  # the app keeps no state between GETs
@given(
    method=st.sampled_from(["GET", "HEAD"]),
    length=CONTENT_LENGTHS,
    transfer=st.sampled_from([None, "chunked", "gzip, chunked", "identity"]),
)
def test_a_bodyless_request_with_any_content_length_is_answered_as_werkzeug_reads_it(
    app: Flask, method: str, length: str, transfer: str | None
) -> None:
    """An empty, negative or unreadable Content-Length is no body (Werkzeug's get_content_length), so a GET or
    HEAD of discovery is answered as without one; only a readable length over the limit is the early 413, and a
    chunked request is measured, not taken at its word."""
    plain = _call(app, method, None, None)
    answer = _call(app, method, length, transfer)
    by_length = transfer is None or "chunked" not in transfer.lower()  # a chunked body is measured instead
    if by_length and _declared(length) > MAX_BODY_BYTES:
        assert answer[0] == 413, (length, answer)
        assert (b"exceeds the capacity" in answer[1]) if method == "GET" else answer[1] == b""
    else:
        assert answer == plain, (length, transfer)


def _call(app: Flask, method: str, length: str | None, transfer: str | None) -> tuple[int, bytes]:
    # A raw environ: no HTTP client sends a malformed Content-Length, a WSGI server hands it on as it came.
    environ = create_environ(
        f"{REALM}/.well-known/openid-configuration", "https://auth.current.bankid.no", method=method
    )
    environ.pop("CONTENT_LENGTH", None)
    if length is not None:
        environ["CONTENT_LENGTH"] = length
    if transfer is not None:
        environ["HTTP_TRANSFER_ENCODING"] = transfer
    body, status, _ = run_wsgi_app(app, environ, buffered=True)
    return int(status.split()[0]), b"".join(body)


@pytest.mark.parametrize("path", JSON_ROUTES)
def test_an_oversized_json_body_is_413(http: httpx.Client, path: str) -> None:
    body = b'{"pad": "' + b"a" * MAX_BODY_BYTES + b'"}'
    response = http.post(path, content=body, headers={**ADMIN, "Content-Type": "application/json"})
    assert_error(response, 413)


@pytest.mark.parametrize("path", JSON_ROUTES)
@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 100_000])
def test_deeply_nested_json_is_a_400_naming_the_problem(http: httpx.Client, path: str, depth: int) -> None:
    body = "[" * depth + "]" * depth
    response = http.post(path, content=body, headers={**ADMIN, "Content-Type": "application/json"})
    assert "nested deeper" in assert_error(response, 400)


def test_json_within_the_depth_limit_is_read(http: httpx.Client) -> None:
    """The limit refuses only depth: a body at the limit reaches validation (422 naming the fields)."""
    body = {"release": "r", "x": 1, "deep": [[]] * 2}
    nested: object = []
    for _ in range(MAX_JSON_DEPTH - 2):
        nested = [nested]
    body["deep"] = nested
    assert http.post("/admin/releases", json=body, headers=ADMIN).status_code == 200


def test_a_deep_authorization_details_parameter_is_a_400(http: httpx.Client, flow: Flow) -> None:
    """JSON inside a form parameter (RFC 9396 at PAR) meets the same limit as a JSON body."""
    deep = "[" * 100_000 + "]" * 100_000
    response = http.post(
        FORM_ROUTES[1], data={**flow.params(), "authorization_details": deep}, auth=(CLIENT_ID, SECRET)
    )
    assert_error(response, 400)


@given(st.recursive(st.none() | st.text(alphabet='[]{}"\\ab,:', max_size=4), lambda c: st.lists(c, max_size=2)))
def test_depth_counts_only_structure_not_brackets_in_strings(value: object) -> None:
    import json

    text = json.dumps(value)

    def depth(v: object) -> int:
        return 1 + max((depth(x) for x in v), default=0) if isinstance(v, list) else 0

    for limit in (0, 1, 2, 3):
        assert too_deep(text, limit) == (depth(value) > limit)
