"""The Allure 3 single-file HTML report, generated with npm's ``allure`` (no Java, no network).

Allure 3 always injects a Google Tag Manager script; it is stripped so the report never phones home.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from harness.settings import ROOT

_GTM = re.compile(r"<script[^>]*googletagmanager[^>]*>.*?</script>|<script>[^<]*gtag\([^<]*</script>", re.DOTALL)


def _allure() -> Path | None:
    """npm's ``allure``: this checkout's (scripts/bootstrap --html), the working directory's, or on PATH."""
    for candidate in (ROOT / "node_modules" / ".bin" / "allure", Path.cwd() / "node_modules" / ".bin" / "allure"):
        if candidate.exists():
            return candidate
    found = shutil.which("allure")
    return Path(found) if found else None


def render_html(results: Path, output: Path, *, name: str = "BankID OIDC conformance") -> str:
    allure = _allure()
    if allure is None:
        return "HTML report skipped: run scripts/bootstrap --html (needs npm) to install the Allure generator"
    if not any(results.glob("*-result.json")):
        return f"HTML report skipped: no Allure results in {results}"
    command = [
        str(allure),
        "awesome",
        str(results),
        "--single-file",
        "--output",
        str(output),
        "--report-name",
        name,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)  # noqa: S603
    index = output / "index.html"
    if done.returncode != 0 or not index.exists():
        return f"HTML report failed ({done.returncode}): {done.stderr.strip()[-500:]}"
    index.write_text(strip_tracking(index.read_text(encoding="utf-8")), encoding="utf-8")
    return f"HTML report: {index}"


def strip_tracking(html: str) -> str:
    return _GTM.sub("", html)
