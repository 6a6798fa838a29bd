"""A relying party's JWKS cache, as BankID asks clients to keep one [S38]: the keys are kept for the
``Cache-Control`` ``max-age`` the provider sends ("the minimum guaranteed key lifetime"), refreshed when it runs
out, and refetched early, at most once per ``refetch_interval``, when a token names a ``kid`` the cache lacks
(a rotation the cache has not seen yet). The clock is injected so a test can drive a rotation.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from harness.http import HttpSession
from harness.rp.jose import Verified, peek, verify

MAX_AGE = re.compile(r"(?:^|,)\s*max-age\s*=\s*(\d+)\s*(?:,|$)", re.IGNORECASE)
NO_STORE = re.compile(r"(?:^|,)\s*(?:no-store|no-cache)\s*(?:,|$)", re.IGNORECASE)


def max_age(cache_control: str) -> int:
    """Seconds the response may be cached: ``max-age``, or 0 when absent or forbidden by no-store/no-cache."""
    if NO_STORE.search(cache_control):
        return 0
    found = MAX_AGE.search(cache_control)
    return int(found.group(1)) if found else 0


@dataclass
class JwksCache:
    http: HttpSession
    jwks_uri: str
    clock: Callable[[], float] = time.time
    refetch_interval: float = 60.0
    # What the cache did, for evidence and tests: one entry per fetch, with its reason.
    fetches: list[str] = field(default_factory=list)
    _jwks: dict[str, Any] = field(default_factory=dict, repr=False)
    _expires_at: float = float("-inf")
    _fetched_at: float = float("-inf")

    def keys(self) -> dict[str, Any]:
        if self.clock() >= self._expires_at:
            self._fetch("expired" if self.fetches else "first use")
        return self._jwks

    def kids(self) -> set[str]:
        return {str(k.get("kid")) for k in self._jwks.get("keys", []) if isinstance(k, dict)}

    def verify(self, token: str, *, algorithms: tuple[str, ...] = ("ES256",)) -> Verified:
        """Verify ``token`` with the cached keys, refetching once if its ``kid`` is not among them."""
        kid = str(peek(token)[0].get("kid"))
        jwks = self.keys()
        if kid not in self.kids() and self.clock() - self._fetched_at >= self.refetch_interval:
            self._fetch(f"unknown kid {kid[:8]}…")
            jwks = self._jwks
        return verify(token, jwks, algorithms=algorithms)

    def _fetch(self, reason: str) -> None:
        reply = self.http.get(self.jwks_uri)
        now = self.clock()
        self._jwks = (reply.json_object() or {}) if reply.status == 200 else {}
        self._fetched_at = now
        self._expires_at = now + max_age(reply.headers.get("cache-control", ""))
        self.fetches.append(reason)
