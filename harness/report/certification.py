"""The certification report a partner hands over (Markdown and printable HTML, from one document).

Targets stand side by side; a result judged against a mock says so in its column header; the header names
client, environment, provider release, harness version and commit, date and verdict. A rule counts as
passed only under the rules of ``harness.report.judgement``.
"""

from __future__ import annotations

from harness.findings import Findings, TargetInfo
from harness.report.coverage import coverage_rows
from harness.report.document import Block, Heading, Para, Table, markdown, to_html
from harness.report.judgement import RULE_STATUSES, tally, verdict

TITLE = "BankID OIDC conformance: certification report"
ENVIRONMENTS = {"current": "CURRENT (BankID's public test environment)", "prod": "PROD (production)"}


def certification_markdown(findings: Findings) -> str:
    return markdown(document(findings))


def certification_html(findings: Findings) -> str:
    return to_html(document(findings), TITLE)


def document(findings: Findings) -> list[Block]:
    blocks: list[Block] = [Heading(TITLE, 1), _run_table(findings), Heading("Targets"), _target_table(findings)]
    if any(t.kind == "mock" for t in findings.targets):
        blocks.append(
            Para(
                "Columns marked [mock] were judged against this project's mock of the BankID provider, not against "
                "BankID: they show the harness works, not that a BankID environment conforms."
            )
        )
    blocks += [Heading("Rules per target"), _tally_table(findings), _rule_table(findings)]
    blocks += _deviation_blocks(findings)
    names = [t.name for t in findings.targets]
    rule_ids = list(dict.fromkeys(r.rule_id for r in findings.rules))
    matrix = coverage_rows(findings.scenarios, rule_ids, names)
    blocks += [Heading("Rule → scenario → target"), Table(("rule", "scenario", *_labels(findings)), tuple(matrix))]
    problems = [s for s in findings.scenarios if s.reason is not None]
    if problems:
        rows = tuple(
            (s.outcome, s.target, f"{s.feature} / {s.name}", s.reason.message if s.reason else "") for s in problems
        )
        blocks += [
            Heading("Scenarios not plainly conformant"),
            Table(("outcome", "target", "scenario", "reason"), rows),
        ]
    return blocks


def _run_table(findings: Findings) -> Table:
    run = findings.run
    rows = (
        ("Verdict", f"{findings.verdict} (exit status {findings.exit_status})"),
        ("Date (UTC)", f"{run.started} to {run.finished}"),
        ("Harness", f"bankid-oidc-conformance {run.harness_version}, commit {run.git_commit or 'unknown'}"),
        ("Tools", f"Python {run.python}; " + ", ".join(f"{k} {v}" for k, v in sorted(run.libraries.items()))),
        ("Command", run.command_line),
    )
    return Table(("", ""), rows)


def _target_table(findings: Findings) -> Table:
    targets = findings.targets
    rows = [
        ("Kind", *(_kind(t) for t in targets)),
        ("Verdict", *(_target_verdict(findings, t.name) for t in targets)),
        ("Environment", *(_environment(t) for t in targets)),
        ("Discovery URL", *(t.discovery_url for t in targets)),
        ("Issuer", *(t.issuer or "-" for t in targets)),
        ("Provider release", *(t.release or "not advertised" for t in targets)),
        ("Client(s)", *(", ".join(f"{role}: {cid}" for role, cid in t.client_ids.items()) or "none" for t in targets)),
        ("Signing key ids", *(", ".join(t.jwks_kids) or "-" for t in targets)),
    ]
    return Table(("", *_labels(findings)), tuple(rows))


def _tally_table(findings: Findings) -> Table:
    statuses = [s for s in RULE_STATUSES]
    rows = tuple(
        (label, *(str(tally(findings.rules, t.name)[s]) for s in statuses))
        for label, t in zip(_labels(findings), findings.targets, strict=True)
    )
    return Table(("target", *statuses), rows)


def _rule_table(findings: Findings) -> Table:
    names = [t.name for t in findings.targets]
    by_rule: dict[str, dict[str, str]] = {}
    meta: dict[str, tuple[str, str, str]] = {}
    for result in findings.rules:
        by_rule.setdefault(result.rule_id, {})[result.target] = result.status
        meta[result.rule_id] = (result.level, " ".join(result.sources), result.title)
    rows = tuple(
        (rule_id, *meta[rule_id], *(statuses.get(n, "not-run") for n in names)) for rule_id, statuses in by_rule.items()
    )
    return Table(("rule", "level", "sources", "title", *_labels(findings)), rows)


def _deviation_blocks(findings: Findings) -> list[Block]:
    if not findings.deviations:
        return []
    rows = tuple(
        (d.rule_id, d.target, d.reason, d.link or "-", "still happens" if d.still_happens else "NO LONGER HAPPENS")
        for d in findings.deviations
    )
    return [Heading("Known deviations"), Table(("rule", "target", "reason", "link", "this run"), rows)]


def _labels(findings: Findings) -> list[str]:
    return [f"{t.name} [{t.kind}]" for t in findings.targets]


def _kind(target: TargetInfo) -> str:
    return "mock: judged against this project's mock, not BankID" if target.kind == "mock" else "live provider"


def _environment(target: TargetInfo) -> str:
    name = ENVIRONMENTS.get(target.realm or "", f"realm {target.realm or 'unknown'}")
    return f"mock of {name}" if target.kind == "mock" else name


def _target_verdict(findings: Findings, name: str) -> str:
    label, status = verdict(
        [s for s in findings.scenarios if s.target == name], [r for r in findings.rules if r.target == name]
    )
    return f"{label} (exit {status})"
