"""A provider's page as a user sees it: its visible text, and whether it asks the user to log in.

Rules judge what a person would see, never element ids one provider's template happens to use, so the same
rule holds for the mock's dialog, BankID's and any other provider's. A browser driver hands over the page it
rendered; a headless run hands over the HTML the provider answered.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin

from harness.http import HttpSession, Reply
from harness.rp.callback import from_reply

MAX_HOPS = 5

# Never rendered as text (HTML Living Standard §15.3.1: display: none by default).
_UNSEEN = {"head", "script", "style", "template", "noscript", "title"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Phrasing elements run on in the same line; every other element breaks the text (CSS display: inline).
_INLINE = {
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "cite",
    "code",
    "em",
    "i",
    "kbd",
    "label",
    "mark",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "time",
    "u",
    "var",
}
# Inputs a person types an identity or a secret into.
_ENTRY_TYPES = {"text", "password", "tel", "email", "number", ""}


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hidden_depth = 0
        self.parts: list[str] = []
        self.entries = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: (value or "") for name, value in attrs}
        if tag == "input":
            self._input(values)
        self._break(tag)
        if tag in _VOID:
            return
        if self.hidden_depth or tag in _UNSEEN or _hidden(values):
            self.hidden_depth += 1

    def _input(self, values: dict[str, str]) -> None:
        if not self.hidden_depth and not _hidden(values) and values.get("type", "").lower() in _ENTRY_TYPES:
            self.entries += 1

    def handle_endtag(self, tag: str) -> None:
        if self.hidden_depth and tag not in _VOID:
            self.hidden_depth -= 1
        self._break(tag)

    def _break(self, tag: str) -> None:
        if tag not in _INLINE and not self.hidden_depth:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.hidden_depth:
            self.parts.append(data)


def _hidden(values: dict[str, str]) -> bool:
    style = values.get("style", "").replace(" ", "").lower()
    return "hidden" in values or values.get("aria-hidden") == "true" or "display:none" in style


def _parse(page: Reply) -> _Visible:
    parser = _Visible()
    if "html" in page.content_type:
        parser.feed(page.text)
        parser.close()
    return parser


def visible_text(page: Reply) -> str:
    """The page's text as rendered for a person, whitespace collapsed ("" for a page that is not HTML)."""
    return " ".join("".join(_parse(page).parts).split())


def asks_to_log_in(page: Reply) -> bool:
    """Whether the page is a login dialog: an HTML page with a field a person types an identity or secret
    into. An error page, however it is styled, has none."""
    return page.status == 200 and _parse(page).entries > 0


def landing_page(http: HttpSession, reply: Reply, redirect_uri: str, *, hops: int = MAX_HOPS) -> Reply:
    """Where a browser ends up after ``reply``: redirects are followed (no credentials go along) until a page,
    an error or a redirect to the client's ``redirect_uri`` (not followed: that is the client's own)."""
    for _ in range(hops):
        if not (300 <= reply.status < 400 and reply.location) or from_reply(reply, redirect_uri) is not None:
            return reply
        reply = http.get(urljoin(reply.url, reply.location))
    return reply
