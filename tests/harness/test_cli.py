"""The main job's command line: a report on success, exit codes that tell conformant from not, and usage
errors that say what is wrong before anything runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from harness.report.html import strip_tracking


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "harness", "run", "--no-html", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=env,
    )


def test_conformant_run_writes_the_report(tmp_path: Path) -> None:
    done = run("--reports", str(tmp_path), "-m", "discovery")
    assert done.returncode == 0, done.stdout[-2000:]
    assert (tmp_path / "summary.txt").read_text().startswith("BankID OIDC conformance: CONFORMANT")
    assert "| BID-R2 | The issuer matches the configured issuer | pass |" in (tmp_path / "certification.md").read_text()
    assert any((tmp_path / "allure-results").glob("*-result.json"))


def test_non_conformant_run_exits_1(tmp_path: Path) -> None:
    done = run("--reports", str(tmp_path), "-m", "BID-R2", "--mock-fault", "wrong-issuer")
    assert done.returncode == 1
    assert "NON-CONFORMANT" in (tmp_path / "summary.txt").read_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--target", "current"), "--target must be one of mock, mock-server or a discovery URL, not 'current'"),
        (("--mock-fault", "nope"), "--mock-fault: unknown fault profile 'nope'"),
    ],
)
def test_usage_errors_name_the_option(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    done = run("--reports", str(tmp_path), *args)
    assert done.returncode == 2
    assert message in done.stdout + done.stderr


def test_html_report_loses_its_tracking_script() -> None:
    html = '<head><script async src="https://www.googletagmanager.com/gtag/js?id=G-1"></script><title>r</title></head>'
    assert strip_tracking(html) == "<head><title>r</title></head>"
