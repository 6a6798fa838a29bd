"""What the user does on the provider's login dialog, whichever driver plays the user."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class LoginChoice:
    """Log in (optionally choosing the IDP, or a mock's outcome) or cancel."""

    cancel: bool = False
    idp: str | None = None
    outcome: str | None = None
