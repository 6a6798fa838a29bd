"""Rules split at the line between CONFIRMED and UNCLEAR facts (PROVIDER-FACTS legend): each MUST part fails
on what the confirmed fact forbids; each advisory part only warns, and passes on the other documented value."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from typing import Any

import pytest

from harness.http import Reply
from harness.rules import Outcome, Verdict, Violation, collecting
from harness.rules.bankid import discovery, par

KEYCLOAK_TYPES = ["code", "none", "id_token", "token", "id_token token", "code id_token", "code token"]


def judged(judge: Callable[[], Verdict]) -> tuple[str, Outcome]:
    with collecting() as verdicts, contextlib.suppress(Violation):
        judge()
    (verdict,) = verdicts
    return verdict.rule.id, verdict.outcome


@pytest.mark.parametrize(
    ("document", "must", "advisory"),
    [
        # R8: code supported (MUST) vs the exact list (advisory; G1 CURRENT published Keycloak's list [S11]).
        ({"response_types_supported": ["code"]}, discovery.code_flow, discovery.no_implicit),
        ({"response_types_supported": KEYCLOAK_TYPES}, discovery.code_flow, discovery.no_implicit),
        # R9: the default secret methods (MUST) vs private_key_jwt, granted per client (advisory).
        (
            {"token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"]},
            discovery.auth_methods,
            discovery.jwt_auth_advertised,
        ),
        # R10: the list exists (MUST) vs its inferred content (advisory).
        ({"acr_values_supported": ["urn:bankid:bid"]}, discovery.acr_values, discovery.acr_values_bankid),
        # R11: ES256 listed (MUST) vs ES256 alone (advisory).
        (
            {"id_token_signing_alg_values_supported": ["ES256", "RS256"]},
            discovery.es256_id_tokens,
            discovery.es256_only,
        ),
    ],
)
def test_the_unclear_part_warns_while_the_confirmed_part_passes(
    document: dict[str, Any], must: Callable[[dict[str, Any]], Verdict], advisory: Callable[[dict[str, Any]], Verdict]
) -> None:
    assert judged(lambda: must(document))[1] is Outcome.PASSED
    exact = document.get("response_types_supported") == ["code"]
    assert judged(lambda: advisory(document))[1] is (Outcome.PASSED if exact else Outcome.WARNING)


@pytest.mark.parametrize(
    ("document", "must", "rule_id"),
    [
        ({"response_types_supported": ["id_token"]}, discovery.code_flow, "BID-R8"),
        ({"token_endpoint_auth_methods_supported": ["private_key_jwt"]}, discovery.auth_methods, "BID-R9"),
        ({}, discovery.auth_methods, "BID-R9"),  # absent means client_secret_basic only
        ({}, discovery.acr_values, "BID-R10"),
        ({"id_token_signing_alg_values_supported": ["RS256"]}, discovery.es256_id_tokens, "BID-R11"),
    ],
)
def test_the_confirmed_part_still_fails_as_a_must(
    document: dict[str, Any], must: Callable[[dict[str, Any]], Verdict], rule_id: str
) -> None:
    assert judged(lambda: must(document)) == (rule_id, Outcome.FAILED)


def answer(status: int, body: dict[str, Any]) -> Reply:
    return Reply(status, {"content-type": "application/json"}, json.dumps(body).encode(), "https://op.example/par")


@pytest.mark.parametrize(
    ("reply", "must", "advisory"),
    [
        (answer(401, {"error": "invalid_client"}), Outcome.PASSED, Outcome.PASSED),
        # Keycloak versions answer 400 unauthorized_client too (PROVIDER-FACTS §3.4 [S76]).
        (answer(400, {"error": "unauthorized_client"}), Outcome.PASSED, Outcome.WARNING),
        (answer(201, {"request_uri": "urn:x", "expires_in": 60}), Outcome.FAILED, Outcome.WARNING),
    ],
)
def test_par_refusal_is_a_must_and_its_exact_status_advisory(reply: Reply, must: Outcome, advisory: Outcome) -> None:
    assert judged(lambda: par.unauthenticated(reply)) == ("BID-R39", must)
    assert judged(lambda: par.unauthenticated_exactly(reply)) == ("BID-R39a", advisory)
