"""Client assertions as the tests send them: BankID's sample claims [S14] and one token request."""

from __future__ import annotations

import uuid

import httpx

TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
TOKEN = "https://auth.current.bankid.no/auth/realms/current/protocol/openid-connect/token"


def claims_for(client_id: str, now: float, lifetime: int = 30, **overrides: object) -> dict[str, object]:
    """``iss = sub = client_id``, ``aud`` = the token endpoint, ``iat`` now, ``exp`` after ``lifetime``."""
    values: dict[str, object] = {
        "iss": client_id,
        "sub": client_id,
        "aud": TOKEN,
        "iat": int(now),
        "exp": int(now) + lifetime,
        "jti": str(uuid.uuid4()),
    }
    values.update(overrides)
    return {k: v for k, v in values.items() if v is not OMIT}


OMIT = object()  # a claim left out, e.g. ``claims_for(..., iat=OMIT)``


def send(http: httpx.Client, assertion: str) -> httpx.Response:
    return http.post(
        TOKEN, data={"grant_type": "client_credentials", "client_assertion_type": TYPE, "client_assertion": assertion}
    )
