"""BankID's ID token claim expectations as data: claim → rule id, presence, value, and when [S44][S45][S47]
[S50]. One small function per presence kind and the value predicates below judge a token against it.

https://developer.bankid.no/bankid-oidc-provider/core-concepts/id-token
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

ALTSUB = re.compile(r"^9578-\d{4}-\d-\d+$")
NNIN = re.compile(r"^\d{11}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ACR_VALUES = ("urn:bankid:bid;LOA=4", "urn:bankid:bis;LOA=3")


class Presence(enum.Enum):
    ALWAYS = "always present"
    NEVER = "never present (removed in API v4)"
    WITH_SCOPE = "present exactly when its scope was requested"


@dataclass(frozen=True)
class Claim:
    name: str
    rule: str
    presence: Presence
    value: Callable[[Any], bool] | None = None
    value_text: str = ""
    scope: str | None = None


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _amr(value: Any) -> bool:
    """A JSON array (v2+) containing ``bid`` or a ``bis-*`` value [S21][S50][S66]."""
    return isinstance(value, list) and any(v == "bid" or str(v).startswith("bis-") for v in value)


CLAIMS: tuple[Claim, ...] = (
    Claim("acr", "BID-R46", Presence.ALWAYS, lambda v: v in ACR_VALUES, " or ".join(ACR_VALUES)),
    Claim("amr", "BID-R46", Presence.ALWAYS, _amr, "a JSON array with bid or bis-*"),
    Claim(
        "bankid_altsub",
        "BID-R47",
        Presence.ALWAYS,
        lambda v: isinstance(v, str) and bool(ALTSUB.match(v)),
        "matches ^9578-\\d{4}-\\d-\\d+$",
    ),
    Claim("api_ver", "BID-R47", Presence.ALWAYS, lambda v: v == 4 and isinstance(v, int), "the integer 4"),
    Claim("tid", "BID-R47", Presence.NEVER),
    Claim("additionalCertInfo", "BID-R47", Presence.NEVER),
    Claim("session_state", "BID-R47", Presence.NEVER),
    Claim(
        "nnin_altsub",
        "BID-R48",
        # Exactly with its scope: an eligible client that asks must get it. A client that is not eligible
        # is judged as if it had not asked (the rule drops the scope before judging).
        Presence.WITH_SCOPE,
        lambda v: isinstance(v, str) and bool(NNIN.match(v)),
        "11 digits",
        scope="nnin_altsub",
    ),
    Claim("name", "BID-R48", Presence.WITH_SCOPE, _text, "a non-empty string", scope="profile"),
    Claim("given_name", "BID-R48", Presence.WITH_SCOPE, _text, "a non-empty string", scope="profile"),
    Claim("family_name", "BID-R48", Presence.WITH_SCOPE, _text, "a non-empty string", scope="profile"),
    Claim(
        "birthdate",
        "BID-R48",
        Presence.WITH_SCOPE,
        lambda v: isinstance(v, str) and bool(DATE.match(v)),
        "YYYY-MM-DD",
        scope="profile",
    ),
)


def problems(rule_id: str, claims: Mapping[str, Any], scopes: frozenset[str]) -> list[str]:
    """Every way ``claims`` breaks the table rows of ``rule_id``, as short secret-free sentences."""
    found: list[str] = []
    for row in (r for r in CLAIMS if r.rule == rule_id):
        found += _presence(row, claims, scopes)
        if row.name in claims and row.value is not None and not row.value(claims[row.name]):
            found.append(f"{row.name} is not {row.value_text}")
    return found


def _presence(row: Claim, claims: Mapping[str, Any], scopes: frozenset[str]) -> list[str]:
    present, requested = row.name in claims, row.scope in scopes
    if row.presence is Presence.ALWAYS and not present:
        return [f"{row.name} is missing"]
    if row.presence is Presence.NEVER and present:
        return [f"{row.name} is present but was removed in API v4"]
    if row.presence is Presence.WITH_SCOPE and present != requested:
        return [f"{row.name} is {'present' if present else 'absent'} with scope {sorted(scopes)}"]
    return []
