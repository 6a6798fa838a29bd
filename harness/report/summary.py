"""Plain-text views of the findings: the terminal summary, ``summary.txt``, and the short failure message
that replaces a Python traceback (rule id, expected, seen, where the evidence is)."""

from __future__ import annotations

from harness.findings import Findings, Scenario
from harness.report.judgement import EXIT_STATUSES, tally
from harness.rules import REGISTRY

COLUMNS = ("passed", "failed", "warned", "inconclusive", "not-applicable", "known-deviation", "not-judged")


def terminal_summary(findings: Findings) -> list[str]:
    """The run's verdict and, per target, how many rules were judged, failed, warned, inconclusive, n/a."""
    lines = [f"BankID OIDC conformance: {findings.verdict} (exit {findings.exit_status})"]
    for target in findings.targets:
        counts = tally(findings.rules, target.name)
        judged = counts["passed"] + counts["failed"] + counts["warned"] + counts["known-deviation"]
        label = f"{target.name} [{target.kind}]"
        if not target.reachable:
            lines.append(f"  {label}: UNREACHABLE, nothing judged: {target.note}")
            continue
        lines.append(
            f"  {label}: {judged} rules judged, {counts['failed']} failed, {counts['warned']} warned, "
            f"{counts['inconclusive']} inconclusive, {counts['not-applicable']} not applicable"
            + (f", {counts['known-deviation']} known deviations" if counts["known-deviation"] else "")
        )
    lines.append(f"  exit {findings.exit_status}: {EXIT_STATUSES[findings.exit_status]}")
    return lines


def summary_text(findings: Findings) -> str:
    lines = terminal_summary(findings)
    lines += ["", "scenarios: " + ", ".join(f"{n} {o}" for o, n in findings.counts().items())]
    header = "rule        target              level     " + "  ".join(f"{c[:12]:>12}" for c in ("status",))
    lines += ["", header]
    for result in findings.rules:
        if result.status != "not-run":
            lines.append(f"{result.rule_id:<11} {result.target[:19]:<19} {result.level:<9} {result.status:>12}")
    problems = [s for s in findings.scenarios if s.reason is not None]
    if problems:
        lines += ["", "not plainly conformant:"]
        lines += [f"  [{s.outcome}] {s.target} :: {s.name}: {s.reason.message if s.reason else ''}" for s in problems]
    dropped = [d for d in findings.deviations if d.still_happens is False]
    if dropped:
        lines += ["", "known deviations that no longer happen (remove them from the file):"]
        lines += [f"  {d.rule_id} on {d.target}: {d.reason}" for d in dropped]
    return "\n".join(lines) + "\n"


def failure_text(scenario: Scenario, reports: str | None) -> str:
    """What a failed scenario prints instead of a traceback (``--bankid-debug`` restores the traceback)."""
    reason = scenario.reason
    where = f"{reports}/findings.json" if reports else "the scenario's evidence section below"
    if reason is None or reason.kind != "violation":
        message = reason.message if reason else "unknown error"
        return f"harness error: {message}\n  (re-run with --debug for the Python traceback)\n  evidence: {where}"
    rule = REGISTRY.get(reason.rule_id or "")
    lines = [
        f"{reason.rule_id} [{_level(scenario, reason.rule_id)}] {rule.title if rule else ''}",
        f"  source:   {', '.join(rule.sources) if rule else '?'}",
        f"  expected: {_short(reason.expected)}",
        f"  seen:     {_short(reason.seen)}",
        f"  evidence: {where} (scenario {scenario.nodeid!r}, redacted)",
    ]
    return "\n".join(lines)


def _level(scenario: Scenario, rule_id: str | None) -> str:
    return next((v.level for v in scenario.verdicts if v.rule == rule_id), scenario.level or "?")


def _short(value: object, limit: int = 400) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"
