"""``bankid-conformance compare RUN_A RUN_B``: what changed between two runs, per rule and per target.

Rule statuses, the provider's ``release``, the JWKS key ids and the discovery document's keys. Targets are
paired by name; two single-target runs are paired whatever their names (mock against live, CURRENT today
against CURRENT last night).
"""

from __future__ import annotations

from pathlib import Path

from harness.findings import Findings, TargetInfo, load
from harness.report.judgement import rule_order


def load_run(path: Path) -> Findings:
    """A run directory (or its ``findings.json``); a bad path is a ``ValueError`` naming it."""
    file = path / "findings.json" if path.is_dir() else path
    try:
        return load(file)
    except (OSError, KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{file}: not a findings.json this harness can read ({exc})") from exc


def compare(a: Findings, b: Findings) -> list[str]:
    """One line per difference; empty when the runs agree."""
    lines: list[str] = []
    for left, right in _pairs(a, b):
        lines += _target_changes(left, right)
        lines += _rule_changes(a, b, left.name, right.name)
    return lines


def _pairs(a: Findings, b: Findings) -> list[tuple[TargetInfo, TargetInfo]]:
    if len(a.targets) == 1 and len(b.targets) == 1:
        return [(a.targets[0], b.targets[0])]
    theirs = {t.name: t for t in b.targets}
    return [(t, theirs[t.name]) for t in a.targets if t.name in theirs]


def _target_changes(left: TargetInfo, right: TargetInfo) -> list[str]:
    label = left.name if left.name == right.name else f"{left.name} -> {right.name}"
    lines = []
    if left.release != right.release:
        lines.append(f"{label}: release {left.release!r} -> {right.release!r}")
    if left.jwks_kids != right.jwks_kids:
        lines.append(f"{label}: JWKS kids {left.jwks_kids} -> {right.jwks_kids}")
    added = sorted(set(right.discovery_keys) - set(left.discovery_keys))
    removed = sorted(set(left.discovery_keys) - set(right.discovery_keys))
    if added or removed:
        lines.append(f"{label}: discovery keys added {added}, removed {removed}")
    return lines


def _rule_changes(a: Findings, b: Findings, left: str, right: str) -> list[str]:
    before = {r.rule_id: r.status for r in a.rules if r.target == left}
    after = {r.rule_id: r.status for r in b.rules if r.target == right}
    label = left if left == right else f"{left} -> {right}"
    return [
        f"{rule_id} ({label}): {before.get(rule_id, 'absent')} -> {after.get(rule_id, 'absent')}"
        for rule_id in sorted(set(before) | set(after), key=rule_order)
        if before.get(rule_id) != after.get(rule_id)
    ]
