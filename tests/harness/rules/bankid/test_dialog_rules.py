"""Rules that judge a provider's dialog read it as a user sees it: a name only in the page source (title,
script, hidden field) is not shown; a name shown under any markup is."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from harness.http import Reply
from harness.rules import Outcome, Verdict, Violation
from harness.rules.bankid import credentials, login, merchant_certificate

NAME = "Fjordkaffe AS"
JUDGES: list[Callable[[Reply, str], Verdict]] = [
    credentials.display_name_shown,
    login.dialog_shows_display_name,
    merchant_certificate.merchant_name_shown,
]


def dialog(body: str) -> Reply:
    return Reply(200, {"content-type": "text/html"}, body.encode(), "https://op.example/login")


@pytest.mark.parametrize("judge", JUDGES)
def test_a_name_shown_under_any_markup_passes(judge: Callable[[Reply, str], Verdict]) -> None:
    verdict = judge(dialog("<div class='hdr'><span>Fjord</span>kaffe<br>AS</div>"), NAME)
    assert verdict.outcome is Outcome.PASSED


@pytest.mark.parametrize("judge", JUDGES)
def test_a_name_only_in_the_page_source_is_not_shown(judge: Callable[[Reply, str], Verdict]) -> None:
    hidden = f"<title>{NAME}</title><script>n='{NAME}'</script><input type='hidden' value='{NAME}'><p>BankID</p>"
    try:
        verdict = judge(dialog(hidden), NAME)
    except Violation:
        return
    assert verdict.outcome is Outcome.WARNING  # P36 is advisory
