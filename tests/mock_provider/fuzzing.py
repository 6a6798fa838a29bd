"""Generated requests for every route of the mock, shared by ``test_never_500`` (quick, in CI) and
``bench/fuzz_served.py`` (the by-hand campaign over the served mock).

Routes come from the app's own URL map, so a route added later is fuzzed without touching this module. Path
variables, query parameters, form fields, JSON and raw bodies are drawn from well-known values (realm names,
the seeded client, BankID scopes) and from arbitrary text; over real HTTP any Unicode reaches the server
percent-encoded, in-process only Latin-1 can (httpx's WSGI transport puts the decoded path in ``PATH_INFO``).
"""

from __future__ import annotations

import base64
import functools
import re
from typing import Any
from urllib.parse import quote

from flask import Flask
from hypothesis import strategies as st

from tests.conftest import CLIENT_ID, CLIENT_SECRET

ADMIN = "admin-token-for-fuzzing"
Route = tuple[str, str]
_VARIABLE = re.compile(r"<(?:[a-z]+:)?([a-z_]+)>")
_KNOWN = ["current", "prod", "code", "S256", "openid", "27034698436", "", CLIENT_ID, "client_credentials"]
# Bodies a generator rarely builds: JSON's non-numbers, deep nesting, a truncated document.
_RAW = [b'{"a": NaN}', b"[Infinity]", b"-Infinity", b"[" * 5000 + b"]" * 5000, b'{"release": ', b"\xff\xfe"]
_SEGMENTS = ["current", "prod", "x", CLIENT_ID, "27034698436", "0" * 32]
_PARAMS = [
    "client_id",
    "redirect_uri",
    "response_type",
    "scope",
    "state",
    "nonce",
    "code_challenge",
    "request_uri",
    "session",
    "grant_type",
    "client_assertion_type",
    "client_assertion",
    "authorization_details",
    "token",
    "token_type_hint",
    "login_hint",
    "ui_locales",
    "acr_values",
]


def routes(app: Flask) -> list[Route]:
    """Every (rule, method) of the app but static files, HEAD and OPTIONS."""
    return sorted(
        (rule.rule, method)
        for rule in app.url_map.iter_rules()
        if not rule.rule.startswith("/static")
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})
    )


@functools.cache
def _strategies(served: bool) -> tuple[st.SearchStrategy[Any], ...]:
    """Built once per flavour: building ``st.characters`` is far costlier than drawing from it."""
    text = st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",), max_codepoint=None if served else 0xFF),
        max_size=30,
    )
    values = st.one_of(text, st.sampled_from(_KNOWN))
    segment = st.one_of(text.filter(lambda t: "/" not in t).map(_path_segment), st.sampled_from(_SEGMENTS))
    # Mostly a real realm (3 in 4), so most requests get past routing into the handlers.
    realm = st.integers(0, 3).flatmap(lambda i: segment if i == 0 else st.sampled_from(["current", "prod"]))
    scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | values
    body = st.one_of(
        st.dictionaries(st.one_of(st.sampled_from(_PARAMS), text), values, max_size=6).map(lambda d: {"data": d}),
        st.recursive(
            scalars, lambda c: st.lists(c, max_size=4) | st.dictionaries(text, c, max_size=4), max_leaves=10
        ).map(lambda j: {"json": j}),
        st.one_of(st.binary(max_size=60), st.sampled_from(_RAW)).map(
            lambda b: {"content": b, "headers": {"content-type": "application/json"}}
        ),
    )
    params = st.dictionaries(st.sampled_from(_PARAMS), values, max_size=5)
    return realm, segment, body, params


@st.composite
def requests(
    draw: st.DrawFn, route: Route, *, served: bool = False, admin_token: str = ADMIN, userinfo_base: str = ""
) -> dict[str, Any]:
    """Keyword arguments for ``httpx.Client.request`` aimed at ``route``; ``/userinfo`` lives on its own host."""
    path, method = route
    realm, segment, bodies, parameters = _strategies(served)
    url = _VARIABLE.sub(lambda m: draw(realm if m.group(1) == "realm" else segment), path)
    if path == "/userinfo":
        url = userinfo_base + url
    valid = f"Bearer {admin_token}" if path.startswith("/admin") else _basic()
    auth = draw(st.sampled_from([valid, valid, valid, None, "Bearer x", "Basic !!", "Basic AAAAAAAA"]))
    body = dict(draw(bodies))
    params = draw(parameters)
    headers = dict(body.pop("headers", {}))
    if auth:
        headers["Authorization"] = auth
    return {"method": method, "url": url, "params": params, "headers": headers, **body}


def _path_segment(value: str) -> str:
    return quote(value, safe="") or "x"


def _basic() -> str:
    return "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()


def problem(reply_status: int, reply_text: str, content_type: str) -> str | None:
    """Why an answer breaks "never a 500 or a stack trace", or ``None`` when it is fine."""
    if reply_status >= 500:
        return f"status {reply_status}"
    if "Traceback" in reply_text:
        return "traceback in the body"
    if reply_status >= 400 and content_type.split(";")[0] not in ("application/json", "text/html"):
        return f"error answered as {content_type!r}"
    return None
