"""The WSGI apps the server-alone benchmark (``bench/servers_alone.py``) serves under each candidate server.

- ``tiny``: two bytes, no framework: what the server itself costs per request.
- ``mock``: our real app (``create_app``) over the SQLite store in ``$BENCH_MOCK_DATA_DIR``, built once per
  worker process on first use (PEP 562 ``__getattr__``, so every server's ``module:name`` loader finds it). The
  directory is prepared by the benchmark before any server starts, so workers never race to migrate it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

_built: dict[str, Any] = {}


def tiny(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    length = int(environ.get("CONTENT_LENGTH") or 0)
    if length:
        environ["wsgi.input"].read(length)  # as the app reads a form
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "2")])
    return [b"ok"]


def mock_config(data_dir: Path) -> Any:
    """The mock as ``bench/servers.py`` serves it: SQLite in ``data_dir``, the benchmark's one client."""
    from bench.flows import REDIRECT, SECRET
    from mock_provider.config import ClientConfig, Config

    client = ClientConfig(
        client_id="bench-bankid-current",
        client_secret=SECRET,
        redirect_uris=(REDIRECT,),
        scopes=("openid", "profile"),
        display_name="Bench Nettbutikk AS",
    )
    return Config.local(
        os.environ.get("BENCH_MOCK_BASE_URL", "http://127.0.0.1:8080"),
        data_dir=data_dir,
        database_url=f"sqlite:///{data_dir / 'mock-provider.sqlite3'}",
        clients=(client,),
    )


def __getattr__(name: str) -> Any:
    if name != "mock":
        raise AttributeError(name)
    if "mock" not in _built:
        from mock_provider.app import create_app

        _built["mock"] = create_app(mock_config(Path(os.environ["BENCH_MOCK_DATA_DIR"])))
    return _built["mock"]


def both(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    """``/tiny`` is ``tiny``; every other path is the mock (one server process per candidate serves both)."""
    if environ.get("PATH_INFO") == "/tiny":
        return tiny(environ, start_response)
    app: Callable[..., Iterable[bytes]] = __getattr__("mock")
    return app(environ, start_response)
