"""Findings: the one typed, versioned model of a run, written once as ``findings.json``.

Its JSON Schema is published as ``docs/findings.schema.json``; every other artefact (summary, certification,
JUnit post-processing, Allure metadata, the evidence pack, ``compare``) is rendered from these values. A
scenario's outcome travels here as data from the rule that decided it, never parsed back out of a message.

Scenario outcomes: **conformant**; **non-conformant** (a MUST rule failed); **warning** (conformant, but a SHOULD
or advisory rule warned); **inconclusive** (the target could not be judged: unreachable, or it lacks something
the scenario needs); **not-applicable** (e.g. fault injection on a real provider); **known-deviation** (a MUST
failure the target's known-deviations file lists); **harness-error** (a bug in this project).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal, cast, get_args

SCHEMA_VERSION = "1.0"
ScenarioOutcome = Literal[
    "conformant", "non-conformant", "warning", "inconclusive", "not-applicable", "known-deviation", "harness-error"
]
OUTCOMES: tuple[ScenarioOutcome, ...] = get_args(ScenarioOutcome)
VerdictOutcome = Literal["passed", "failed", "warning"]
ReasonKind = Literal["violation", "warning", "inconclusive", "not-applicable", "known-deviation", "harness-error"]
TargetKind = Literal["mock", "live"]


@dataclass(frozen=True, kw_only=True)
class Reason:
    """Why a scenario is not plainly conformant: a machine ``kind`` and the human ``message``; for a rule
    failure also the rule id and what was expected and seen (already redacted)."""

    kind: ReasonKind
    message: str
    rule_id: str | None = None
    expected: Any = None
    seen: Any = None
    link: str | None = None


@dataclass(frozen=True, kw_only=True)
class RuleVerdict:
    """One rule judged once inside a scenario."""

    rule: str
    level: str
    sources: list[str]
    outcome: VerdictOutcome
    expected: Any = None
    seen: Any = None
    note: str = ""


@dataclass(kw_only=True)
class Scenario:
    nodeid: str
    feature: str
    feature_file: str
    name: str
    target: str
    rule_ids: list[str]
    level: str | None
    outcome: ScenarioOutcome
    reason: Reason | None = None
    verdicts: list[RuleVerdict] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class TargetInfo:
    """What was seen of a target. ``discovery`` and ``jwks`` go to the evidence pack, not ``findings.json``."""

    name: str
    kind: TargetKind
    discovery_url: str
    reachable: bool
    issuer: str | None = None
    realm: str | None = None
    release: str | None = None
    jwks_kids: list[str] = field(default_factory=list)
    discovery_keys: list[str] = field(default_factory=list)
    client_ids: dict[str, str] = field(default_factory=dict)
    note: str = ""
    discovery: dict[str, Any] | None = field(default=None, repr=False, compare=False)
    jwks: dict[str, Any] | None = field(default=None, repr=False, compare=False)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        del data["discovery"], data["jwks"]
        return data


@dataclass(frozen=True, kw_only=True)
class RunInfo:
    harness_version: str
    git_commit: str | None
    command_line: str
    started: str
    finished: str
    python: str
    libraries: dict[str, str]


@dataclass(frozen=True, kw_only=True)
class Deviation:
    """A failure a target is known to show, from its known-deviations file."""

    target: str
    rule_id: str
    reason: str
    link: str | None = None
    still_happens: bool | None = None


@dataclass(frozen=True, kw_only=True)
class RuleResult:
    """The verdict on one rule for one target (see ``harness.report.judgement``)."""

    rule_id: str
    target: str
    level: str
    title: str
    sources: list[str]
    status: str
    scenarios: list[str]


@dataclass(kw_only=True)
class Findings:
    run: RunInfo
    targets: list[TargetInfo] = field(default_factory=list)
    scenarios: list[Scenario] = field(default_factory=list)
    rules: list[RuleResult] = field(default_factory=list)
    deviations: list[Deviation] = field(default_factory=list)
    verdict: str = "NOT JUDGED"
    exit_status: int = 4

    def counts(self) -> dict[str, int]:
        return {o: n for o in OUTCOMES if (n := sum(s.outcome == o for s in self.scenarios))}

    def as_json(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "verdict": self.verdict,
            "exit_status": self.exit_status,
            "counts": self.counts(),
            "run": asdict(self.run),
            "targets": [t.as_json() for t in self.targets],
            "rules": [asdict(r) for r in self.rules],
            "deviations": [asdict(d) for d in self.deviations],
            "scenarios": [asdict(s) for s in self.scenarios],
        }

    def write(self, path: Path) -> Path:
        path.write_text(json.dumps(self.as_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return path


def scenario_from_json(data: dict[str, Any]) -> Scenario:
    reason = data.get("reason")
    return Scenario(
        **{k: v for k, v in data.items() if k not in ("reason", "verdicts")},
        reason=Reason(**reason) if reason else None,
        verdicts=[RuleVerdict(**v) for v in data.get("verdicts", [])],
    )


def load(path: Path) -> Findings:
    """Read a ``findings.json`` back (for ``compare`` and ``report verify``)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("schema_version") != SCHEMA_VERSION:
        raise ValueError(f"{path}: schema_version {data.get('schema_version')!r}, this harness reads {SCHEMA_VERSION}")
    return Findings(
        run=RunInfo(**data["run"]),
        targets=[TargetInfo(**t) for t in data["targets"]],
        scenarios=[scenario_from_json(s) for s in data["scenarios"]],
        rules=[RuleResult(**r) for r in data["rules"]],
        deviations=[Deviation(**d) for d in data["deviations"]],
        verdict=cast(str, data["verdict"]),
        exit_status=int(data["exit_status"]),
    )
