"""``python -m bench.server_launch NAME PORT [ARGS...]``: start a candidate server that has no command line of
its own (or whose command line cannot be run from our venv), serving ``bench.server_apps:both``.

The candidates themselves are installed at bench time into the git-ignored ``.bench-servers/`` (see
``bench/servers_alone.py``), never into the project's dependencies.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Any


def _app() -> Any:
    from bench import server_apps

    return server_apps.both


def _forked(count: int, serve: Any) -> None:
    """``count`` processes each serving on one SO_REUSEPORT socket; the parent waits and forwards SIGTERM."""
    children = []
    for _ in range(count):
        pid = os.fork()
        if pid == 0:
            serve()
            os._exit(0)
        children.append(pid)

    def stop(_signum: int, _frame: object) -> None:
        for child in children:
            os.kill(child, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    for child in children:
        os.waitpid(child, 0)


def main(argv: list[str]) -> None:
    name, port, rest = argv[0], int(argv[1]), argv[2:]
    if name == "uwsgi":
        import pyuwsgi  # type: ignore[import-not-found]

        sys.argv = ["uwsgi", "--http11-socket", f"127.0.0.1:{port}", *rest]
        pyuwsgi.run()
    elif name == "bjoern":
        import bjoern  # type: ignore[import-not-found]

        def serve_bjoern() -> None:
            bjoern.run(_app(), "127.0.0.1", port, reuse_port=True)

        _forked(int(rest[0]) if rest else 2, serve_bjoern)
    elif name == "pyruvate":
        import pyruvate  # type: ignore[import-not-found]

        pyruvate.serve(_app(), f"127.0.0.1:{port}", int(rest[0]) if rest else 4, keepalive_timeout=75)
    elif name == "waitress":
        import waitress  # type: ignore[import-not-found]

        waitress.serve(_app(), host="127.0.0.1", port=port, threads=int(rest[0]) if rest else 4, _quiet=True)
    elif name == "fastwsgi":
        import fastwsgi  # type: ignore[import-not-found]

        fastwsgi.run(_app(), host="127.0.0.1", port=port, loglevel=0)
    else:
        raise SystemExit(f"unknown server {name!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
