"""What validation reports: errors that block provisioning, and advice that does not.

``ProvisioningError`` is the one error type: a ``field`` (a dotted path into the request, e.g.
``merchant_certificate.bid_password`` or ``redirect_uris[1]``) and a human ``message`` that cites its source.
Validation collects every problem rather than stopping at the first, so an integrator fixes a request in one
go. ``Advice`` carries the sentences of [S1] that inform rather than forbid (e.g. "no customer support").
"""

from __future__ import annotations

from dataclasses import dataclass


class ProvisioningError(ValueError):
    """One problem with one field of a provisioning request."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ProvisioningError):
            return NotImplemented
        return (self.field, self.message) == (other.field, other.message)

    def __hash__(self) -> int:
        return hash((self.field, self.message))

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}


@dataclass(frozen=True)
class Advice:
    """A documented recommendation or caveat attached to a field; never a reason to refuse a request."""

    field: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "message": self.message}
