"""BANKID_LOGIN=manual: the callback is captured on the redirect URI's loopback port in every response mode,
over https with a certificate made on the spot, and a login nobody finishes ends inconclusive at its timeout."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from harness.evidence import Evidence
from harness.http import HttpSession
from harness.login import LoginChoice
from harness.login.manual import ManualLogin
from harness.rp.callback import Callback
from harness.rules.errors import Inconclusive
from harness.server import free_port

AUTHORIZE = "https://auth.current.bankid.no/auth/realms/current/precheck/auth?client_id=x"
Browser = Callable[[HttpSession, str], object]


class Person:
    """Plays the user: when the driver prints the URL, the 'browser' arrives at the callback."""

    def __init__(self, redirect_uri: str, arrive: Browser | None) -> None:
        self.redirect_uri, self.arrive = redirect_uri, arrive
        self.messages: list[str] = []
        self.thread: threading.Thread | None = None

    def announce(self, message: str) -> None:
        self.messages.append(message)
        if self.arrive is not None:
            self.thread = threading.Thread(target=self._go, daemon=True)
            self.thread.start()

    def _go(self) -> None:
        # The certificate is generated per run; a person's browser would ask to accept it.
        with HttpSession(transport=None, verify=False, evidence=Evidence()) as http:
            assert self.arrive is not None
            self.arrive(http, self.redirect_uri)


def log_in(arrive: Browser | None, *, scheme: str = "https", timeout: float = 10.0) -> tuple[Callback, Person]:
    redirect_uri = f"{scheme}://localhost:{free_port()}/callback"
    person = Person(redirect_uri, arrive)
    driver = ManualLogin(timeout=timeout, announce=person.announce)
    with HttpSession(transport=None, verify=True, evidence=Evidence()) as http:
        callback = driver(http, AUTHORIZE, redirect_uri=redirect_uri, choice=LoginChoice())
    return callback, person


@pytest.mark.parametrize("scheme", ["https", "http"])
def test_a_query_callback_is_captured(scheme: str) -> None:
    callback, person = log_in(lambda http, uri: http.get(f"{uri}?code=c0de&state=st"), scheme=scheme)
    assert callback == Callback("query", {"code": "c0de", "state": "st"})
    assert AUTHORIZE in person.messages[0]


def test_a_fragment_callback_is_posted_back_by_the_page() -> None:
    callback, _ = log_in(lambda http, uri: http.post(f"{uri}?__fragment=1", data={"code": "c0de", "state": "st"}))
    assert callback == Callback("fragment", {"code": "c0de", "state": "st"})


def test_a_form_post_callback_is_captured() -> None:
    callback, _ = log_in(lambda http, uri: http.post(uri, data={"code": "c0de", "state": "st"}))
    assert callback == Callback("form_post", {"code": "c0de", "state": "st"})


def test_a_login_nobody_finishes_is_inconclusive_at_its_timeout() -> None:
    with pytest.raises(Inconclusive, match="BANKID_LOGIN_TIMEOUT"):
        log_in(None, timeout=0.3)


@pytest.mark.parametrize(
    ("redirect_uri", "choice", "reason"),
    [
        ("https://shop.example/callback", LoginChoice(), "not a loopback"),
        ("https://localhost:3000/callback", LoginChoice(outcome="timeout"), "outcome"),
    ],
)
def test_what_a_person_cannot_do_is_inconclusive(redirect_uri: str, choice: LoginChoice, reason: str) -> None:
    driver = ManualLogin(timeout=1, announce=lambda _: None)
    with (
        HttpSession(transport=None, verify=True, evidence=Evidence()) as http,
        pytest.raises(Inconclusive, match=reason),
    ):
        driver(http, AUTHORIZE, redirect_uri=redirect_uri, choice=choice)
