"""Must show: every secret, code, token and session handle that crossed the wire during a real run, against the
in-process and the served mock, is absent from every file of the run directory (findings, certification,
JUnit, summary, Allure results and the Allure HTML, whose data is base64 inside the page)."""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest

ROOT = Path(__file__).resolve().parents[3]
_EMBEDDED = re.compile(r'd\("([^"]+)","([A-Za-z0-9+/=]*)"\)')


def texts(path: Path) -> Iterator[str]:
    text = path.read_bytes().decode("utf-8", "replace")
    yield text
    for _, data in _EMBEDDED.findall(text):
        yield base64.b64decode(data).decode("utf-8", "replace")


def published() -> str:
    """Values the requirements themselves publish (the TestBank and RA preset passwords) are not secrets."""
    return "\n".join(p.read_text() for p in (ROOT / "features").rglob("*.feature"))


@pytest.mark.heavy(8)
def test_no_secret_seen_during_a_run_reaches_any_file_of_the_run(tmp_path: Path) -> None:
    record = tmp_path / "secrets.json"
    reports = tmp_path / "reports"
    done = subprocess.run(
        [sys.executable, "-m", "harness", "run", "--reports", str(reports), "--target", "mock",
         "--target", "mock-server", "--", "-p", "tests.harness.report.secret_recorder"],
        capture_output=True, text=True, timeout=900, check=False, cwd=ROOT,
        env={**os.environ, "SECRET_RECORD_FILE": str(record)},
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:]
    public = published()
    secrets = {(kind, value) for kind, value in json.loads(record.read_text()) if value not in public}
    kinds = {kind for kind, _ in secrets}
    print(f"secrets recorded on the wire: {len(secrets)}, by kind: {dict(Counter(k for k, _ in secrets))}")
    # The run really produced each kind of secret, so finding none of them means something.
    assert {"code", "access_token", "id_token", "session", "client_secret", "client_assertion"} <= kinds, kinds
    run_dir = (reports / "latest").resolve()
    files = [p for p in run_dir.rglob("*") if p.is_file()]
    assert {"findings.json", "junit.xml", "certification.md", "certification.html"} <= {p.name for p in files}
    # Each secret as sent and URL-encoded both ways, encoded once (not once per file); a file's texts joined by
    # NUL, which no needle contains, so a match never spans two of them.
    needles = {(kind, form) for kind, value in secrets for form in (value, quote(value, safe=""), quote_plus(value))}
    leaks = set()
    for path in files:
        text = "\0".join(texts(path))
        leaks |= {(kind, str(path.relative_to(run_dir))) for kind, needle in needles if needle in text}
    print(f"files scanned: {len(files)} in {run_dir.name}; leaks: {len(leaks)}")
    assert not leaks, sorted(leaks)[:20]
