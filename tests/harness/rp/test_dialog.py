"""A page as a user sees it: visible text only, and whether it asks the user to log in."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from harness.http import Reply
from harness.rp.dialog import asks_to_log_in, visible_text


def page(body: str, status: int = 200, content_type: str = "text/html") -> Reply:
    return Reply(status, {"content-type": content_type}, body.encode(), "https://op.example/login")


def test_visible_text_leaves_out_what_a_user_never_sees() -> None:
    html = """<html><head><title>Secret Shop</title><style>.x{}</style></head><body>
    <script>var name = "Secret Shop";</script><div hidden>Secret Shop</div>
    <span style="display: none">Secret Shop</span><input type="hidden" value="Secret Shop">
    <header>Kari &amp; Ola&#39;s butikk</header>
    <br><p>Logg inn</p></body></html>"""
    assert visible_text(page(html)) == "Kari & Ola's butikk Logg inn"


def test_a_page_that_is_not_html_has_no_visible_text() -> None:
    assert visible_text(page('{"client-display-name": "Shop"}', content_type="application/json")) == ""


def test_only_a_page_with_a_field_to_type_into_asks_to_log_in() -> None:
    login = '<form method="post"><input type="hidden" name="s"><input name="user"></form>'
    error = '<p>Client not found</p><form method="post"><input type="hidden" name="s"><button>Back</button></form>'
    assert asks_to_log_in(page(login))
    assert not asks_to_log_in(page(error))
    assert not asks_to_log_in(page(login, status=400))
    assert not asks_to_log_in(page('<div hidden><input type="password"></div>'))


@given(st.text())
def test_any_markup_is_read_without_crashing(markup: str) -> None:
    assert isinstance(visible_text(page(markup)), str)
    assert isinstance(asks_to_log_in(page(markup)), bool)
