"""A ``requests`` transport adapter that calls a WSGI app in-process, as ``httpx.WSGITransport`` does for httpx.

Relying parties built on authlib's requests client (or plain requests) can then talk to the in-process mock
under BankID's own host names, with no socket and no certificate.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict


class WSGIAdapter(BaseAdapter):
    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        super().__init__()
        self.app = app

    def send(
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: float | tuple[float | None, float | None] | None = None,
        verify: bool | str = True,
        cert: bytes | str | tuple[bytes | str, bytes | str] | None = None,
        proxies: Mapping[str, str] | None = None,
    ) -> requests.Response:
        parts = urlsplit(request.url or "")
        body = _body(request)
        environ: dict[str, Any] = {
            "REQUEST_METHOD": request.method or "GET",
            "SCRIPT_NAME": "",
            "PATH_INFO": parts.path or "/",
            "QUERY_STRING": parts.query,
            "SERVER_NAME": parts.hostname or "localhost",
            "SERVER_PORT": str(parts.port or (443 if parts.scheme == "https" else 80)),
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": parts.netloc,
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": parts.scheme or "http",
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": io.StringIO(),
            "wsgi.multithread": False,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
            "CONTENT_LENGTH": str(len(body)),
        }
        for name, value in (request.headers or {}).items():
            key = name.upper().replace("-", "_")
            if key == "CONTENT_TYPE":
                environ["CONTENT_TYPE"] = value
            elif key != "CONTENT_LENGTH":
                environ[f"HTTP_{key}"] = value
        status_line: list[str] = []
        headers: list[tuple[str, str]] = []

        def start_response(status: str, response_headers: list[tuple[str, str]], exc_info: Any = None) -> None:
            status_line.append(status)
            headers.extend(response_headers)

        chunks = self.app(environ, start_response)
        try:
            content = b"".join(chunks)
        finally:
            close = getattr(chunks, "close", None)
            if close is not None:
                close()
        return _response(request, status_line[0], headers, content)

    def close(self) -> None:
        pass


def _response(
    request: requests.PreparedRequest, status: str, headers: list[tuple[str, str]], content: bytes
) -> requests.Response:
    response = requests.Response()
    response.status_code = int(status.split(" ", 1)[0])
    response.reason = status.split(" ", 1)[1] if " " in status else ""
    response.headers = CaseInsensitiveDict(_merge(headers))
    response.raw = io.BytesIO(content)
    response._content = content  # the body is already complete
    response.url = request.url or ""
    response.request = request
    response.encoding = requests.utils.get_encoding_from_headers(response.headers)
    return response


def _body(request: requests.PreparedRequest) -> bytes:
    body = request.body
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode()
    if isinstance(body, bytes):
        return body
    raise TypeError("streamed request bodies are not supported by the in-process adapter")


def _merge(headers: list[tuple[str, str]]) -> Mapping[str, str]:
    merged: dict[str, str] = {}
    for name, value in headers:
        merged[name] = f"{merged[name]}, {value}" if name in merged else value
    return merged
