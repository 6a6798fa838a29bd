"""The rule registry: levels decide between failing and warning; every rule is documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from harness.rules import REGISTRY, Level, Outcome, Violation, collecting, expect, load_all, rule

ROOT = Path(__file__).resolve().parents[3]


def _check(ok: bool) -> None:
    expect(ok, expected="yes", seen="no")


def test_must_failure_raises_violation_with_rule_and_values() -> None:
    must = rule("TEST-M1", title="t", sources=("S0",))(_doc(_check))
    with collecting() as verdicts, pytest.raises(Violation) as raised:
        must(False)
    assert raised.value.rule.id == "TEST-M1" and (raised.value.expected, raised.value.seen) == ("yes", "no")
    assert [v.outcome for v in verdicts] == [Outcome.FAILED]
    REGISTRY.pop("TEST-M1")


@pytest.mark.parametrize("level", [Level.SHOULD, Level.ADVISORY])
def test_softer_levels_warn_and_continue(level: Level) -> None:
    soft = rule(f"TEST-{level.value}", title="t", sources=("S0",), level=level)(_doc(_check))
    with collecting() as verdicts:
        verdict = soft(False)
    assert verdict.outcome is Outcome.WARNING and verdicts == [verdict]
    REGISTRY.pop(f"TEST-{level.value}")


def test_duplicate_ids_and_undocumented_rules_are_refused() -> None:
    with pytest.raises(ValueError, match="defined twice"):
        rule("BID-R2", title="again", sources=("S8",))(_doc(_check))
    with pytest.raises(ValueError, match="docstring"):
        rule("TEST-NODOC", title="t", sources=("S0",))(lambda: None)


def test_every_registered_rule_has_sources_and_quotes_a_requirement() -> None:
    for rule_id, registered in load_all().items():
        assert registered.sources, rule_id
        assert all(s.startswith("S") for s in registered.sources), rule_id
        assert len(registered.requirement) > 20, rule_id


def _doc(function: object) -> object:
    def check(ok: bool) -> None:
        """A requirement quoted for the test."""
        _check(ok)

    return check


def test_verdicts_mask_token_and_secret_shaped_values() -> None:
    jwt_like = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"

    def leaky(value: object) -> None:
        """A check that puts what it saw, secrets and all, into its mismatch."""
        expect(False, expected="nothing", seen=value, note=f"callback had {jwt_like}")

    leaky_rule = rule("TEST-LEAK", title="t", sources=("S0",))(leaky)
    with collecting() as verdicts, pytest.raises(Violation) as raised:
        leaky_rule({"code": "abc123-authorization-code", "access_token": jwt_like, "state": "s1"})
    REGISTRY.pop("TEST-LEAK")
    text = str(raised.value) + repr(verdicts[0])
    assert jwt_like not in text and "abc123-authorization-code" not in text
    assert "'state': 's1'" in text


def test_every_rule_cites_provider_facts_sources_and_has_a_scenario() -> None:
    """Sources are S1-S81 (PROVIDER-FACTS.md's table); every rule id tags at least one Gherkin scenario."""
    features = "\n".join(p.read_text() for p in (ROOT / "features").rglob("*.feature"))
    tags = set(re.findall(r"@(BID-[RP]\d+[a-z]?)\b", features))
    for rule_id, registered in load_all().items():
        assert all(re.fullmatch(r"S\d+", s) and 1 <= int(s[1:]) <= 81 for s in registered.sources), rule_id
        assert rule_id in tags, f"{rule_id} has no scenario"


def test_a_rule_called_inside_another_is_refused_so_verdicts_keep_their_own_id() -> None:
    inner = rule("TEST-INNER", title="t", sources=("S0",))(_doc(_check))

    def outer_check(ok: bool) -> None:
        """A rule whose body (wrongly) judges through another rule."""
        inner(ok)

    outer = rule("TEST-OUTER", title="t", sources=("S0",))(outer_check)
    try:
        with collecting() as verdicts, pytest.raises(TypeError, match="TEST-INNER was called inside rule TEST-OUTER"):
            outer(False)
        assert verdicts == []
        assert inner(True).outcome is Outcome.PASSED  # the guard is released after the outer rule
    finally:
        REGISTRY.pop("TEST-INNER")
        REGISTRY.pop("TEST-OUTER")
