"""The HTTP seam: the one module that imports httpx.

``HttpSession`` sends requests through the target's transport (a WSGI app in-process, or the network), records
every exchange as redacted evidence, and turns "could not reach the target" into ``Inconclusive``.
Responses come back as ``Reply`` values so rules never depend on the HTTP library.
"""

from __future__ import annotations

import json
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from harness.evidence import Evidence, Exchange
from harness.redaction import redact_body, redact_headers, redact_url
from harness.rules.errors import Inconclusive

BaseTransport = httpx.BaseTransport


def wsgi_transport(app: Any) -> httpx.BaseTransport:
    return httpx.WSGITransport(app=app)


@dataclass(frozen=True)
class Reply:
    status: int
    headers: Mapping[str, str]
    body: bytes
    url: str

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def json(self) -> Any:
        return json.loads(self.body)

    def json_object(self) -> dict[str, Any] | None:
        """The body as a JSON object, or ``None`` if it is not one (rules report that, they do not crash)."""
        try:
            value = self.json()
        except ValueError:
            return None
        return value if isinstance(value, dict) else None

    @property
    def location(self) -> str | None:
        return self.headers.get("location")


class HttpSession:
    def __init__(
        self,
        *,
        transport: httpx.BaseTransport | None,
        verify: str | bool | ssl.SSLContext,
        evidence: Evidence,
        timeout: float = 10.0,
    ) -> None:
        self.evidence = evidence
        self._client = httpx.Client(
            transport=transport,
            verify=_ssl_context(verify),
            timeout=timeout,
            follow_redirects=False,
            headers={"User-Agent": "bankid-oidc-conformance/0.1"},
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> HttpSession:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def get(self, url: str, *, headers: Mapping[str, str] | None = None) -> Reply:
        return self.request("GET", url, headers=headers)

    def post(
        self,
        url: str,
        *,
        data: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        auth: tuple[str, str] | None = None,
        json_body: Any = None,
    ) -> Reply:
        return self.request("POST", url, data=data, headers=headers, auth=auth, json_body=json_body)

    def request(
        self,
        method: str,
        url: str,
        *,
        data: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        auth: tuple[str, str] | None = None,
        json_body: Any = None,
    ) -> Reply:
        request = self._client.build_request(method, url, data=data, headers=headers, json=json_body)
        if auth is not None:
            request = next(httpx.BasicAuth(*auth).auth_flow(request))
        try:
            response = self._client.send(request)
        except httpx.TransportError as exc:
            self.evidence.add(_exchange(request, None, error=f"{type(exc).__name__}: {exc}"))
            raise Inconclusive(f"target could not be reached: {method} {redact_url(url)}: {exc}") from exc
        self.evidence.add(_exchange(request, response))
        return Reply(response.status_code, dict(response.headers), response.content, str(response.url))


def _ssl_context(verify: str | bool | ssl.SSLContext) -> ssl.SSLContext | bool:
    if isinstance(verify, str):
        return ssl.create_default_context(cafile=verify)
    return verify


def _exchange(request: httpx.Request, response: httpx.Response | None, *, error: str | None = None) -> Exchange:
    request_type = request.headers.get("content-type", "")
    if response is None:
        return Exchange(
            request.method,
            redact_url(str(request.url)),
            redact_headers(request.headers.items()),
            redact_body(request.content, request_type),
            None,
            {},
            "",
            error=error,
        )
    return Exchange(
        method=request.method,
        url=redact_url(str(request.url)),
        request_headers=redact_headers(request.headers.items()),
        request_body=redact_body(request.content, request_type),
        status=response.status_code,
        response_headers=redact_headers(response.headers.items()),
        response_body=redact_body(response.content, response.headers.get("content-type", "")),
        elapsed_ms=round(response.elapsed.total_seconds() * 1000, 2),
    )
