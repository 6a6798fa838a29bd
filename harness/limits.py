"""How much a run asks of a provider and accepts from it: per-request bounds and a shared request-rate cap.

``harness.http`` applies them; they live apart so targets and settings can build them without the HTTP seam.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["MB", "Limits", "RateLimit"]

MB = 1024 * 1024


@dataclass(frozen=True, kw_only=True)
class Limits:
    """Per-request bounds. ``timeout`` is total (connect to last byte); ``retries`` counts extra attempts."""

    timeout: float = 10.0
    max_bytes: int = 5 * MB
    retries: int = 2
    backoff: float = 0.25


class RateLimit:
    """At most ``per_second`` requests a second across every session of a target (a courtesy to live targets)."""

    def __init__(
        self,
        per_second: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = 1.0 / per_second
        self._clock, self._sleep = clock, sleep
        self._next = 0.0
        self._lock = threading.Lock()

    def acquire(self) -> None:
        with self._lock:
            now = self._clock()
            wait = self._next - now
            self._next = max(now, self._next) + self.interval
        if wait > 0:
            self._sleep(wait)
