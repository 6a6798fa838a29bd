"""The Allure HTML started before the run (harness/report/html.py, allure_awesome.mjs): the same report as
``allure awesome``, tracking stripped, nothing left running when the run ends without results or is called off."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from harness.report.html import PendingHtml, render_html
from harness.settings import ROOT
from harness.suite.unused_plugins import blocking_args

pytestmark = pytest.mark.skipif(
    shutil.which("node") is None or not (ROOT / "node_modules" / ".bin" / "allure").exists(),
    reason="the Allure HTML needs node and npm's allure: scripts/bootstrap --html",
)

TESTS = """\
import allure


def test_passes():
    allure.attach("seen", name="evidence (redacted)", attachment_type=allure.attachment_type.TEXT)


def test_fails():
    assert 1 == 2
"""


@pytest.fixture
def results(pytester: pytest.Pytester) -> Path:
    pytester.makepyfile(test_report=TESTS)
    directory = pytester.path / "allure-results"
    pytester.runpytest_subprocess("-p", "no:cacheprovider", *blocking_args(), "--alluredir", str(directory))
    assert any(directory.glob("*-result.json"))
    return directory


def _tests(output: Path) -> list[tuple[str, str]]:
    tests = json.loads((output / "test-results.json").read_text())["byId"].values()
    return sorted((t["name"], t["status"]) for t in tests)


def test_early_started_generator_writes_the_report_allure_awesome_writes(results: Path, tmp_path: Path) -> None:
    pending = PendingHtml(results, tmp_path / "early")
    message = pending.finish()
    assert message == f"HTML report: {tmp_path / 'early' / 'index.html'}"
    assert render_html(results, tmp_path / "plain").startswith("HTML report:")
    assert (
        _tests(tmp_path / "early")
        == _tests(tmp_path / "plain")
        == [("test_fails", "failed"), ("test_passes", "passed")]
    )
    html = (tmp_path / "early" / "index.html").read_text(encoding="utf-8")
    assert "googletagmanager" not in html
    assert abs(len(html) - len((tmp_path / "plain" / "index.html").read_text(encoding="utf-8"))) < 1000


def test_a_run_without_results_gets_no_report_and_no_generator_left(tmp_path: Path) -> None:
    pending = PendingHtml(tmp_path / "allure-results", tmp_path / "html")
    process = pending._process
    assert process is not None  # started before the run, as the CLI starts it
    assert pending.finish() == f"HTML report skipped: no Allure results in {tmp_path / 'allure-results'}"
    assert process.poll() is not None
    assert not (tmp_path / "html").exists()


def test_a_called_off_generator_exits_without_writing(results: Path, tmp_path: Path) -> None:
    pending = PendingHtml(results, tmp_path / "html")
    process = pending._process
    assert process is not None
    pending.cancel()
    assert process.wait(timeout=10) == 0
    assert not (tmp_path / "html").exists()
    pending.cancel()  # twice is harmless


def test_the_main_job_leaves_no_generator_running_after_a_usage_error(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "harness", "run", "--reports", str(tmp_path), "--target", "bogus"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 2
    assert not list(tmp_path.iterdir())
    running = subprocess.run(["pgrep", "-f", str(tmp_path)], capture_output=True, text=True, check=False)
    assert running.stdout.strip() == ""
