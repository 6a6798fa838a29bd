"""Running the app under gunicorn (gthread): ~2x the Flask dev server (TOOLCHAIN.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication

from mock_provider.provider import EXTENSION


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    def __init__(self, app: Flask, options: dict[str, Any]) -> None:
        self._app = app
        self._options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        return self._app


def _post_fork(_server: object, _worker: object, *, app: Flask) -> None:
    # A forked worker must not share the master's database connections.
    app.extensions[EXTENSION].store.engine.dispose(close=False)


def serve(app: Flask, *, host: str, port: int, workers: int, threads: int, tls: tuple[Path, Path] | None) -> None:
    options: dict[str, Any] = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "accesslog": None,
        "loglevel": "warning",
        # gunicorn closes an idle keep-alive connection after 2 s; a client whose next request of a login crosses
        # that close gets "server disconnected without a response" (seen under load in a browser-driven run).
        # Keycloak's HTTP layer keeps idle connections far longer; 75 s is the common front-proxy default.
        "keepalive": 75,
        "post_fork": lambda server, worker: _post_fork(server, worker, app=app),
    }
    if tls is not None:
        options.update(certfile=str(tls[0]), keyfile=str(tls[1]))
    _Gunicorn(app, options).run()
