"""Test the tester: every fault profile, run over the whole conformance suite, fails exactly the MUST rules its
row of ``detection.toml`` names (and warns exactly the advisory ones); the conformant mock fails none; every
MUST rule fails under at least one profile.

The profiles are split into a few chunks so xdist can run them on both cores; each chunk is one pytest
session with one in-process mock target per profile.
"""

from __future__ import annotations

import pytest

from harness.rules import REGISTRY, Level, load_all
from mock_provider.faults import PROFILES
from tests.harness.detection import CONFORMANT, Expected, Observed, run_suite, table

CHUNKS = 4
TABLE = table()


def _chunk(index: int) -> list[str]:
    return sorted(TABLE)[index::CHUNKS]


def _must() -> set[str]:
    load_all()
    return {rule_id for rule_id, rule in REGISTRY.items() if rule.level is Level.MUST}


def _mismatch(name: str, expected: Expected, observed: Observed, baseline: frozenset[str]) -> str | None:
    warns = observed.warns - baseline
    if observed.fails == expected.fails and warns == expected.warns and not observed.unjudged:
        return None
    lines = [f"{name}:"]
    if observed.fails != expected.fails:
        lines.append(f"  fails {sorted(observed.fails)}, table says {sorted(expected.fails)}")
    if warns != expected.warns:
        lines.append(f"  warns {sorted(warns)}, table says {sorted(expected.warns)}")
    lines += [f"  harness error: {error}" for error in observed.unjudged[:3]]
    return "\n".join(lines)


@pytest.mark.parametrize("chunk", range(CHUNKS))
@pytest.mark.heavy(28)
def test_each_profile_fails_exactly_the_rules_of_its_row(pytester: pytest.Pytester, chunk: int) -> None:
    names = _chunk(chunk)
    if not names:
        pytest.skip("fewer profiles than chunks")
    observed = run_suite(pytester, names)
    baseline = TABLE[CONFORMANT].warns
    problems = [
        p for n in names if (p := _mismatch(n, TABLE[n], observed[n], baseline if n != CONFORMANT else frozenset()))
    ]
    assert not problems, "\n".join(problems)


def test_the_table_has_a_row_for_every_profile_and_the_conformant_mock() -> None:
    assert set(TABLE) == {*PROFILES, CONFORMANT}


def test_the_conformant_mock_fails_nothing() -> None:
    assert TABLE[CONFORMANT].fails == frozenset()


def test_every_must_rule_fails_under_some_profile() -> None:
    detected = set().union(*(row.fails for row in TABLE.values()))
    assert _must() - detected == set()


def test_the_table_names_only_registered_rules_at_their_level() -> None:
    must = _must()
    for name, row in TABLE.items():
        assert row.fails <= must, name
        assert not row.warns & must and row.warns <= set(REGISTRY), name
