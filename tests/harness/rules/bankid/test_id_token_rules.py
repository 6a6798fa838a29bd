"""BID-R48 judged on crafted ID token claims: an eligible client that asked for nnin_altsub must get it."""

from __future__ import annotations

from typing import Any

import pytest

from harness.rules import Outcome, Violation, collecting
from harness.rules.bankid import id_token

MINIMUM: dict[str, Any] = {"sub": "x", "acr": "urn:bankid:bid;LOA=4", "amr": ["bid"]}
NNIN = "27034698436"


def test_an_eligible_client_that_asked_and_got_no_nnin_altsub_fails_r48() -> None:
    with collecting() as verdicts, pytest.raises(Violation) as raised:
        id_token.scoped_claims(MINIMUM, frozenset({"openid", "nnin_altsub"}))
    assert raised.value.rule.id == "BID-R48"
    assert "nnin_altsub is absent" in str(raised.value.seen)
    assert [v.outcome for v in verdicts] == [Outcome.FAILED]


@pytest.mark.parametrize(
    ("claims", "scopes", "eligible"),
    [
        ({**MINIMUM, "nnin_altsub": NNIN}, {"openid", "nnin_altsub"}, True),
        (MINIMUM, {"openid"}, True),
        (MINIMUM, {"openid", "nnin_altsub"}, False),
    ],
)
def test_nnin_altsub_exactly_for_an_eligible_client_that_asked(
    claims: dict[str, Any], scopes: set[str], eligible: bool
) -> None:
    assert id_token.scoped_claims(claims, frozenset(scopes), nnin_eligible=eligible).outcome is Outcome.PASSED


@pytest.mark.parametrize(
    ("scopes", "eligible"),
    [({"openid"}, True), ({"openid", "nnin_altsub"}, False)],
)
def test_nnin_altsub_without_asking_or_eligibility_fails_r48(scopes: set[str], eligible: bool) -> None:
    with pytest.raises(Violation) as raised:
        id_token.scoped_claims({**MINIMUM, "nnin_altsub": NNIN}, frozenset(scopes), nnin_eligible=eligible)
    assert raised.value.rule.id == "BID-R48"
