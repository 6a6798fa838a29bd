"""A BankID test user as the mock keeps it: the RA preprod data of one end user [S59][S60], plus an outcome
switch that decides how that user's logins end.

Outcomes and their ``bankid_error_codes`` (the redirect's ``error_description``, [S56][S58]):

- ``cancel``: the user cancels; ``access_denied`` with ``C301``, the documented cancel example [S56].
- ``timeout``: the user never finishes; ``access_denied`` with ``C302`` (documented as a timeout [S58]).
- ``blocked_certificate``: the BankID certificate is blocked or revoked; ``access_denied`` with ``C167``.
  UNCLEAR: no documented code was found for this case, so the mock's choice can be overridden per user.
- ``bis_step_up``: a BankID with biometrics (BIS) login is stepped up to BankID High, so the result is
  ``acr=urn:bankid:bid;LOA=4`` even when BIS was requested and enabled [S66][S67].
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

OUTCOMES = ("cancel", "timeout", "blocked_certificate", "bis_step_up")
DEFAULT_ERROR_CODES = {"cancel": "C301", "timeout": "C302", "blocked_certificate": "C167"}
ALTSUB_PATTERN = re.compile(r"^9578-\d{4}-\d-\d+$")
ERROR_CODES_PATTERN = re.compile(r"^[A-Za-z0-9]{1,8}(,[A-Za-z0-9]{1,8}){0,4}$")


@dataclass(frozen=True, kw_only=True)
class TestUser:
    """One end user. ``error_codes`` overrides the outcome's default BankID codes (comma-separated)."""

    __test__ = False  # not a pytest test class, despite the name

    nnin: str
    bankid_altsub: str
    given_name: str
    family_name: str
    birthdate: str
    outcome: str | None = None
    error_codes: str | None = None

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    def codes_for(self, outcome: str) -> str:
        """The codes for ``outcome``: the user's own override, else the documented default."""
        return self.error_codes or DEFAULT_ERROR_CODES.get(outcome, "")

    def as_json(self) -> dict[str, Any]:
        return {
            "nnin": self.nnin,
            "bankid_altsub": self.bankid_altsub,
            "name": self.name,
            "given_name": self.given_name,
            "family_name": self.family_name,
            "birthdate": self.birthdate,
            "outcome": self.outcome,
            "error_codes": self.error_codes,
        }
