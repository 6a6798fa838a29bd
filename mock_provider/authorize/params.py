"""Parsing the parameters of an authorization request: single values, login hints and PKCE challenges.

Sources: BankID authorize [S16], login hints [S18][S19], API v4 [S50][S52], RFC 7636 §4.2.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from mock_provider.authorize.errors import PageError

CLEAR_NNIN_HINT = re.compile(r"^(BID|BIS|BIM)?:\d{11}$")
CHALLENGE = re.compile(r"^[A-Za-z0-9\-._~]{43,128}$")
IDPS = ("BID", "BIS", "BIM")


def single_values(pairs: Iterable[tuple[str, list[str]]]) -> dict[str, str]:
    """Each parameter once; a repeated one is an error (OIDC Core §3.1.2.1, RFC 6749 §3.1)."""
    values: dict[str, str] = {}
    for key, items in pairs:
        if len(items) > 1:
            raise PageError("invalid_request", f"Parameter repeated: {key}")
        values[key] = items[0]
    return values


@dataclass(frozen=True)
class LoginHint:
    """``login_hint`` as BankID reads it: ``[IDP][:nnin]`` [S18][S19]."""

    idp: str | None
    nnin: str | None

    @property
    def has_clear_nnin(self) -> bool:
        return self.nnin is not None


def parse_login_hint(value: str | None) -> LoginHint:
    if not value:
        return LoginHint(None, None)
    if CLEAR_NNIN_HINT.match(value):
        idp, _, nnin = value.partition(":")
        return LoginHint(idp or None, nnin)
    head = value.split(":", 1)[0].upper()
    return LoginHint(head if head in IDPS else None, None)


def is_valid_challenge(challenge: str, method: str) -> bool:
    """RFC 7636 §4.2: S256 gives a 43-character base64url value; plain is the 43-128 character verifier."""
    if not CHALLENGE.match(challenge):
        return False
    return len(challenge) == 43 if method == "S256" else True
