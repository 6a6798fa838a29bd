"""ID token validation as OpenID Connect Core 1.0 §3.1.3.7 lists it, one function per numbered step.

https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation

Each step raises ``StepError`` (step number, what was expected, what was seen); ``validate`` runs them in
the order the spec gives. BankID's own claim rules (typ, lifetime, acr, api_ver…) are rules in
``harness.rules.bankid.id_token``; this module is the relying party's generic duty.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from harness.rp.jose import VerificationFailed, peek, verify

MAC_ALGORITHMS = ("HS256", "HS384", "HS512")


class StepError(ValueError):
    def __init__(self, step: int, requirement: str, *, expected: Any, seen: Any) -> None:
        super().__init__(f"OIDC Core 3.1.3.7 step {step}: {requirement}")
        self.step = step
        self.requirement = requirement
        self.expected = expected
        self.seen = seen


@dataclass(frozen=True, kw_only=True)
class Expectations:
    """What the client knows when the ID token arrives; ``now`` is injected so tests can fix the clock."""

    issuer: str
    client_id: str
    jwks: dict[str, Any] = field(repr=False)
    nonce: str | None = None
    algorithms: tuple[str, ...] = ("ES256",)
    acr_values: tuple[str, ...] = ()
    max_age: int | None = None
    leeway: int = 60
    max_iat_age: int = 600
    now: Callable[[], float] = time.time


@dataclass(frozen=True)
class Token:
    raw: str = field(repr=False)
    header: dict[str, Any]
    claims: dict[str, Any]


def step1_encryption(token: Token, want: Expectations) -> None:
    """Decrypt if encrypted; no encryption was negotiated, so the token must be a compact JWS (3 parts)."""
    parts = token.raw.count(".") + 1
    _require(1, "the ID token is a JWS, not a JWE", parts == 3, expected="3 dot-separated parts", seen=parts)


def step2_issuer(token: Token, want: Expectations) -> None:
    """The Issuer Identifier MUST exactly match the ``iss`` claim."""
    _require(
        2,
        "iss equals the issuer",
        token.claims.get("iss") == want.issuer,
        expected=want.issuer,
        seen=token.claims.get("iss"),
    )


def step3_audience(token: Token, want: Expectations) -> None:
    """``aud`` MUST contain the client_id, and no audience the client does not trust."""
    aud = token.claims.get("aud")
    audiences = aud if isinstance(aud, list) else [aud]
    _require(
        3,
        "aud contains the client_id and no other audience",
        audiences == [want.client_id],
        expected=want.client_id,
        seen=aud,
    )


def step4_multiple_audiences(token: Token, want: Expectations) -> None:
    """With several audiences an ``azp`` claim should be present."""
    aud = token.claims.get("aud")
    many = isinstance(aud, list) and len(aud) > 1
    _require(
        4,
        "azp is present when there are several audiences",
        not many or "azp" in token.claims,
        expected="azp",
        seen=sorted(token.claims),
    )


def step5_authorized_party(token: Token, want: Expectations) -> None:
    """If ``azp`` is present it should be the client_id."""
    azp = token.claims.get("azp", want.client_id)
    _require(5, "azp equals the client_id", azp == want.client_id, expected=want.client_id, seen=azp)


def step6_signature(token: Token, want: Expectations) -> None:
    """The signature MUST validate with the issuer's keys, using the ``alg`` of the JWS header."""
    try:
        verify(token.raw, want.jwks, algorithms=want.algorithms)
    except VerificationFailed as exc:
        _require(
            6,
            "the signature verifies with a published key",
            False,
            expected="a valid signature",
            seen=str(exc),
        )


def step7_algorithm(token: Token, want: Expectations) -> None:
    """``alg`` should be the algorithm agreed for ID tokens (ES256 for BankID API v3+ [S50])."""
    alg = token.header.get("alg")
    _require(7, "alg is the agreed algorithm", alg in want.algorithms, expected=want.algorithms, seen=alg)


def step8_mac(token: Token, want: Expectations) -> None:
    """MAC algorithms would use the client secret as key; BankID signs asymmetrically, so none is accepted."""
    alg = token.header.get("alg")
    _require(8, "no MAC algorithm", alg not in MAC_ALGORITHMS, expected="an asymmetric alg", seen=alg)


def step9_expiry(token: Token, want: Expectations) -> None:
    """The current time MUST be before ``exp`` (with a small leeway for clock skew)."""
    exp = token.claims.get("exp")
    now = want.now()
    fresh = isinstance(exp, int | float) and now < exp + want.leeway
    _require(9, "the token has not expired", fresh, expected=f"exp after {int(now)}", seen=exp)


def step10_issued_at(token: Token, want: Expectations) -> None:
    """``iat`` may reject tokens issued too far from now; the harness allows ``max_iat_age`` seconds."""
    iat = token.claims.get("iat")
    now = want.now()
    near = isinstance(iat, int | float) and now - want.max_iat_age <= iat <= now + want.leeway
    _require(10, "iat is close to now", near, expected=f"within {want.max_iat_age} s of {int(now)}", seen=iat)


def step11_nonce(token: Token, want: Expectations) -> None:
    """If a nonce was sent, the ``nonce`` claim MUST be present and equal to it."""
    if want.nonce is None:
        return
    seen = token.claims.get("nonce")
    _require(
        11,
        "nonce echoes the request",
        seen == want.nonce,
        expected="the nonce sent",
        seen="absent" if seen is None else "a different value",
    )


def step12_acr(token: Token, want: Expectations) -> None:
    """If ``acr`` was requested, its value should be appropriate: one of the requested values' family."""
    if not want.acr_values:
        return
    acr = str(token.claims.get("acr", ""))
    _require(
        12,
        "acr answers the requested acr_values",
        any(acr.startswith(v) for v in want.acr_values),
        expected=list(want.acr_values),
        seen=acr or None,
    )


def step13_auth_time(token: Token, want: Expectations) -> None:
    """With ``max_age`` the client checks ``auth_time`` is recent enough."""
    if want.max_age is None:
        return
    auth_time = token.claims.get("auth_time")
    recent = isinstance(auth_time, int | float) and want.now() - auth_time <= want.max_age + want.leeway
    _require(13, "auth_time is within max_age", recent, expected=f"within {want.max_age} s", seen=auth_time)


STEPS: tuple[Callable[[Token, Expectations], None], ...] = (
    step1_encryption,
    step2_issuer,
    step3_audience,
    step4_multiple_audiences,
    step5_authorized_party,
    step6_signature,
    step7_algorithm,
    step8_mac,
    step9_expiry,
    step10_issued_at,
    step11_nonce,
    step12_acr,
    step13_auth_time,
)


def parse(raw: str) -> Token:
    try:
        header, claims = peek(raw)
    except VerificationFailed as exc:
        raise StepError(1, "the ID token is a compact JWS", expected="a JWS", seen=str(exc)) from exc
    return Token(raw, header, claims)


def validate(raw: str, want: Expectations) -> Token:
    """Run every step of §3.1.3.7 in order; the first failing step raises ``StepError``."""
    token = parse(raw)
    for step in STEPS:
        step(token, want)
    return token


def _require(step: int, requirement: str, condition: bool, *, expected: Any, seen: Any) -> None:
    if not condition:
        raise StepError(step, requirement, expected=expected, seen=seen)
