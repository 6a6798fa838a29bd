"""Reading the provider's metadata, as every client should instead of hard-coding endpoints (C2 [S55])."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from harness.http import HttpSession, Reply
from harness.rules.errors import Inconclusive


@dataclass(frozen=True)
class Discovery:
    reply: Reply
    document: dict[str, Any]

    def endpoint(self, name: str) -> str:
        value = self.document.get(name)
        if not isinstance(value, str) or not value:
            raise Inconclusive(f"the discovery document has no usable {name!r}; cannot continue this scenario")
        return value


def discover(http: HttpSession, url: str) -> Discovery:
    reply = http.get(url)
    return Discovery(reply, reply.json_object() or {})
