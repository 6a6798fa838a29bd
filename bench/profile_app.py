"""The mock app's own CPU per request, without an HTTP server: the Flask app driven in-process through
werkzeug's test client over a real SQLite file, the same five requests of the full code flow (authorize,
login form, login, token, userinfo) and a client_credentials token as ``bench/flows.py`` sends over HTTP.

    .venv/bin/python -m bench.profile_app [--flows N] [--profile] [--statements] [--top K] [--database-url URL]

Prints the app's process CPU time per request (ms, mean over N flows after a warm-up), measured around the WSGI
call and the reading of its body, so the test client's own work (building the environ, parsing the response) is
not counted. ``--profile`` runs one round under cProfile (the app's calls only) instead; ``--statements`` counts,
per request, the SQL statements SQLite runs and the transactions it commits (its trace callback; SQLite only).
The server layer is measured by ``bench/compare.sh``. ``--stage "100k grants"`` (a ``bench.growth`` stage) fills
the store first.
"""

from __future__ import annotations

import argparse
import base64
import cProfile
import pstats
import sqlite3
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from werkzeug.test import Client, TestResponse

from bench.flows import NNIN, REDIRECT, SECRET, authorize_params, query, token_form
from bench.growth import STAGES
from mock_provider.app import create_app
from mock_provider.config import ClientConfig, Config
from mock_provider.provider import EXTENSION

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

CLIENT_ID = "bench-bankid-current"
BASE = "http://127.0.0.1:9999"
USERINFO_BASE = "http://localhost:9999"
REALM = "/auth/realms/current"


class Bench:
    """One app over one database, with per-step CPU totals."""

    def __init__(self, database_url: str | None, fill: Callable[[Path], None] | None = None) -> None:
        data = Path(tempfile.mkdtemp(prefix="bankid-profile-"))
        if fill is not None:
            fill(data)  # bench.growth's stores: many clients or grants before the app starts
        config = Config.local(
            BASE,
            data_dir=data,
            database_url=database_url or f"sqlite:///{data / 'mock-provider.sqlite3'}",
            clients=(
                ClientConfig(
                    client_id=CLIENT_ID,
                    client_secret=SECRET,
                    redirect_uris=(REDIRECT,),
                    scopes=("openid", "profile"),
                    display_name="Bench AS",
                ),
            ),
        )
        self.app = create_app(config)
        self.client = Client(self._metered(self.app))
        self.basic = "Basic " + base64.b64encode(f"{CLIENT_ID}:{SECRET}".encode()).decode()
        self.totals: dict[str, float] = {}
        self.spent = 0.0
        self.profiler: cProfile.Profile | None = None  # when set, profiles the app's calls only
        self.statements: dict[str, Counter[str]] = {}
        self._traced: Counter[str] | None = None  # the step's counter while statements are counted

    def count_statements(self) -> None:
        """From now on, count what SQLite runs per step: every new connection gets a trace callback, so the
        pooled ones are dropped first."""
        engine = self.app.extensions[EXTENSION].store.engine
        if engine.dialect.name != "sqlite":
            raise SystemExit("--statements counts SQLite's statements only")
        engine.dispose()
        sa.event.listen(engine, "connect", lambda dbapi, _record: self._trace(dbapi))

    def _trace(self, dbapi: sqlite3.Connection) -> None:
        def seen(sql: str) -> None:
            if self._traced is not None:
                verb = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else "?"
                self._traced[verb] += 1

        dbapi.set_trace_callback(seen)

    def _metered(self, app: WSGIApplication) -> WSGIApplication:
        """The app as a server calls it, with the CPU of the call and of reading its body added to ``spent``."""

        def metered(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
            if self.profiler:
                self.profiler.enable()
            start = time.process_time()
            response = app(environ, start_response)
            try:
                body = list(response)
            finally:
                close = getattr(response, "close", None)
                if close is not None:
                    close()
            self.spent += time.process_time() - start
            if self.profiler:
                self.profiler.disable()
            return body

        return metered

    def timed(self, step: str, call: Callable[[], TestResponse], *statuses: int) -> TestResponse:
        self.spent = 0.0
        self._traced = self.statements.setdefault(step, Counter())
        try:
            response = call()
        finally:
            self._traced = None
        self.totals[step] = self.totals.get(step, 0.0) + self.spent
        if response.status_code not in statuses:
            raise AssertionError(f"{step}: {response.status_code} {response.get_data(as_text=True)[:200]}")
        return response

    def code_flow(self) -> None:
        c = self.client
        params = authorize_params(CLIENT_ID)
        login_url = self.timed(
            "authorize", lambda: c.get(f"{REALM}/precheck/auth", query_string=params, base_url=BASE), 303
        ).headers["location"]
        self.timed("login form", lambda: c.get(login_url, base_url=BASE), 200)
        form = {"session": query(login_url)["session"], "nnin": NNIN, "otp": "otp", "password": "qwer1234"}
        done = self.timed(
            "login", lambda: c.post(f"{REALM}/login-actions/authenticate", data=form, base_url=BASE), 302, 303
        )
        code = query(done.headers["location"])["code"]
        tokens = self.timed("token", lambda: self._token(token_form(code)), 200).json
        assert tokens is not None
        bearer = {"Authorization": f"Bearer {tokens['access_token']}"}
        self.timed("userinfo", lambda: c.get("/userinfo", headers=bearer, base_url=USERINFO_BASE), 200)

    def client_credentials(self) -> None:
        self.timed("client_credentials", lambda: self._token({"grant_type": "client_credentials"}), 200)

    def _token(self, form: dict[str, str]) -> TestResponse:
        url = f"{REALM}/protocol/openid-connect/token"
        return self.client.post(url, data=form, headers={"Authorization": self.basic}, base_url=BASE)

    def run(self, flows: int) -> None:
        for _ in range(flows):
            self.code_flow()
            self.client_credentials()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--flows", type=int, default=100, help="flows per round")
    parser.add_argument("--rounds", type=int, default=10, help="per step, the best round's mean is reported")
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--profile", action="store_true", help="one round under cProfile instead")
    parser.add_argument("--statements", action="store_true", help="SQL statements and commits per request instead")
    parser.add_argument("--top", type=int, default=60)
    parser.add_argument("--sort", default="cumulative", help="pstats sort key: cumulative, tottime, ...")
    parser.add_argument("--database-url", default=None, help="default: a fresh SQLite file")
    parser.add_argument("--stage", choices=[name for name, _ in STAGES], help="fill the SQLite store as bench.growth")
    args = parser.parse_args()
    bench = Bench(args.database_url, dict(STAGES)[args.stage] if args.stage else None)
    bench.run(args.warmup)
    if args.statements:
        bench.count_statements()
        bench.run(args.flows)
        _print_statements(bench.statements, args.flows)
        return
    if args.profile:
        bench.profiler = cProfile.Profile()
        bench.run(args.flows)
        pstats.Stats(bench.profiler).sort_stats(args.sort).print_stats(args.top)
        return
    # The best of several rounds: on a shared machine other processes only ever add to a round's time.
    best: dict[str, float] = {}
    for _ in range(args.rounds):
        bench.totals.clear()
        bench.run(args.flows)
        for step, total in bench.totals.items():
            mean = total / args.flows * 1000
            best[step] = min(best.get(step, mean), mean)
    for step, ms in best.items():
        print(f"{step:20} {ms:7.3f} ms")
    print(f"{'full flow':20} {sum(ms for s, ms in best.items() if s != 'client_credentials'):7.3f} ms")


def _print_statements(counts: dict[str, Counter[str]], flows: int) -> None:
    total: Counter[str] = Counter()
    for step, counter in counts.items():
        if step != "client_credentials":
            total.update(counter)
        print(f"{step:20} {_statement_line(counter, flows)}")
    print(f"{'full flow':20} {_statement_line(total, flows)}")


def _statement_line(counter: Counter[str], flows: int) -> str:
    statements = sum(n for verb, n in counter.items() if verb not in ("BEGIN", "COMMIT", "ROLLBACK"))
    detail = ", ".join(f"{verb} {n / flows:g}" for verb, n in sorted(counter.items()))
    return f"{statements / flows:5g} statements, {counter['COMMIT'] / flows:g} commits  ({detail})"


if __name__ == "__main__":
    main()
