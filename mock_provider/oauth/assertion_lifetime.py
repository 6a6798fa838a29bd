"""When a client assertion is acceptable, as Keycloak decides it (BankID documents no cap of its own).

Follows Keycloak's ``AbstractBaseJWTValidator.validateTokenActive`` with the values ``JWTClientValidator``
passes: a 15 s clock skew and ``OIDCAdvancedConfigWrapper.getTokenEndpointAuthSigningMaxExp`` (60 s unless
the client sets it). ``exp - iat`` is not capped: an assertion with a distant ``exp`` is accepted while it is
fresh, i.e. within ``MAX_EXP`` of its ``iat``. Without ``iat``, ``exp`` may be at most ``MAX_EXP`` ahead.

Time claims must be JSON numbers (RFC 7519 §2 NumericDate): finite, not booleans. ``NaN`` compares false with
everything, so an unchecked ``"iat": NaN`` would pass every comparison below.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any, NoReturn

ALLOWED_CLOCK_SKEW = 15  # JWTClientValidator.getAllowedClockSkew
MAX_EXP = 60  # OIDCAdvancedConfigWrapper.getTokenEndpointAuthSigningMaxExp default


class AssertionTimeError(ValueError):
    """The assertion's time claims are missing, malformed, or say it is not usable now."""


class StrictJSONDecoder(json.JSONDecoder):
    """Python's ``json`` accepts ``NaN``/``Infinity``; JSON (RFC 8259 §6) does not, so neither do we."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**{**kwargs, "parse_constant": _refuse_constant})


def _refuse_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a JSON number")


def numeric_date(claims: Mapping[str, Any], name: str) -> float | None:
    """``claims[name]`` as a finite number, ``None`` when absent; anything else is an error naming the claim."""
    value = claims.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise AssertionTimeError(f"Client assertion {name} must be a number")
    try:
        number = float(value)
    except OverflowError:
        raise AssertionTimeError(f"Client assertion {name} is out of range") from None
    if not math.isfinite(number):
        raise AssertionTimeError(f"Client assertion {name} must be a finite number")
    return number


def check_active(claims: Mapping[str, Any], now: float, *, accept_expired: bool = False) -> float:
    """Raise unless the assertion is usable at ``now``; return its ``exp`` (the jti is kept until then)."""
    exp, iat, nbf = (numeric_date(claims, name) for name in ("exp", "iat", "nbf"))
    if exp is None:
        raise AssertionTimeError("Client assertion exp claim is required")
    if nbf is not None and now < nbf - ALLOWED_CLOCK_SKEW:
        raise AssertionTimeError("Client assertion is not active yet")
    if iat is not None and iat - ALLOWED_CLOCK_SKEW > now:
        raise AssertionTimeError("Client assertion was issued in the future")
    if iat is None and exp - now > MAX_EXP:
        raise AssertionTimeError("Client assertion expiration is too far in the future and iat claim not present")
    if accept_expired:
        return exp
    # Keycloak: expired past the skew; and with iat, min(exp - now, maxExp) must stay positive.
    if now > exp + ALLOWED_CLOCK_SKEW or (iat is not None and exp <= now):
        raise AssertionTimeError("Client assertion has expired")
    if iat is not None and now > iat + MAX_EXP:
        raise AssertionTimeError("Client assertion was issued too far in the past to be used now")
    return exp
