"""Running the app under a real HTTP server: granian (Rust, the default) or gunicorn (gthread, the fallback).

Why granian: the server layer alone (``bench/servers_alone.py``, a two-byte WSGI app) costs gunicorn gthread
~0.2-0.3 ms of CPU per request with keep-alive and ~0.4-0.5 ms with a new connection, granian ~0.05-0.1 and
~0.12-0.2 (a new TLS connection: gunicorn ~1.8, granian ~0.25): its HTTP parsing, connection handling and TLS
run in Rust without the GIL. A full code flow (five requests) costs 25-45% less server CPU under granian than
under gunicorn in the same run (``bench/compare.sh --only compare --also-gunicorn``). What granian still costs
per request is mostly the hand-off between its Rust I/O thread and the Python thread that runs the app (context
switches in ``perf``). gunicorn stays selectable (``--server gunicorn``) for a machine where granian's wheel is
missing.

Both keep the behaviour the mock relies on: the app is built once in the parent (store migrated, keys created)
and forked into the workers, each of which drops the database connections it inherited; TLS from the mock CA;
idle keep-alive connections kept long (see ``KEEPALIVE_SECONDS``); a clean exit on SIGTERM; a worker that dies
(a crash, an OOM kill) is replaced, as gunicorn's arbiter does, so a mock shared by a team's pipelines keeps
answering. granian's own default would stop the whole server with exit 1 instead.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import ssl
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask

SERVERS = ("granian", "gunicorn")
DEFAULT_SERVER = "granian"
# gunicorn closes an idle keep-alive connection after 2 s; a client whose next request of a login crosses that
# close gets "server disconnected without a response" (seen under load in a browser-driven run). Keycloak's HTTP
# layer keeps idle connections far longer; 75 s is the common front-proxy default. granian (hyper) closes a
# connection that sends no request headers within its header-read timeout, at most 60 s.
KEEPALIVE_SECONDS = 75
GRANIAN_HEADER_READ_TIMEOUT_MS = 60_000


def _drop_inherited_connections(app: Flask) -> None:
    from mock_provider.provider import EXTENSION

    # A forked worker must not share the parent's database connections.
    app.extensions[EXTENSION].store.engine.dispose(close=False)


def serve(
    app: Flask,
    *,
    host: str,
    port: int,
    workers: int,
    threads: int,
    tls: tuple[Path, Path] | None,
    server: str = DEFAULT_SERVER,
) -> None:
    if server == "granian":
        _serve_granian(app, host=host, port=port, workers=workers, threads=threads, tls=tls)
    elif server == "gunicorn":
        _serve_gunicorn(app, host=host, port=port, workers=workers, threads=threads, tls=tls)
    else:
        raise ValueError(f"unknown server {server!r}; one of {', '.join(SERVERS)}")


def _serve_granian(
    app: Flask, *, host: str, port: int, workers: int, threads: int, tls: tuple[Path, Path] | None
) -> None:
    from granian.constants import HTTPModes, Interfaces, SSLProtocols
    from granian.http import HTTP1Settings
    from granian.log import LogLevels
    from granian.server import Server

    # The workers must inherit the app built here (migrated store, keys); granian starts them with
    # multiprocessing's default method, which 'spawn' or 'forkserver' would turn into a fresh interpreter.
    multiprocessing.set_start_method("fork", force=True)

    def load(_target: str) -> Callable[..., Any]:
        _drop_inherited_connections(app)  # runs in each worker, after the fork
        _drop_request_variables()
        return app

    options: dict[str, Any] = {}
    if tls is not None:
        # The mock's certificate and key: an EC key in PKCS#8 (mock_provider.tls), which rustls reads. TLS 1.2 is
        # accepted as Keycloak accepts it; granian's default would be 1.3 only.
        options.update(ssl_cert=tls[0], ssl_key=tls[1], ssl_protocol_min=SSLProtocols.tls12)
    Server(
        "mock_provider.app:create_app",  # only named in granian's log: ``load`` hands over the app built here
        address=host,
        port=port,
        interface=Interfaces.WSGI,
        workers=workers,
        blocking_threads=threads,
        http=HTTPModes.http1,
        websockets=False,
        http1_settings=HTTP1Settings(header_read_timeout=GRANIAN_HEADER_READ_TIMEOUT_MS),
        log_level=LogLevels.warning,
        log_access=False,
        # A replacement worker forks from this parent, which holds the built app, so it serves the same provider.
        respawn_failed_workers=True,
        respawn_interval=0.5,
        **options,
    ).serve(target_loader=load)


# Environ keys that only a request may set: its headers, and the CGI variables granian never sets itself (the ones it
# always sets, such as REQUEST_METHOD, replace the process environment's anyway).
_REQUEST_KEYS = re.compile(r"HTTP_.*|REMOTE_USER|AUTH_TYPE")


def _drop_request_variables() -> None:
    """granian starts every request's environ from a copy of the worker's process environment (granian/wsgi.py,
    made after the app is loaded), so a variable such as ``HTTP_AUTHORIZATION`` in the server's environment would
    reach the app as a header the client never sent. The worker drops such variables first. (Python's urllib
    ignores ``HTTP_PROXY`` in a server for the same reason, "httpoxy"; ``http_proxy`` and ``HTTPS_PROXY`` stay.)"""
    for key in [key for key in os.environ if _REQUEST_KEYS.fullmatch(key)]:
        del os.environ[key]


def _serve_gunicorn(
    app: Flask, *, host: str, port: int, workers: int, threads: int, tls: tuple[Path, Path] | None
) -> None:
    from gunicorn.app.base import BaseApplication

    class _Gunicorn(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Flask:
            return app

    options: dict[str, Any] = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "accesslog": None,
        "loglevel": "warning",
        "keepalive": KEEPALIVE_SECONDS,
        "post_fork": lambda _server, _worker: _drop_inherited_connections(app),
    }
    if tls is not None:
        options.update(certfile=str(tls[0]), keyfile=str(tls[1]), ssl_context=_once_per_worker())
    _Gunicorn().run()


def _once_per_worker() -> Callable[[object, Callable[[], ssl.SSLContext]], ssl.SSLContext]:
    """gunicorn's ``ssl_context`` hook, building its default context once per worker: by default gunicorn builds
    one, loading the system CA store and our certificate, for every connection (~1.5 ms of CPU each)."""
    built: list[ssl.SSLContext] = []

    def context(_config: object, default: Callable[[], ssl.SSLContext]) -> ssl.SSLContext:
        if not built:
            built.append(default())  # two threads racing here build two equal contexts: harmless
        return built[0]

    return context
