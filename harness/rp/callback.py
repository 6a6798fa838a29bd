"""Reading the provider's answer at the client's ``redirect_uri`` in each response mode BankID offers:
``query`` (default), ``fragment`` and ``form_post`` [S10][S16] (OAuth 2.0 Multiple Response Types §2,
Form Post Response Mode §2)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, urljoin, urlsplit

from harness.http import Reply
from harness.rp.forms import parse_forms


@dataclass(frozen=True)
class Callback:
    """The parameters delivered to the client, and how (``query``, ``fragment`` or ``form_post``)."""

    mode: str
    params: dict[str, str]

    @property
    def error(self) -> str | None:
        return self.params.get("error")

    @property
    def code(self) -> str | None:
        return self.params.get("code")


def addresses(url: str, redirect_uri: str) -> bool:
    """Whether ``url`` points at ``redirect_uri``: same scheme, host and path, and its query carries every
    parameter ``redirect_uri`` has (a registered URI may have a query of its own)."""
    seen, wanted = urlsplit(url), urlsplit(redirect_uri)
    same = (seen.scheme.lower(), seen.netloc.lower(), seen.path) == (
        wanted.scheme.lower(),
        wanted.netloc.lower(),
        wanted.path,
    )
    return same and set(parse_qsl(wanted.query)) <= set(parse_qsl(seen.query))


def from_location(location: str, redirect_uri: str) -> Callback | None:
    if not addresses(location, redirect_uri):
        return None
    parts = urlsplit(location)
    own = dict(parse_qsl(urlsplit(redirect_uri).query))
    query = {k: v for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in own}
    fragment = dict(parse_qsl(parts.fragment, keep_blank_values=True))
    if fragment:
        return Callback("fragment", {**query, **fragment})
    return Callback("query", query)


def from_reply(reply: Reply, redirect_uri: str) -> Callback | None:
    """The callback ``reply`` delivers to ``redirect_uri``, or ``None`` if it sends the browser elsewhere."""
    if 300 <= reply.status < 400 and reply.location:
        return from_location(urljoin(reply.url, reply.location), redirect_uri)
    if reply.status == 200 and "html" in reply.content_type:
        for form in parse_forms(reply.text, reply.url):
            if form.method == "POST" and addresses(form.action, redirect_uri):
                return Callback("form_post", dict(form.fields))
    return None
