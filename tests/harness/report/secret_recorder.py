"""A pytest plugin for the secret-scan test: records every secret that crosses the wire during a run.

Loaded into a real run with ``bankid-conformance run ... -- -p tests.harness.report.secret_recorder``. It
overrides the ``target`` fixture by name to put a recording transport (an ordinary wrapper object) under the
target's own, and writes every secret-shaped value it saw, raw, to ``$SECRET_RECORD_FILE`` (outside the run
directory). It decides what is secret by itself, from its own list, so it does not share redaction's blind
spots.
"""

from __future__ import annotations

import base64
import json
import os
import re
import ssl
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest

from harness.target import Target

SECRET_NAMES = {
    "code",
    "access_token",
    "refresh_token",
    "id_token",
    "token",
    "client_secret",
    "client_assertion",
    "assertion",
    "code_verifier",
    "session",
    "session_state",
    "password",
    "admin_token",
    "bid_password",
    "request",
    "login_hint",
    "id_token_hint",
}
_INPUT = re.compile(r"<input[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r'(name|value)="([^"]*)"')
_URL = re.compile(r"""https?://[^\s"'<>]+""")
MIN_LENGTH = 8  # shorter values ("otp", "true") would match everywhere and prove nothing


class RecordingTransport(httpx.BaseTransport):
    def __init__(self, inner: httpx.BaseTransport, found: set[tuple[str, str]]) -> None:
        self.inner = inner
        self.found = found

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        answer = self.inner.handle_request(request)
        # A fresh response over the read body, so the client still times and closes it as its own.
        response = httpx.Response(
            answer.status_code, headers=answer.headers, stream=httpx.ByteStream(answer.read()), request=request
        )
        answer.close()
        self._request(request)
        self._response(response, response.stream)
        return response

    def _request(self, request: httpx.Request) -> None:
        self._url(str(request.url))
        self._header(request.headers.get("authorization"))
        self._add("cookie", request.headers.get("cookie"))
        body = request.content.decode("utf-8", "replace")
        self._pairs(parse_qsl(body, keep_blank_values=True))
        self._json(body)

    def _response(self, response: httpx.Response, body: Any) -> None:
        self._url(response.headers.get("location", ""))
        for cookie in response.headers.get_list("set-cookie"):
            self._add("set-cookie", cookie.split(";", 1)[0].partition("=")[2])
        text = b"".join(body).decode("utf-8", "replace")
        self._json(text)
        for tag in _INPUT.findall(text):
            attrs = dict(_ATTR.findall(tag))
            if (name := attrs.get("name", "")) in SECRET_NAMES:
                self._add(name, attrs.get("value"))
        for url in _URL.findall(text.replace("&amp;", "&")):
            self._url(url)

    def _header(self, value: str | None) -> None:
        if not value:
            return
        scheme, _, credentials = value.partition(" ")
        self._add(f"authorization {scheme.lower()}", credentials)
        if scheme.lower() == "basic":
            _, _, secret = base64.b64decode(credentials).decode("utf-8", "replace").partition(":")
            self._add("client_secret", secret)

    def _url(self, url: str) -> None:
        parts = urlsplit(url)
        self._pairs(parse_qsl(parts.query) + parse_qsl(parts.fragment))

    def _pairs(self, pairs: list[tuple[str, str]]) -> None:
        for name, value in pairs:
            if name in SECRET_NAMES:
                self._add(name, value)

    def _json(self, text: str) -> None:
        try:
            self._walk(json.loads(text))
        except ValueError:
            return

    def _walk(self, value: Any) -> None:
        if isinstance(value, dict):
            for name, item in value.items():
                if name in SECRET_NAMES and isinstance(item, str):
                    self._add(name, item)
                else:
                    self._walk(item)
        elif isinstance(value, list):
            for item in value:
                self._walk(item)

    def _add(self, kind: str, value: str | None) -> None:
        if value and len(value) >= MIN_LENGTH:
            self.found.add((kind, value))


class _Recorder:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.found: set[tuple[str, str]] = set()

    @pytest.fixture(scope="session")
    def target(self, target: Target) -> Target:
        for client in (target.client, *target.clients.values()):
            if client is not None and client.secret is not None:
                self.found.add(("client_secret", client.secret.reveal()))
        if target.admin is not None:
            self.found.add(("admin_token", target.admin.token.reveal()))
        inner = target.transport or httpx.HTTPTransport(verify=_verify(target.verify))
        return replace(target, transport=RecordingTransport(inner, self.found))

    def pytest_sessionfinish(self) -> None:
        known = {tuple(pair) for pair in json.loads(self.path.read_text())} if self.path.exists() else set()
        self.path.write_text(json.dumps(sorted(known | self.found)))


def _verify(verify: str | bool) -> ssl.SSLContext | bool:
    return ssl.create_default_context(cafile=verify) if isinstance(verify, str) else verify


def pytest_configure(config: pytest.Config) -> None:
    # Registered after the harness plugin, so this ``target`` overrides the harness's by name.
    config.pluginmanager.register(_Recorder(Path(os.environ["SECRET_RECORD_FILE"])), "secret_recorder")
