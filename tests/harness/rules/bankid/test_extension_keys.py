"""BID-R6 and BID-R6a: BankID's discovery extension keys [S8], advisory per key. The product API base URLs
(signdoc, AML, fraud data) are judged apart, so a provider that does not serve those APIs is told which keys are
absent while the keys of its OpenID Connect surface are still judged on their own."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest

from harness.rules import Outcome, Verdict, Violation, collecting
from harness.rules.bankid import discovery

SURFACE = {
    "jwks_uri_enc": "https://op.example/certs/enc",
    "token_introspection_endpoint": "https://op.example/token/introspect",
    "pushed_authorization_request_endpoint": "https://op.example/par",
    "require_pushed_authorization_requests": False,
    "release": "2026.11",
}
PRODUCTS = {
    "signdoc-baseurl": "https://signdoc.example",
    "aml-baseurl": "https://aml.example",
    "fraud-data-baseurl": "https://fraud.example",
}


def verdict_of(document: dict[str, Any], check: Any) -> Verdict:
    with collecting() as verdicts, contextlib.suppress(Violation):
        check(document)
    (verdict,) = verdicts
    return verdict


@pytest.mark.parametrize(
    ("document", "r6", "r6a"),
    [
        ({**SURFACE, **PRODUCTS}, Outcome.PASSED, Outcome.PASSED),
        # The mock: it serves none of the product APIs, so it advertises none of their base URLs.
        (SURFACE, Outcome.PASSED, Outcome.WARNING),
        ({**SURFACE, "require_pushed_authorization_requests": "true", **PRODUCTS}, Outcome.WARNING, Outcome.PASSED),
        ({"release": "2026.11", **PRODUCTS}, Outcome.WARNING, Outcome.PASSED),
    ],
)
def test_surface_keys_and_product_bases_are_judged_apart(document: dict[str, Any], r6: Outcome, r6a: Outcome) -> None:
    assert verdict_of(document, discovery.bankid_extensions).outcome is r6
    assert verdict_of(document, discovery.product_api_bases).outcome is r6a


def test_an_absent_product_base_warns_naming_each_absent_key() -> None:
    verdict = verdict_of({**SURFACE, "aml-baseurl": "https://aml.example"}, discovery.product_api_bases)
    assert (verdict.rule.id, verdict.outcome) == ("BID-R6a", Outcome.WARNING)
    assert verdict.seen == "absent: ['signdoc-baseurl', 'fraud-data-baseurl']"


def test_both_rules_only_warn() -> None:
    """Never non-conformant: the keys are documented [S8] but §10 rule 6 makes each advisory."""
    for check in (discovery.bankid_extensions, discovery.product_api_bases):
        assert verdict_of({}, check).outcome is Outcome.WARNING
