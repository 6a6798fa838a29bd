"""Introspection rules, PROVIDER-FACTS §10 rules 25–27 [S34][S35].

https://developer.bankid.no/bankid-oidc-provider/api/introspect
"""

from __future__ import annotations

from harness.http import Reply
from harness.rules.registry import expect, rule


@rule("BID-R25", title="Introspection without client auth is 401", sources=("S34",))
def unauthenticated(reply: Reply) -> None:
    """POST introspect without client auth → **401** with error JSON [S34]."""
    expect(reply.status == 401, expected=401, seen=reply.status)
    body = reply.json_object()
    expect(body is not None and "error" in body, expected="a JSON body with error", seen=reply.text[:200])


@rule("BID-R26", title="A garbage token introspects as inactive", sources=("S34",))
def garbage_inactive(reply: Reply) -> None:
    """POST introspect with a garbage ``token`` → **200 ``{"active": false}``** [S34]."""
    expect(reply.status == 200, expected=200, seen=reply.status)
    body = reply.json_object()
    expect(body is not None and body.get("active") is False, expected={"active": False}, seen=body)


@rule("BID-R27", title="A fresh access token introspects as active for its client", sources=("S35",))
def fresh_token_active(reply: Reply, client_id: str) -> None:
    """Introspecting a fresh client_credentials access token with ``token_type_hint=bid_access_token`` → 200,
    ``active: true``, ``client_id`` == the caller [S35]."""
    expect(reply.status == 200, expected=200, seen=reply.status)
    body = reply.json_object() or {}
    expect(body.get("active") is True, expected=True, seen=body.get("active"), note="active")
    expect(body.get("client_id") == client_id, expected=client_id, seen=body.get("client_id"), note="client_id")
