"""Reading the answer at the redirect_uri in the query, fragment and form_post response modes."""

from __future__ import annotations

from harness.http import Reply
from harness.rp.callback import addresses, from_reply

REDIRECT = "https://rp.example/cb"


def redirect(location: str) -> Reply:
    return Reply(303, {"location": location}, b"", "https://op.example/auth")


def test_query_callback() -> None:
    callback = from_reply(redirect(f"{REDIRECT}?code=abc&state=s1"), REDIRECT)
    assert callback is not None and callback.mode == "query"
    assert callback.code == "abc" and callback.params["state"] == "s1"


def test_fragment_callback() -> None:
    callback = from_reply(redirect(f"{REDIRECT}#error=access_denied&state=s1"), REDIRECT)
    assert callback is not None and callback.mode == "fragment" and callback.error == "access_denied"


def test_form_post_callback() -> None:
    html = (
        f'<form method="post" action="{REDIRECT}"><input type="hidden" name="code" value="abc">'
        '<input type="hidden" name="state" value="s1"></form>'
    )
    reply = Reply(200, {"content-type": "text/html"}, html.encode(), "https://op.example/login")
    callback = from_reply(reply, REDIRECT)
    assert callback is not None and callback.mode == "form_post" and callback.code == "abc"


def test_registered_query_is_not_a_callback_parameter() -> None:
    callback = from_reply(redirect("https://rp.example/cb?tenant=1&code=abc"), "https://rp.example/cb?tenant=1")
    assert callback is not None and callback.params == {"code": "abc"}


def test_near_misses_do_not_address_the_redirect_uri() -> None:
    for other in (f"{REDIRECT}/", "http://rp.example/cb", "https://evil.example/cb"):
        assert not addresses(other, REDIRECT)
    assert from_reply(redirect("https://op.example/login?session=x"), REDIRECT) is None
