"""HTML forms as a user agent sees them: the login dialog and the ``form_post`` response mode both hand the
browser a form to submit (OAuth 2.0 Form Post Response Mode §2)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)
    # Radio groups: the checked value wins over the first one seen.
    _checked: set[str] = field(default_factory=set, repr=False)


class _FormParser(HTMLParser):
    def __init__(self, base_url: str) -> None:
        super().__init__()
        self.base_url = base_url
        self.forms: list[Form] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "form":
            action = urljoin(self.base_url, values.get("action") or self.base_url)
            self.forms.append(Form(action, (values.get("method") or "get").upper()))
        elif tag == "input" and self.forms and values.get("name"):
            self._input(self.forms[-1], values)

    @staticmethod
    def _input(form: Form, values: dict[str, str]) -> None:
        name, kind = values["name"], values.get("type", "text").lower()
        if kind in ("radio", "checkbox"):
            if "checked" in values:
                form.fields[name] = values.get("value", "on")
                form._checked.add(name)
            elif name not in form._checked and kind == "radio":
                form.fields.setdefault(name, values.get("value", ""))
            return
        form.fields[name] = values.get("value", "")


def parse_forms(html: str, base_url: str) -> list[Form]:
    parser = _FormParser(base_url)
    parser.feed(html)
    parser.close()
    return parser.forms
