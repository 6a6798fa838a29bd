"""Findings: what each scenario concluded, gathered across workers and written as a report.

A scenario is **conformant** (passed), **non-conformant** (a MUST rule failed), **inconclusive** (the target
could not be judged), **not applicable** (e.g. fault injection on a real provider) or a **harness error**.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harness.report.coverage import coverage_markdown
from harness.rules import REGISTRY, load_all

OUTCOMES = ("conformant", "non-conformant", "inconclusive", "not-applicable", "harness-error")


@dataclass
class Findings:
    scenarios: list[dict[str, Any]] = field(default_factory=list)

    def add(self, finding: dict[str, Any]) -> None:
        self.scenarios.append(finding)

    def counts(self) -> Counter[str]:
        return Counter(s["outcome"] for s in self.scenarios)

    def verdict(self) -> str:
        counts = self.counts()
        if counts["non-conformant"] or counts["harness-error"]:
            return "NON-CONFORMANT" if counts["non-conformant"] else "ERROR"
        if counts["inconclusive"]:
            return "INCONCLUSIVE"
        return "CONFORMANT" if counts["conformant"] else "NOTHING CHECKED"

    def rule_table(self) -> dict[str, Counter[str]]:
        table: dict[str, Counter[str]] = {rule_id: Counter() for rule_id in sorted(load_all(), key=_rule_order)}
        for scenario in self.scenarios:
            for verdict in scenario.get("verdicts", []):
                table.setdefault(verdict["rule"], Counter())[verdict["outcome"]] += 1
        return table

    def write(self, directory: Path) -> tuple[Path, Path]:
        directory.mkdir(parents=True, exist_ok=True)
        data = {"verdict": self.verdict(), "counts": dict(self.counts()), "scenarios": self.scenarios}
        json_path = directory / "findings.json"
        json_path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
        text_path = directory / "summary.txt"
        text_path.write_text(self.summary(), encoding="utf-8")
        (directory / "certification.md").write_text(self.certification(), encoding="utf-8")
        return json_path, text_path

    def certification(self) -> str:
        """The hand-over report: what was checked against which target, and the verdict per rule."""
        counts = self.counts()
        when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        lines = [
            "# BankID OIDC conformance report",
            "",
            f"- **Verdict:** {self.verdict()}",
            f"- **Targets:** {', '.join(sorted({s['target'] for s in self.scenarios})) or '-'}",
            f"- **Run:** {when}",
            "- **Scenarios:** " + ", ".join(f"{counts[o]} {o}" for o in OUTCOMES),
            "",
            "| rule | level | sources | title | passed | failed | warnings |",
            "|---|---|---|---|---|---|---|",
        ]
        for rule_id, tally in self.rule_table().items():
            rule = REGISTRY.get(rule_id)
            if rule is None:
                continue
            lines.append(
                f"| {rule_id} | {rule.level.value} | {' '.join(rule.sources)} | {rule.title} | "
                f"{tally['passed']} | {tally['failed']} | {tally['warning']} |"
            )
        untested = [r for r, t in self.rule_table().items() if not sum(t.values())]
        lines += ["", f"Rules not exercised in this run: {', '.join(untested) or 'none'}."]
        targets = sorted({str(s["target"]) for s in self.scenarios})
        lines += ["", "## Rule → scenario → target", ""]
        lines += coverage_markdown(self.scenarios, self.rule_table(), targets)
        problems = [s for s in self.scenarios if s["outcome"] != "conformant"]
        if problems:
            lines += ["", "## Scenarios that were not conformant", ""]
            lines += [
                f"- **{s['outcome']}** ({s['target']}) {s['feature']} / {s['name']}: {s.get('reason', '')}"
                for s in problems
            ]
        return "\n".join(lines) + "\n"

    def summary(self) -> str:
        counts = self.counts()
        lines = [f"BankID OIDC conformance: {self.verdict()}", ""]
        lines += [f"  {name:<15} {counts[name]}" for name in OUTCOMES]
        targets = sorted({s["target"] for s in self.scenarios})
        lines += [
            "",
            f"targets: {', '.join(targets) or '-'}",
            "",
            "rule        level     pass  fail  warn  title",
        ]
        for rule_id, tally in self.rule_table().items():
            rule = REGISTRY.get(rule_id)
            level = rule.level.value if rule else "?"
            title = rule.title if rule else ""
            lines.append(
                f"{rule_id:<11} {level:<9} {tally['passed']:>4}  {tally['failed']:>4}  {tally['warning']:>4}  {title}"
            )
        problems = [s for s in self.scenarios if s["outcome"] != "conformant"]
        if problems:
            lines += ["", "not conformant, inconclusive or not applicable:"]
            lines += [f"  [{s['outcome']}] {s['target']} :: {s['name']}: {s.get('reason', '')}" for s in problems]
        warnings = [(s, v) for s in self.scenarios for v in s.get("verdicts", []) if v["outcome"] == "warning"]
        if warnings:
            lines += ["", "warnings (SHOULD / advisory rules):"]
            lines += sorted({f"  {v['rule']}: expected {v['expected']}, seen {v['seen']}" for _, v in warnings})
        return "\n".join(lines) + "\n"


def _rule_order(rule_id: str) -> tuple[str, int, str]:
    prefix, _, rest = rule_id.partition("-R")
    digits = "".join(ch for ch in rest if ch.isdigit())
    return (prefix, int(digits or 0), rest)
