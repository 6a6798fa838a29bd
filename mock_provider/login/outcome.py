"""Deciding how a login ends: the TestBank credentials, the outcome switches and the resulting IDP.

TestBank accepts the one-time code ``otp`` and the password ``qwer1234`` for every test user [S60][S79].
An outcome chosen for the request (form field or ``X-Mock-Outcome`` header) wins over the user's own.
BIS asked for by a client without BIS enabled gives a BankID High result [S59].
"""

from __future__ import annotations

from dataclasses import dataclass

from mock_provider.users.model import DEFAULT_ERROR_CODES, OUTCOMES, TestUser

OTP = "otp"
PASSWORD = "qwer1234"
OUTCOME_HEADER = "X-Mock-Outcome"
FAILURES = ("cancel", "timeout", "blocked_certificate")
BID = ("urn:bankid:bid;LOA=4", ("bid",))
BIS = ("urn:bankid:bis;LOA=3", ("bis-mfa", "bis-hwk"))
# BankID on mobile: acr ...bim;LOA=4 [S20][S21]; the v2+ amr array names the method as the BID one does [S50].
BIM = ("urn:bankid:bim;LOA=4", ("bim",))


@dataclass(frozen=True)
class Result:
    """A finished login: either ``error_codes`` (a failure) or the ``acr`` and ``amr`` of a success."""

    error_codes: str | None = None
    acr: str = BID[0]
    amr: tuple[str, ...] = BID[1]


def parse_outcome(value: str | None) -> str | None:
    value = (value or "").strip().lower()
    return value if value in OUTCOMES else None


def credentials_ok(otp: str, password: str) -> bool:
    return otp == OTP and password == PASSWORD


def early_failure(outcome: str | None) -> Result | None:
    """A failure chosen for the request ends the login before any credentials are checked."""
    return Result(error_codes=DEFAULT_ERROR_CODES[outcome]) if outcome in FAILURES else None


def finish(
    user: TestUser, outcome: str | None, *, wants_bis: bool, bis_enabled: bool, wants_bim: bool = False
) -> Result:
    chosen = outcome or user.outcome
    if chosen in FAILURES:
        return Result(error_codes=user.codes_for(chosen))
    if wants_bim:
        return Result(acr=BIM[0], amr=BIM[1])
    if wants_bis and bis_enabled and chosen != "bis_step_up":
        return Result(acr=BIS[0], amr=BIS[1])
    return Result()
