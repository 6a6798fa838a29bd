"""Logging a test user in headlessly on a mock's BankID TestBank dialog, the way a browser would: follow
the authorize redirect by hand, submit the login form with the TestBank credentials [S60][S79], and stop at
the first response that addresses the client's ``redirect_uri``.

A real provider needs a person or a browser and a test user from RA preprod (PROVIDER-FACTS §8): see
``harness.login`` (``BANKID_LOGIN``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from harness.http import HttpSession, Reply
from harness.login.choice import LoginChoice
from harness.rp.callback import Callback, from_reply
from harness.rp.forms import Form, parse_forms
from harness.rules.errors import Inconclusive
from harness.target import AdminAccess

__all__ = ["LoginChoice", "TestBankLogin", "open_dialog"]

OTP = "otp"
PASSWORD = "qwer1234"
MAX_HOPS = 8


@dataclass(frozen=True)
class TestBankLogin:
    """A login driver for a mock whose admin API lists test users (``GET {admin}/users``)."""

    __test__ = False  # not a pytest test class, despite the name

    admin: AdminAccess

    def __call__(
        self, http: HttpSession, authorize_url: str, *, redirect_uri: str, choice: LoginChoice | None = None
    ) -> Callback:
        user = self.test_user(http)
        reply, submitted = http.get(authorize_url), False
        for _ in range(MAX_HOPS):
            callback = from_reply(reply, redirect_uri)
            if callback is not None:
                return callback
            if 300 <= reply.status < 400 and reply.location:
                reply = http.get(urljoin(reply.url, reply.location))
                continue
            form = _login_form(reply)
            if form is None or submitted:
                raise Inconclusive(_stuck(reply, submitted))
            reply, submitted = _submit(http, form, user, choice or LoginChoice()), True
        raise Inconclusive(f"login took more than {MAX_HOPS} hops without reaching the redirect_uri")

    def test_user(self, http: HttpSession) -> dict[str, Any]:
        """The first seeded test user with no outcome switch of its own (so the login succeeds)."""
        reply = http.get(f"{self.admin.base_url}/users", headers=self._bearer())
        users = (reply.json_object() or {}).get("users")
        plain = [u for u in users or [] if isinstance(u, dict) and not u.get("outcome") and u.get("nnin")]
        if reply.status != 200 or not plain:
            raise Inconclusive(f"the mock's admin API lists no usable test user (HTTP {reply.status})")
        return plain[0]

    def _bearer(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.admin.token.reveal()}"}


def _login_form(reply: Reply) -> Form | None:
    if reply.status != 200 or "html" not in reply.content_type:
        return None
    forms = [f for f in parse_forms(reply.text, reply.url) if f.method == "POST" and "session" in f.fields]
    return forms[0] if forms else None


def _submit(http: HttpSession, form: Form, user: dict[str, Any], choice: LoginChoice) -> Reply:
    fields = {**form.fields, "action": "cancel" if choice.cancel else "login"}
    fields.update(nnin=str(user["nnin"]), otp=OTP, password=PASSWORD)
    if choice.idp:
        fields["idp"] = choice.idp
    if choice.outcome:
        fields["outcome"] = choice.outcome
    return http.post(form.action, data=fields)


def _stuck(reply: Reply, submitted: bool) -> str:
    where = "after submitting the login form" if submitted else "before any login form"
    return f"login stopped {where}: HTTP {reply.status} at {reply.url.split('?')[0]}"


def open_dialog(http: HttpSession, authorize_url: str) -> Reply:
    """Follow the authorize redirects to the first page the user sees (the login dialog, or an error)."""
    reply = http.get(authorize_url)
    for _ in range(MAX_HOPS):
        if not (300 <= reply.status < 400 and reply.location):
            return reply
        reply = http.get(urljoin(reply.url, reply.location))
    return reply
