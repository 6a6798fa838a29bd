"""Calls to a mock's admin API: a bearer admin token, JSON bodies, and "not offered" made inconclusive.

A mock without a given admin route (an older release, or a service still being built) cannot tell us
anything about that requirement, so a 404 or 405 from an admin route is ``Inconclusive``, never a failure.
"""

from __future__ import annotations

from typing import Any

from harness.http import HttpSession, Reply
from harness.rules.errors import Inconclusive
from harness.target import AdminAccess, Target

NOT_OFFERED = (404, 405)


class AdminSession:
    def __init__(self, http: HttpSession, admin: AdminAccess) -> None:
        self.http = http
        self.admin = admin

    @classmethod
    def of(cls, http: HttpSession, target: Target) -> AdminSession:
        return cls(http, target.require_admin())

    def call(self, method: str, path: str, body: Any = None, *, answers: tuple[int, ...] = ()) -> Reply:
        """``answers``: statuses that are this call's answer rather than "route not offered" (a 404 for an
        environment BankID does not have)."""
        url = f"{self.admin.base_url.rstrip('/')}/{path.lstrip('/')}"
        headers = {"Authorization": f"Bearer {self.admin.token.reveal()}", "Accept": "application/json"}
        reply = self.http.request(method, url, headers=headers, json_body=body)
        if reply.status in NOT_OFFERED and reply.status not in answers:
            raise Inconclusive(
                f"the mock's admin API does not offer {method} /{path.lstrip('/')} (HTTP {reply.status})"
            )
        return reply
