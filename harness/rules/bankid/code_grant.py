"""Authorization-code exchange rules, PROVIDER-FACTS §10 rules 44 and 50 [S23][S25][S49] (RFC 6749 §4.1.3,
RFC 7636 §4.6).

https://developer.bankid.no/bankid-oidc-provider/api/token
"""

from __future__ import annotations

from typing import Any

from harness.http import Reply
from harness.rules.registry import expect, rule


@rule("BID-R44", title="A code needs its redirect_uri and verifier, and works once", sources=("S23", "S25"))
def bad_exchange_refused(reply: Reply) -> None:
    """Exchanging the code needs the same ``redirect_uri`` and the correct ``code_verifier``: a wrong verifier
    gives ``invalid_grant``, a second use of the code gives ``invalid_grant`` [S23][S25]."""
    expect(reply.status == 400, expected=400, seen=reply.status)
    error = (reply.json_object() or {}).get("error")
    expect(error == "invalid_grant", expected="invalid_grant", seen=error or reply.text[:120])


@rule("BID-R50", title="expires_in matches the ID token's lifetime", sources=("S49",))
def expires_in_synced(reply: Reply, id_token_claims: dict[str, Any]) -> None:
    """``expires_in`` in the token response == the ID token's ``exp - iat`` [S49]."""
    expect(reply.status == 200, expected=200, seen=reply.status, note="HTTP status")
    exp, iat = id_token_claims.get("exp"), id_token_claims.get("iat")
    lifetime = exp - iat if isinstance(exp, int) and isinstance(iat, int) else None
    expires_in = (reply.json_object() or {}).get("expires_in")
    expect(expires_in == lifetime, expected=lifetime, seen=expires_in)
