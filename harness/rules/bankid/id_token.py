"""ID token rules, PROVIDER-FACTS §10 rules 45-48 and 51 [S21][S44][S45][S47][S49][S50][S59].

https://developer.bankid.no/bankid-oidc-provider/core-concepts/id-token

BID-R45 runs the relying party's generic validation (OpenID Connect Core §3.1.3.7, ``harness.rp.id_token``)
and BankID's additions; rules 46-48 judge the claim table in ``claims``.
"""

from __future__ import annotations

from typing import Any

from harness.rp.id_token import Expectations, StepError, Token, validate
from harness.rules.bankid.claims import problems
from harness.rules.registry import expect, rule

LIFETIME = 300
BID_HIGH = "urn:bankid:bid;LOA=4"
BIS = "urn:bankid:bis;LOA=3"


def _lifetime(claims: dict[str, Any]) -> Any:
    exp, iat = claims.get("exp"), claims.get("iat")
    return exp - iat if isinstance(exp, int) and isinstance(iat, int) else (exp, iat)


@rule("BID-R45", title="The ID token validates and carries BankID's envelope claims", sources=("S44", "S49", "S50"))
def id_token_valid(raw: str, want: Expectations) -> None:
    """ID token: ``iss``, ``aud`` == client_id, ``azp`` == client_id, ``typ`` == ``ID``, ``nonce`` echoed,
    ``exp-iat`` == 300, ES256 signature verifying with a ``kid`` from the JWKS [S44][S49][S50]; and every step
    of OpenID Connect Core §3.1.3.7."""
    expect(bool(raw), expected="an id_token in the token response", seen="none")
    try:
        token: Token = validate(raw, want)
    except StepError as failed:
        expect(False, expected=failed.expected, seen=failed.seen, note=str(failed))
        return
    claims = token.claims
    expect(claims.get("azp") == want.client_id, expected=want.client_id, seen=claims.get("azp"), note="azp")
    expect(claims.get("typ") == "ID", expected="ID", seen=claims.get("typ"), note="typ")
    expect(token.header.get("alg") == "ES256", expected="ES256", seen=token.header.get("alg"), note="alg")
    expect(_lifetime(claims) == LIFETIME, expected=LIFETIME, seen=_lifetime(claims), note="exp - iat")


def _judge(rule_id: str, claims: dict[str, Any], scopes: frozenset[str]) -> None:
    found = problems(rule_id, claims, scopes)
    expect(not found, expected="the claim table holds", seen=found)


@rule("BID-R46", title="acr and amr name the BankID method", sources=("S21", "S50", "S66"))
def acr_amr(claims: dict[str, Any], scopes: frozenset[str]) -> None:
    """``acr`` == ``urn:bankid:bid;LOA=4`` for BankID High (or ``urn:bankid:bis;LOA=3`` for BIS); ``amr`` is a
    JSON array (v2+) containing ``bid`` (or a ``bis-*`` value) [S21][S50][S66]. The amr names the method the
    acr does: a BIS login carries a ``bis-*`` value."""
    _judge("BID-R46", claims, scopes)
    acr, amr = claims.get("acr"), claims.get("amr")
    bis = acr == BIS
    named = isinstance(amr, list) and any(str(v).startswith("bis-") if bis else v == "bid" for v in amr)
    expect(named, expected=f"an amr value for {acr}: {'bis-*' if bis else 'bid'}", seen=amr, note="amr vs acr")


@rule("BID-R47", title="bankid_altsub and api_ver 4, without the claims v4 removed", sources=("S44", "S50"))
def v4_identity(claims: dict[str, Any], scopes: frozenset[str]) -> None:
    """``bankid_altsub`` matches ``^9578-\\d{4}-\\d-\\d+$``. ``api_ver`` == 4. ``tid``, ``additionalCertInfo``
    and ``session_state`` are absent [S44][S50]."""
    _judge("BID-R47", claims, scopes)


@rule("BID-R48", title="Scoped claims appear only with their scope", sources=("S44", "S45", "S47"))
def scoped_claims(claims: dict[str, Any], scopes: frozenset[str], *, nnin_eligible: bool = True) -> None:
    """``nnin_altsub`` (11 digits) is present only if the scope ``nnin_altsub`` was requested **and** the
    client is eligible; ``name``, ``given_name``, ``family_name`` and ``birthdate`` are present only with
    ``profile`` [S44][S45][S47]. The scope gives the claim "in the ID token" [S47]: an eligible client that
    asked gets it (the conformance client of the main role is provisioned eligible)."""
    if not nnin_eligible:
        present = "nnin_altsub" in claims
        expect(not present, expected="no nnin_altsub for a client that is not eligible", seen="nnin_altsub present")
        scopes = scopes - {"nnin_altsub"}
    _judge("BID-R48", claims, scopes)


@rule("BID-R51", title="login_hint BIS gives BIS only on a client with BIS enabled", sources=("S21", "S59"))
def bis_hint(claims: dict[str, Any], *, bis_enabled: bool) -> None:
    """``login_hint`` BIS on a client without BIS enabled yields a BankID High result (``acr`` …bid;LOA=4)
    [S59]; on a client with BIS enabled, ``urn:bankid:bis;LOA=3`` for BIS [S21]."""
    want = BIS if bis_enabled else BID_HIGH
    expect(claims.get("acr") == want, expected=want, seen=claims.get("acr"))
