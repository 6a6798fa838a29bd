"""``BANKID_LOGIN=manual``: a person logs in. The driver prints the authorization URL and waits, for at most
``BANKID_LOGIN_TIMEOUT`` seconds, for the browser to arrive at the client's registered ``redirect_uri``, which
it serves itself on that URI's loopback port (``https://localhost:3000/callback``, as BankID's samples
register [S13], gets a certificate generated on the spot; the browser will ask to accept it).

Only a loopback ``redirect_uri`` can be captured; any other makes the scenario inconclusive with the reason.
"""

from __future__ import annotations

import ssl
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import parse_qsl, urlsplit

from harness.http import HttpSession
from harness.login.choice import LoginChoice
from harness.loopback_tls import self_signed
from harness.profile import is_loopback
from harness.rp.callback import Callback, from_location
from harness.rules.errors import Inconclusive

# The fragment never reaches a server: this page posts it back, so fragment mode can be captured too.
FRAGMENT_PAGE = b"""<!doctype html><meta charset="utf-8"><title>BankID conformance</title>
<p id="done">The conformance run has the answer; you can close this tab.</p>
<script>if (location.hash.length > 1) {
  fetch(location.pathname + "?__fragment=1", {method: "POST", body: location.hash.slice(1)});
}</script>"""


def _tty() -> TextIO:
    # pytest captures sys.stderr; the person at the terminal must see the URL.
    try:
        return open("/dev/tty", "w", encoding="utf-8")
    except OSError:
        return sys.__stderr__ or sys.stderr


@dataclass
class ManualLogin:
    timeout: float = 300.0
    announce: Callable[[str], None] | None = None

    def __call__(
        self, http: HttpSession, authorize_url: str, *, redirect_uri: str, choice: LoginChoice | None = None
    ) -> Callback:
        choice = choice or LoginChoice()
        if choice.outcome:
            raise Inconclusive(f"a manual login cannot pick the mock outcome {choice.outcome!r}")
        if not is_loopback(redirect_uri):
            raise Inconclusive(
                f"BANKID_LOGIN=manual captures the callback on this machine; the redirect_uri {redirect_uri} "
                "is not a loopback address (register e.g. https://localhost:3000/callback)"
            )
        with CallbackServer(redirect_uri) as server:
            self._say(authorize_url, choice)
            params, mode = server.wait(self.timeout)
        if mode == "form_post":
            return Callback("form_post", params)
        callback = from_location(server.url_with(params, mode), redirect_uri)
        if callback is None:
            raise Inconclusive("the browser arrived at the redirect_uri without parameters")
        return callback

    def _say(self, url: str, choice: LoginChoice) -> None:
        what = (
            "press Cancel"
            if choice.cancel
            else "log in with your BankID test user (one-time code otp, password qwer1234)"
        )
        if choice.idp == "BIS":
            what += ", choosing BankID with biometrics"
        message = (
            f"\nOpen this URL in a browser and {what}:\n\n  {url}\n\nWaiting {self.timeout:g} s for the callback...\n"
        )
        if self.announce is not None:
            self.announce(message)
            return
        out = _tty()
        out.write(message)
        out.flush()
        if out not in (sys.__stderr__, sys.stderr):
            out.close()


class CallbackServer:
    """Serves the ``redirect_uri``'s path on its loopback port until the first callback arrives."""

    def __init__(self, redirect_uri: str) -> None:
        parts = urlsplit(redirect_uri)
        self.redirect_uri = redirect_uri
        self.path = parts.path or "/"
        self.scheme = parts.scheme
        port = parts.port or (443 if parts.scheme == "https" else 80)
        self._arrived = threading.Event()
        self._result: tuple[dict[str, str], str] = ({}, "query")
        self._server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self._tmp = tempfile.TemporaryDirectory(prefix="bankid-callback-")
        if parts.scheme == "https":
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*(str(f) for f in self_signed(Path(self._tmp.name))))
            self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
        # A short poll: shutdown() waits up to one interval after every login (0.5 s by default).
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> CallbackServer:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
        self._tmp.cleanup()

    def wait(self, timeout: float) -> tuple[dict[str, str], str]:
        if not self._arrived.wait(timeout):
            raise Inconclusive(f"no callback at {self.redirect_uri} within {timeout:g} s (BANKID_LOGIN_TIMEOUT)")
        return self._result

    def url_with(self, params: dict[str, str], mode: str) -> str:
        from urllib.parse import urlencode

        separator = "#" if mode == "fragment" else "?"
        return f"{self.redirect_uri.split('?')[0]}{separator}{urlencode(params)}"

    def _deliver(self, params: dict[str, str], mode: str) -> None:
        if not self._arrived.is_set():
            self._result = (params, mode)
            self._arrived.set()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                if parts.path != owner.path:
                    self.send_error(404)
                    return
                params = dict(parse_qsl(parts.query, keep_blank_values=True))
                if params:
                    owner._deliver(params, "query")
                self._page()

            def do_POST(self) -> None:
                parts = urlsplit(self.path)
                length = min(int(self.headers.get("content-length") or 0), 64 * 1024)
                body = self.rfile.read(length).decode("utf-8", errors="replace")
                params = dict(parse_qsl(body, keep_blank_values=True))
                mode = "fragment" if "__fragment=1" in parts.query else "form_post"
                if parts.path == owner.path and params:
                    owner._deliver(params, mode)
                self._page()

            def _page(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(FRAGMENT_PAGE)

            def log_message(self, format: str, *args: Any) -> None:
                return  # the query carries the code: never log it

        return Handler
