"""``BANKID_LOGIN=browser``: Chromium (Debian's ``/usr/bin/chromium``, through Playwright) walks the provider's
TestBank dialog as a user does, step by step (``harness.login.selectors``), with ``BANKID_TEST_USER_NNIN``,
the one-time code ``otp`` and the password ``qwer1234`` [S60].

The client's ``redirect_uri`` is never fetched: the browser's request to it is answered locally and read, so
the code never reaches whatever listens there. A screenshot of every step goes to the Allure report.
"""

from __future__ import annotations

import base64
import hashlib
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from harness.http import HttpSession, Reply
from harness.login import CHROMIUM, selectors
from harness.login.choice import LoginChoice
from harness.rp.callback import Callback, addresses, from_location
from harness.rules.errors import Inconclusive

CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)
# A loopback target keeps the browser on this machine whatever a page links to (tests never leave it).
LOOPBACK_ONLY = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"
Screenshot = Callable[[str, bytes], None]
# How long a page may take to show the dialog's first field before it is judged as it stands.
DIALOG_WAIT = 15.0
# Between looks for the dialog's next element: the next page usually arrives within tens of milliseconds of a
# click, so the first looks come soon; a slow one is then polled every 200 ms. A flat 200 ms slept through most
# of every step (~0.8 s a login, 34 logins in the project's browser run).
POLL_MS = (25, 50, 100, 200)


def spki_pins(ca_bundle: Path) -> list[str]:
    """base64 SHA-256 of each certificate's public key in a PEM bundle, for Chromium's
    ``--ignore-certificate-errors-spki-list``: the browser then trusts exactly the CA the harness trusts."""
    pins = []
    for cert in x509.load_pem_x509_certificates(ca_bundle.read_bytes()):
        spki = cert.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
        pins.append(base64.b64encode(hashlib.sha256(spki).digest()).decode())
    return pins


def _attach_screenshot(name: str, png: bytes) -> None:
    from harness import allure_steps

    allure_steps.attach_png(name, png)


@dataclass
class BrowserLogin:
    """A login driver over one Chromium, a fresh context (no cookies) per login."""

    nnin: str
    timeout: float = 60.0
    ca_bundle: Path | None = None
    loopback: bool = False
    screenshot: Screenshot = _attach_screenshot
    _playwright: Any = field(default=None, repr=False)
    _browser: Any = field(default=None, repr=False)

    def close(self) -> None:
        if self._browser is not None:
            self._browser.close()
        if self._playwright is not None:
            self._playwright.stop()
        self._browser = self._playwright = None

    def __call__(
        self, http: HttpSession, authorize_url: str, *, redirect_uri: str, choice: LoginChoice | None = None
    ) -> Callback:
        choice = choice or LoginChoice()
        if choice.outcome:
            raise Inconclusive(
                f"the browser driver logs in as a user does; it cannot pick the outcome {choice.outcome!r}"
            )
        context = self._launch().new_context(locale="nb-NO")
        try:
            return _Walk(context.new_page(), self, redirect_uri).run(authorize_url, choice)
        finally:
            context.close()

    def dialog(self, http: HttpSession, authorize_url: str) -> Reply:
        """The login dialog as the browser rendered it (every frame's DOM), for rules that judge what a user sees."""
        context = self._launch().new_context(locale="nb-NO")
        try:
            walk = _Walk(context.new_page(), self, "https://never.invalid/")
            walk.deadline = time.monotonic() + min(self.timeout, DIALOG_WAIT)
            walk.page.goto(authorize_url, timeout=walk._ms())
            # Not a login dialog (an error page, say)? The rule judges whatever is there.
            with suppress(Inconclusive):
                walk._find(lambda f: f.get_by_label(selectors.USER_ID), "user id")
            walk._shot("login dialog")
            html = "\n".join(frame.content() for frame in walk.page.frames)
            headers = {"content-type": "text/html; charset=utf-8"}
            return Reply(200, headers, html.encode(), str(walk.page.url))
        finally:
            context.close()

    def _launch(self) -> Any:
        if self._browser is None:
            if not CHROMIUM.exists():
                raise Inconclusive("BANKID_LOGIN=browser needs Debian's /usr/bin/chromium (apt-get install chromium)")
            from playwright.sync_api import sync_playwright

            args = list(CHROMIUM_ARGS)
            if self.loopback:
                args.append(LOOPBACK_ONLY)
            if self.ca_bundle is not None:
                args.append(f"--ignore-certificate-errors-spki-list={','.join(spki_pins(self.ca_bundle))}")
            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(executable_path=str(CHROMIUM), args=args)
        return self._browser


class _Walk:
    """One login: the steps of the dialog, then the callback the browser is sent to."""

    def __init__(self, page: Any, driver: BrowserLogin, redirect_uri: str) -> None:
        self.page, self.driver, self.redirect_uri = page, driver, redirect_uri
        self.deadline = time.monotonic() + driver.timeout
        self.posted: dict[str, str] | None = None
        self.shots = 0
        page.route(lambda url: addresses(url, redirect_uri), self._answer_callback)

    def _answer_callback(self, route: Any) -> None:
        request = route.request
        if request.method == "POST":
            self.posted = dict(parse_qsl(request.post_data or "", keep_blank_values=True))
        route.fulfill(status=200, content_type="text/html", body="<!doctype html><title>callback</title>")

    def run(self, authorize_url: str, choice: LoginChoice) -> Callback:
        self.page.goto(authorize_url, timeout=self._ms())
        self._shot("login dialog")
        if choice.cancel:
            self._click(selectors.CANCEL, "cancel")
        else:
            if choice.idp == "BIS":
                self._choose_biometrics()
            self._step(selectors.USER_ID, self.driver.nnin, "user id")
            self._step(selectors.ONE_TIME_CODE, selectors.TESTBANK_OTP, "one-time code")
            self._step(selectors.PASSWORD, selectors.TESTBANK_PASSWORD, "password")
        return self._callback()

    def _step(self, label: Any, value: str, name: str) -> None:
        frame, field_ = self._find(lambda f: f.get_by_label(label), name)
        field_.fill(value)
        self._shot(f"{name} entered")
        button = frame.get_by_role("button", name=selectors.NEXT)
        visible = [b for b in button.all() if b.is_visible()]
        if not visible:
            raise Inconclusive(f"the login dialog's {name} step has no visible next button")
        visible[0].click()

    def _choose_biometrics(self) -> None:
        _, option = self._find(lambda f: f.get_by_label(selectors.BIOMETRICS), "BankID with biometrics choice")
        option.check()

    def _click(self, name_pattern: Any, name: str) -> None:
        _, button = self._find(lambda f: f.get_by_role("button", name=name_pattern), f"{name} button")
        button.click()

    def _find(self, locate: Callable[[Any], Any], name: str) -> tuple[Any, Any]:
        """The first visible element ``locate`` finds in any frame (the dialog may sit in an iframe)."""
        for look in _looks(self.deadline):
            for frame in self.page.frames:
                for element in locate(frame).all():
                    if element.is_visible():
                        return frame, element
            self._fail_on_error()
            self.page.wait_for_timeout(POLL_MS[min(look, len(POLL_MS) - 1)])
        self._shot(f"no {name}")
        raise Inconclusive(f"the login dialog showed no {name} within {self.driver.timeout:g} s ({self._where()})")

    def _callback(self) -> Callback:
        for look in _looks(self.deadline):
            if addresses(self.page.url, self.redirect_uri):
                self._shot("back at the client")
                if self.posted is not None:
                    return Callback("form_post", self.posted)
                callback = from_location(self.page.url, self.redirect_uri)
                if callback is not None:
                    return callback
            self._fail_on_error()
            self.page.wait_for_timeout(POLL_MS[min(look, len(POLL_MS) - 1)])
        self._shot("login did not return")
        raise Inconclusive(f"the login did not return to the redirect_uri within {self.driver.timeout:g} s")

    def _fail_on_error(self) -> None:
        alert = self.page.get_by_role(selectors.ERROR_ROLE)
        if alert.count() and alert.first.is_visible():
            self._shot("login error")
            raise Inconclusive(f"the login dialog reported an error: {alert.first.inner_text()[:200]!r}")

    def _shot(self, name: str) -> None:
        self.shots += 1
        try:
            png = self.page.screenshot(timeout=5000)
        except Exception:
            return
        self.driver.screenshot(f"login step {self.shots}: {name}", png)

    def _where(self) -> str:
        return str(self.page.url).split("?")[0]

    def _ms(self) -> float:
        return max(1.0, self.deadline - time.monotonic()) * 1000


def _looks(deadline: float) -> Iterator[int]:
    """0, 1, 2, ... until ``deadline`` (``time.monotonic()``) has passed."""
    look = 0
    while time.monotonic() < deadline:
        yield look
        look += 1


@contextmanager
def browser_login(
    nnin: str, *, timeout: float = 60.0, ca_bundle: Path | None = None, loopback: bool = False
) -> Iterator[BrowserLogin]:
    driver = BrowserLogin(nnin, timeout=timeout, ca_bundle=ca_bundle, loopback=loopback)
    try:
        yield driver
    finally:
        driver.close()
