"""A value that must never be printed: its ``repr`` and ``str`` are redacted, ``reveal()`` is explicit."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Secret:
    _value: str

    @classmethod
    def wrap(cls, value: str | None) -> Secret | None:
        return None if value is None else cls(value)

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('***')"

    __str__ = __repr__


def fingerprint(value: str) -> str:
    """A short, non-reversible tag so evidence can show that two redacted values were the same."""
    return fingerprint_bytes(value.encode())


def fingerprint_bytes(value: bytes) -> str:
    return hashlib.sha256(value).hexdigest()[:8]
