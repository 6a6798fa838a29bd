"""BID-R31/R32 judged on crafted first answers: a login dialog for a client or redirect URI the provider
cannot trust fails the MUST part; the exact status is only advisory."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from harness.http import Reply
from harness.rules import Outcome, Violation, collecting
from harness.rules.bankid import authorization
from harness.steps.authorization import _other_redirect

AUTHORIZE = "https://op.example/auth/realms/current/precheck/auth?client_id=unknown"
SUPPLIED = "https://rp.example/callback"
LOGIN_PAGE = """<html><head><title>Log in</title></head><body><h1>BankID</h1>
<form method="post" action="/login"><input type="hidden" name="session" value="s">
<label>Fødselsnummer <input type="text" name="user"></label><button>Neste</button></form></body></html>"""
ERROR_PAGE = "<html><body><h1>We are sorry...</h1><p>Client not found.</p></body></html>"


def html(status: int, body: str, url: str = AUTHORIZE) -> Reply:
    return Reply(status, {"content-type": "text/html; charset=utf-8"}, body.encode(), url)


def redirect(to: str) -> Reply:
    return Reply(302, {"location": to}, b"", AUTHORIZE)


@pytest.mark.parametrize("judge", [authorization.unknown_client, authorization.unregistered_redirect])
@pytest.mark.parametrize("status", [200, 400])
def test_a_login_dialog_shown_directly_fails_the_must_rule(
    judge: Callable[[Reply, Reply, str], object], status: int
) -> None:
    page = html(200, LOGIN_PAGE)
    with pytest.raises(Violation) as raised:
        judge(page if status == 200 else redirect("https://op.example/login"), page, SUPPLIED)
    assert raised.value.rule.id in ("BID-R31", "BID-R32")
    assert "login dialog" in str(raised.value.seen)


def test_a_redirect_to_the_supplied_uri_fails_r31() -> None:
    sent_back = redirect(f"{SUPPLIED}?error=invalid_client")
    with pytest.raises(Violation) as raised:
        authorization.unknown_client(sent_back, sent_back, SUPPLIED)
    assert raised.value.rule.id == "BID-R31"


def test_an_error_page_passes_the_must_rule_and_its_status_is_only_advisory() -> None:
    page = html(200, ERROR_PAGE)
    with collecting() as verdicts:
        authorization.unknown_client(page, page, SUPPLIED)
        authorization.unknown_client_status(page, SUPPLIED)
        authorization.unregistered_redirect(page, page, SUPPLIED)
        authorization.unregistered_redirect_status(html(400, ERROR_PAGE), SUPPLIED)
    assert [(v.rule.id, v.outcome) for v in verdicts] == [
        ("BID-R31", Outcome.PASSED),
        ("BID-R31a", Outcome.WARNING),
        ("BID-R32", Outcome.PASSED),
        ("BID-R32a", Outcome.PASSED),
    ]


@pytest.mark.parametrize(
    ("registered", "changed"),
    [
        ("http://127.0.0.1:3000/callback", "https://127.0.0.1:3000/callback"),
        ("https://localhost:3000/callback", "http://localhost:3000/callback"),
    ],
)
def test_the_scheme_variant_always_differs_from_the_registered_uri(registered: str, changed: str) -> None:
    """With an http loopback URI registered, the old "http scheme" variant sent the registered URI itself."""
    assert _other_redirect(registered, "other scheme") == changed
