"""Everything a run writes, rendered from one typed ``Findings`` value (``harness.findings``)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from harness.findings import Findings
from harness.report.allure_meta import write_allure_metadata
from harness.report.certification import certification_html, certification_markdown
from harness.report.summary import summary_text

__all__ = ["target_slug", "write_reports"]


def write_reports(findings: Findings, directory: Path, *, allure_dir: str | None = None) -> None:
    """findings.json, summary.txt, certification.md/.html, and each target's discovery and JWKS as seen."""
    directory.mkdir(parents=True, exist_ok=True)
    findings.write(directory / "findings.json")
    (directory / "summary.txt").write_text(summary_text(findings), encoding="utf-8")
    (directory / "certification.md").write_text(certification_markdown(findings), encoding="utf-8")
    (directory / "certification.html").write_text(certification_html(findings), encoding="utf-8")
    for target in findings.targets:
        seen = directory / "targets" / target_slug(target.name)
        seen.mkdir(parents=True, exist_ok=True)
        for name, document in (("discovery.json", target.discovery), ("jwks.json", target.jwks)):
            if document is not None:
                (seen / name).write_text(json.dumps(document, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    if allure_dir:
        write_allure_metadata(findings, Path(allure_dir))


def target_slug(name: str) -> str:
    """A file-name-safe name for a target: ``mock``, or the discovery URL's host and realm."""
    parts = urlsplit(name)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "target"
    realm = re.search(r"/realms/([^/]+)", parts.path)
    return "-".join(str(p) for p in (parts.hostname, parts.port, realm and realm.group(1)) if p)
